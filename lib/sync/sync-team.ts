import "server-only";
import { db } from "@/lib/db";
import { mturkClient } from "@/lib/mturk/client";
import type { EnvironmentName } from "@/lib/scope";
import { syncAccount, type QualificationRefresh, type SyncResult } from "@/lib/sync/sync-account";

const WAIT_FOR_RUNNING_MS = 120_000;
const WAIT_STEP_MS = 500;

/** Syncs a team's account in one environment through its configured marketplace connection. */
export async function syncTeam(teamId: string, environment: EnvironmentName, options: { qualifications?: QualificationRefresh } = {}): Promise<SyncResult> {
  return syncAccount({ teamId, environment, client: await mturkClient(teamId, environment, { retries: "caller" }), qualifications: options.qualifications });
}

/**
 * A sync that starts after this call: when another one holds the lease (the background sync, a
 * colleague's click), waits for it to finish and then runs, because the running one may have
 * listed HITs before the change the caller wants to see. Gives up (skipped) after two minutes.
 */
export async function syncWhenFree(run: () => Promise<SyncResult>): Promise<SyncResult> {
  const until = Date.now() + WAIT_FOR_RUNNING_MS;
  for (;;) {
    const result = await run();
    if (!result.skipped || Date.now() > until) return result;
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/** "Sync now": everything, qualifications included (unless refreshed in the last half minute). */
export async function syncTeamNow(teamId: string, environment: EnvironmentName): Promise<SyncResult> {
  return syncWhenFree(() => syncTeam(teamId, environment, { qualifications: "now" }));
}

export interface SyncStatus {
  running: boolean;
  lastFinishedAt: string | null;
  lastError: string | null;
  /** When each part of the account was last copied into the cache. */
  parts: Record<"hits" | "bonuses" | "workerBlocks" | "qualificationTypes" | "qualificationRequests" | "qualificationScores", string | null>;
}

/** The status with when it was read, for a page to hand its client as the first reading. */
export async function syncStatusReading(teamId: string, environment: EnvironmentName): Promise<{ status: SyncStatus; readAt: number }> {
  const readAt = Date.now();
  return { status: await syncStatus(teamId, environment), readAt };
}

export async function syncStatus(teamId: string, environment: EnvironmentName): Promise<SyncStatus> {
  const state = await db.syncState.findUnique({ where: { teamId_environment: { teamId, environment } } });
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  return {
    running: !!state?.lockedUntil && state.lockedUntil > new Date(),
    lastFinishedAt: iso(state?.finishedAt),
    lastError: state?.lastError ?? null,
    parts: {
      hits: iso(state?.hitsSyncedAt),
      bonuses: iso(state?.bonusesSyncedAt),
      workerBlocks: iso(state?.workerBlocksSyncedAt),
      qualificationTypes: iso(state?.qualificationTypesSyncedAt),
      qualificationRequests: iso(state?.qualificationRequestsSyncedAt),
      qualificationScores: iso(state?.qualificationScoresSyncedAt),
    },
  };
}
