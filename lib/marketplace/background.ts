import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import { db } from "@/lib/db";
import { LeaderLock } from "@/lib/db/leader-lock";
import { deliverNotificationMessages, pruneNotificationDeliveries } from "@/lib/marketplace/notification-delivery";
import { stepWorkforce } from "@/lib/marketplace/simulation/run-workforce";
import { sweepRequester } from "@/lib/marketplace/sweep";
import { shutdownSignal } from "@/lib/shutdown";

const TICK_MS = 1000;
const SWEEP_EVERY_MS = 5000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Sweeps every requester every few seconds, so time-driven changes happen without API calls,
 * and steps each running simulated workforce at its own pace. With several instances on one
 * database only the leader does this, so workforces keep their pace and nothing is swept twice;
 * the others try to take over every tick, which they can as soon as the leader is gone.
 */
export function startMarketplaceBackground(): void {
  let leading = false;
  let lastSweepAt = 0;
  const leader = new LeaderLock("marketplace-background");
  const lastStepAt = new Map<string, number>();

  const sweepAll = async () => {
    try {
      for (const { id } of await db.mkRequester.findMany({ select: { id: true } })) await sweepRequester(id);
    } catch (e) {
      console.error("[marketplace] background sweep failed", e);
    }
  };

  const stepWorkforces = async () => {
    let due: { requesterId: string; paceMs: number }[];
    try {
      due = await db.mkSimulatedWorkforce.findMany({ where: { paused: false, workers: { gt: 0 } }, select: { requesterId: true, paceMs: true } });
    } catch (e) {
      console.error("[marketplace] reading simulated workforces failed", e);
      return;
    }
    for (const w of due) {
      if (Date.now() - (lastStepAt.get(w.requesterId) ?? 0) < w.paceMs) continue;
      lastStepAt.set(w.requesterId, Date.now());
      try {
        await stepWorkforce(w.requesterId);
      } catch (e) {
        // One workforce's trouble (or a database hiccup) must not stop the others or the sweep.
        console.error(`[marketplace] simulated workforce of ${w.requesterId} failed a step`, e);
      }
    }
  };

  // HTTP notifications (HITdesk's extension): every instance helps, SKIP LOCKED keeps each message to one.
  startBackgroundLoop("marketplace-notifications", TICK_MS, async (signal) => {
    await deliverNotificationMessages({ signal });
  });
  startBackgroundLoop("marketplace-notification-pruning", PRUNE_EVERY_MS, async (signal) => {
    await pruneNotificationDeliveries({ signal });
  });

  shutdownSignal().addEventListener("abort", () => void leader.release(), { once: true });
  startBackgroundLoop("marketplace", TICK_MS, async () => {
    const leads = await leader.lead().catch((e: unknown) => {
      console.error("[marketplace] cannot tell which instance runs the background work", e);
      return false;
    });
    if (leads !== leading) {
      leading = leads;
      // The previous leader's pace is unknown here: start every workforce afresh.
      lastStepAt.clear();
      console.log(leads ? `[marketplace] this instance (pid ${process.pid}) now runs the marketplace background work` : "[marketplace] another instance runs the marketplace background work");
    }
    if (!leads) return;
    if (Date.now() - lastSweepAt >= SWEEP_EVERY_MS) {
      lastSweepAt = Date.now();
      await sweepAll();
    }
    await stepWorkforces();
  });
}
