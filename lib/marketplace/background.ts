import "server-only";
import { db } from "@/lib/db";
import { stepWorkforce } from "@/lib/marketplace/simulation/run-workforce";
import { sweepRequester } from "@/lib/marketplace/sweep";
import { shutdownSignal } from "@/lib/shutdown";

const TICK_MS = 1000;
const SWEEP_EVERY_MS = 5000;
let started = false;

/**
 * Sweeps every requester every few seconds, so time-driven changes happen without API calls,
 * and steps each running simulated workforce at its own pace.
 */
export function startMarketplaceBackground(): void {
  if (started) return;
  started = true;
  let running = false;
  let lastSweepAt = 0;
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

  const signal = shutdownSignal();
  const tick = async () => {
    if (running || signal.aborted) return;
    running = true;
    try {
      if (Date.now() - lastSweepAt >= SWEEP_EVERY_MS) {
        lastSweepAt = Date.now();
        await sweepAll();
      }
      await stepWorkforces();
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick(), TICK_MS).unref();
}
