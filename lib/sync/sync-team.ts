import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { mturkClient } from "@/lib/mturk/client";
import { syncAccount, type QualificationRefresh, type SyncResult } from "@/lib/sync/sync-account";

const WAIT_FOR_RUNNING_MS = 120_000;
const WAIT_STEP_MS = 500;

/** Syncs a team's account in one environment through its configured marketplace connection. */
export async function syncTeam(teamId: string, environment: EnvironmentName, options: { qualifications?: QualificationRefresh } = {}): Promise<SyncResult> {
  return syncAccount({ teamId, environment, client: await mturkClient(teamId, environment), qualifications: options.qualifications });
}

/**
 * "Sync now": a sync that starts after the request. When another one (the background sync, a
 * colleague's click) holds the lease, waits for it to finish and then runs, because the running
 * one may have listed HITs before the change the person wants to see.
 */
export async function syncTeamNow(teamId: string, environment: EnvironmentName): Promise<SyncResult> {
  const until = Date.now() + WAIT_FOR_RUNNING_MS;
  for (;;) {
    const result = await syncTeam(teamId, environment, { qualifications: "now" });
    if (!result.skipped || Date.now() > until) return result;
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

export interface SyncStatus {
  running: boolean;
  lastFinishedAt: string | null;
  lastError: string | null;
  /** When each part of the account was last copied into the cache. */
  parts: Record<"hits" | "bonuses" | "workerBlocks" | "qualificationTypes" | "qualificationRequests" | "qualificationScores", string | null>;
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
