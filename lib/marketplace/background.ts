import "server-only";
import { db } from "@/lib/db";
import { sweepRequester } from "@/lib/marketplace/sweep";

const INTERVAL_MS = 5000;
let started = false;

/** Sweeps every requester every few seconds, so time-driven changes happen without API calls. */
export function startMarketplaceBackground(): void {
  if (started) return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const { id } of await db.mkRequester.findMany({ select: { id: true } })) await sweepRequester(id);
    } catch (e) {
      console.error("[marketplace] background sweep failed", e);
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
