import "server-only";
import { startBackgroundLoop } from "@/lib/background-loop";
import { env } from "@/lib/env";
import { runDueSyncs } from "@/lib/sync/run-due-syncs";

const TICK_MS = 5_000;

/**
 * Keeps the cache of every recently active team fresh: every few seconds, syncs the teams whose
 * last sync is older than HITDESK_SYNC_INTERVAL_SECONDS, one at a time. The sync lease keeps
 * several app processes from syncing the same team at once. Off when the interval is 0.
 */
export function startSyncBackground(): void {
  if (env.HITDESK_SYNC_INTERVAL_SECONDS === 0) return;
  startBackgroundLoop("sync", TICK_MS, async () => {
    await runDueSyncs(env.HITDESK_SYNC_INTERVAL_SECONDS);
  });
}
