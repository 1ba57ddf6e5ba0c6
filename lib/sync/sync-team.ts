import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { mturkClient } from "@/lib/mturk/client";
import { syncAccount, type SyncResult } from "@/lib/sync/sync-account";

/** Syncs a team's account in one environment through its configured marketplace connection. */
export async function syncTeam(teamId: string, environment: EnvironmentName): Promise<SyncResult> {
  return syncAccount({ teamId, environment, client: await mturkClient(teamId, environment) });
}

export async function syncStatus(teamId: string, environment: EnvironmentName) {
  const state = await db.syncState.findUnique({ where: { teamId_environment: { teamId, environment } } });
  return {
    running: !!state?.lockedUntil && state.lockedUntil > new Date(),
    lastFinishedAt: state?.finishedAt?.toISOString() ?? null,
    hitsSyncedAt: state?.hitsSyncedAt?.toISOString() ?? null,
    lastError: state?.lastError ?? null,
  };
}
