import "server-only";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";
import type { SyncResult } from "@/lib/sync/sync-account";
import { syncTeam } from "@/lib/sync/sync-team";
import { refreshWorkerStats } from "@/lib/workers/refresh-worker-stats";

/** A team counts as active while someone had the dashboard open on it this recently. */
export const ACTIVE_WITHIN_MS = 15 * 60 * 1000;

export interface DueSync {
  teamId: string;
  environment: EnvironmentName;
}

/**
 * Team+environments to sync now: seen recently, connected to a marketplace, last synced more
 * than `intervalSeconds` ago (or never) and not being synced by anyone. Longest-waiting first.
 */
export async function dueSyncs(intervalSeconds: number, now = new Date()): Promise<DueSync[]> {
  const states = await db.syncState.findMany({
    where: {
      lastSeenAt: { gte: new Date(now.getTime() - ACTIVE_WITHIN_MS) },
      OR: [{ finishedAt: null }, { finishedAt: { lt: new Date(now.getTime() - intervalSeconds * 1000) } }],
      AND: [{ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }],
    },
    orderBy: { finishedAt: { sort: "asc", nulls: "first" } },
    select: { teamId: true, environment: true },
    take: 100,
  });
  if (!states.length) return [];
  const connected = await db.marketplaceConnection.findMany({
    where: { OR: states.map((s) => ({ teamId: s.teamId, environment: s.environment })) },
    select: { teamId: true, environment: true },
  });
  const isConnected = new Set(connected.map((c) => `${c.teamId}:${c.environment}`));
  return states.filter((s) => isConnected.has(`${s.teamId}:${s.environment}`));
}

/**
 * One round of the background sync: every due team, one at a time, so a process never runs
 * more than one sync at once. A failing team is logged (and its error kept in SyncState by the
 * sync itself) and the round moves on.
 */
export async function runDueSyncs(
  intervalSeconds: number,
  sync: (teamId: string, environment: EnvironmentName) => Promise<SyncResult> = (teamId, environment) => syncTeam(teamId, environment, { qualifications: "due" }),
): Promise<{ synced: DueSync[]; failed: DueSync[] }> {
  const synced: DueSync[] = [];
  const failed: DueSync[] = [];
  for (const due of await dueSyncs(intervalSeconds)) {
    try {
      const result = await sync(due.teamId, due.environment);
      if (result.skipped) continue;
      synced.push(due);
      // Worker figures are brought up to date here, so the next view of /workers does not pay for
      // it; if this fails, that view rebuilds them.
      await refreshWorkerStats(due.teamId, due.environment).catch((e) => console.error(`[sync] worker figures of team ${due.teamId} (${due.environment}) not rebuilt:`, e));
    } catch (e) {
      failed.push(due);
      // A failure before the sync took its lease (credentials that cannot be read...) is recorded
      // here, so the team waits a full interval instead of failing again on every tick.
      const message = e instanceof Error ? e.message : String(e);
      await db.syncState
        .updateMany({ where: { ...due, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] }, data: { finishedAt: new Date(), lastError: message } })
        .catch(() => undefined);
      console.error(`[sync] background sync of team ${due.teamId} (${due.environment}) failed:`, message);
    }
  }
  return { synced, failed };
}
