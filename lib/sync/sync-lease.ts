import "server-only";
import { randomUUID } from "node:crypto";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";

const LEASE_MS = 5 * 60 * 1000;

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

export async function releaseSyncLease(teamId: string, environment: EnvironmentName, holder: string, outcome: { error?: string; calls: number; hitsSyncedAt?: Date }): Promise<void> {
  await db.syncState.updateMany({
    where: { teamId, environment, lockedBy: holder },
    data: {
      lockedBy: null,
      lockedUntil: null,
      finishedAt: new Date(),
      lastError: outcome.error ?? null,
      lastCalls: outcome.calls,
      ...(outcome.hitsSyncedAt ? { hitsSyncedAt: outcome.hitsSyncedAt } : {}),
    },
  });
}
