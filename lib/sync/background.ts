import "server-only";
import { env } from "@/lib/env";
import { shutdownSignal } from "@/lib/shutdown";
import { runDueSyncs } from "@/lib/sync/run-due-syncs";

const TICK_MS = 5_000;
let started = false;

/**
 * Keeps the cache of every recently active team fresh: every few seconds, syncs the teams whose
 * last sync is older than HITDESK_SYNC_INTERVAL_SECONDS, one at a time. The sync lease keeps
 * several app processes from syncing the same team at once. Off when the interval is 0.
 */
export function startSyncBackground(): void {
  if (started || env.HITDESK_SYNC_INTERVAL_SECONDS === 0) return;
  started = true;
  const signal = shutdownSignal();
  let running = false;
  const tick = async () => {
    if (running || signal.aborted) return;
    running = true;
    try {
      await runDueSyncs(env.HITDESK_SYNC_INTERVAL_SECONDS);
    } catch (e) {
      // The database may be briefly unreachable; the next tick tries again.
      console.error("[sync] background round failed", e);
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick(), TICK_MS).unref();
}
