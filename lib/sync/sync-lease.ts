import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

const LEASE_MS = 5 * 60 * 1000;
/** A long sync renews its lease well before it runs out, so a slow first sync is not joined by a second. */
export const LEASE_RENEW_MS = 60 * 1000;

/** The parts of an account the sync copies, each with its own "last synced at" in SyncState. */
export type SyncPartTimes = Partial<
  Record<"hitsSyncedAt" | "bonusesSyncedAt" | "workerBlocksSyncedAt" | "qualificationTypesSyncedAt" | "qualificationRequestsSyncedAt" | "qualificationScoresSyncedAt", Date>
>;

/**
 * One sync per team and environment at a time, across processes: a lease row taken with a
 * conditional update. A crashed holder's lease expires; the next sync resumes the work.
 */
export async function takeSyncLease(teamId: string, environment: EnvironmentName): Promise<string | undefined> {
  const holder = randomUUID();
  const now = new Date();
  await db.syncState.createMany({ data: [{ teamId, environment }], skipDuplicates: true });
  const taken = await db.syncState.updateMany({
    where: { teamId, environment, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedBy: holder, lockedUntil: new Date(now.getTime() + LEASE_MS), startedAt: now },
  });
  return taken.count === 1 ? holder : undefined;
}

/** Extends a lease still held; false if it was lost (expired and taken by another sync). */
export async function renewSyncLease(teamId: string, environment: EnvironmentName, holder: string): Promise<boolean> {
  const renewed = await db.syncState.updateMany({ where: { teamId, environment, lockedBy: holder }, data: { lockedUntil: new Date(Date.now() + LEASE_MS) } });
  return renewed.count === 1;
}

export async function releaseSyncLease(teamId: string, environment: EnvironmentName, holder: string, outcome: { error?: string; calls: number; parts?: SyncPartTimes }): Promise<void> {
  await db.syncState.updateMany({
    where: { teamId, environment, lockedBy: holder },
    data: {
      lockedBy: null,
      lockedUntil: null,
      finishedAt: new Date(),
      lastError: outcome.error ?? null,
      lastCalls: outcome.calls,
      ...outcome.parts,
    },
  });
}
