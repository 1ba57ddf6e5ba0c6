import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";

const POLL_MS = 1000;

/** Posts queued webhook deliveries from this server process; instances share the queue. */
export function startWebhookDelivery(): void {
  startBackgroundLoop("webhooks", POLL_MS, async (signal) => {
    await deliverDueWebhooks({ signal });
  });
}
