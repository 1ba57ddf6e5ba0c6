import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { pruneWebhookDeliveries } from "@/lib/webhooks/prune-deliveries";

const POLL_MS = 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Posts queued webhook deliveries from this server process; instances share the queue. Prunes old ones hourly. */
export function startWebhookDelivery(): void {
  startBackgroundLoop("webhooks", POLL_MS, async (signal) => {
    await deliverDueWebhooks({ signal });
  });
  startBackgroundLoop("webhook-pruning", PRUNE_EVERY_MS, async (signal) => {
    await pruneWebhookDeliveries({ signal });
  });
}
