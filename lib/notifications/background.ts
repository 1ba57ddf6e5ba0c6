import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import { LeaderLock } from "@/lib/db/leader-lock";
import { env } from "@/lib/env";
import { mailConfigured } from "@/lib/mail";
import { runNotificationChecks } from "@/lib/notifications/check-conditions";
import { deliverDueEmails } from "@/lib/notifications/deliver-emails";
import { pruneNotifications } from "@/lib/notifications/prune-notifications";
import { shutdownSignal } from "@/lib/shutdown";

const MAIL_POLL_MS = 5_000;
/** Conditions are checked at the sync's pace (the cache they read changes no faster), at least every minute. */
const checkEveryMs = () => Math.max(env.HITDESK_SYNC_INTERVAL_SECONDS, 60) * 1000;

/**
 * Sends queued notification e-mails from this server process (instances share the queue), and
 * checks the notifying conditions (auto-approvals due, balance low) and prunes old notifications
 * in one instance at a time.
 */
export function startNotificationBackground(): void {
  if (mailConfigured()) {
    startBackgroundLoop("notification-mail", MAIL_POLL_MS, async (signal) => {
      await deliverDueEmails({ signal });
    });
  }
  const lock = new LeaderLock("notification-checks");
  shutdownSignal().addEventListener("abort", () => void lock.release(), { once: true });
  startBackgroundLoop("notification-checks", checkEveryMs(), async () => {
    if (!(await lock.lead())) return;
    await runNotificationChecks();
    await pruneNotifications();
  });
}
