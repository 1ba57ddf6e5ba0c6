import "server-only";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { batchWork, type BatchWork } from "@/lib/batches/batch-work";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/scope";
import { batchPayFigures } from "@/lib/workers/pay-fairness";

const HOUR_MS = 3_600_000;
/** Recent batches looked at for running work: older ones have long expired. */
const RECENT_BATCHES = 50;
const RUNNING_SHOWN = 10;

/** What a requester should act on now, in the environment. */
export interface NeedsAttention {
  /** Submitted assignments waiting for a decision, and how many MTurk approves on its own soon. */
  submitted: number;
  autoApproveWithin24h: number;
  autoApproveWithin6h: number;
  qualificationRequests: number;
  /** Batches whose creation stopped: paused by a member, or failed. */
  stoppedBatches: { id: string; name: string; status: "paused" | "failed" }[];
  /** Open HITs that expire within 24 h with assignments nobody has taken yet. */
  expiringHits: number;
}

export interface RunningBatch {
  id: string;
  name: string;
  createdAt: Date;
  work: BatchWork;
  /** Reward per hour of a typical worker's time (median), when there is submitted work to time. */
  hourlyCents: number | null;
}

export async function needsAttention(scope: Scope, now = new Date()): Promise<NeedsAttention> {
  const [[assignments], qualificationRequests, stopped, expiringHits] = await Promise.all([
    db.$queryRaw<{ submitted: number; within24h: number; within6h: number }[]>`
      SELECT count(*)::int AS submitted,
        count(*) FILTER (WHERE "autoApprovalTime" <= ${new Date(now.getTime() + 24 * HOUR_MS)})::int AS within24h,
        count(*) FILTER (WHERE "autoApprovalTime" <= ${new Date(now.getTime() + 6 * HOUR_MS)})::int AS within6h
      FROM "CachedAssignment"
      WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment" AND status = 'Submitted'`,
    db.cachedQualificationRequest.count({ where: { ...scope, forgottenAt: null } }),
    db.$queryRaw<{ id: string; name: string; status: "paused" | "failed" }[]>`
      SELECT b.id, b.name, j.status FROM "Job" j JOIN "Batch" b ON b."jobId" = j.id
      WHERE j."teamId" = ${scope.teamId} AND j.environment = ${scope.environment}::"Environment" AND j.kind = ${BATCH_CREATE_JOB} AND j.status IN ('paused', 'failed')
      ORDER BY b."createdAt" DESC LIMIT 20`,
    db.cachedHit.count({
      where: { ...scope, forgottenAt: null, status: "Assignable", assignmentsAvailable: { gt: 0 }, expiresAt: { gt: now, lte: new Date(now.getTime() + 24 * HOUR_MS) } },
    }),
  ]);
  return {
    submitted: assignments?.submitted ?? 0,
    autoApproveWithin24h: assignments?.within24h ?? 0,
    autoApproveWithin6h: assignments?.within6h ?? 0,
    qualificationRequests,
    stoppedBatches: stopped,
    expiringHits,
  };
}

/** Recent batches that still have work open, being done or waiting for review; newest first. */
export async function runningBatches(scope: Scope): Promise<RunningBatch[]> {
  const batches = await db.batch.findMany({ where: scope, orderBy: { createdAt: "desc" }, take: RECENT_BATCHES, select: { id: true, name: true, createdAt: true } });
  const work = await batchWork(
    scope,
    batches.map((b) => b.id),
  );
  const open = (id: string) => {
    const w = work.get(id)!;
    return w.available + w.working + w.submitted > 0;
  };
  const shown = batches.filter((b) => open(b.id)).slice(0, RUNNING_SHOWN);
  // Pay figures take a median over every timed assignment: only for the batches shown.
  const pay = await batchPayFigures(
    scope,
    shown.map((b) => b.id),
  );
  return shown.map((b) => ({ ...b, work: work.get(b.id)!, hourlyCents: pay.get(b.id)?.hourlyCents ?? null }));
}

/**
 * What recent batches with work still open may yet cost: each batch's estimate for the share of
 * its assignments not yet decided (open, being worked on or submitted). The balance-low
 * notification compares the production balance with it.
 */
export async function openBatchCostCents(scope: Scope): Promise<number> {
  const batches = await db.batch.findMany({ where: scope, orderBy: { createdAt: "desc" }, take: RECENT_BATCHES, select: { id: true, estimatedCostCents: true } });
  const work = await batchWork(
    scope,
    batches.map((b) => b.id),
  );
  let cents = 0;
  for (const b of batches) {
    const w = work.get(b.id)!;
    const open = w.available + w.working + w.submitted;
    if (w.assignments > 0 && open > 0) cents += Math.ceil((b.estimatedCostCents * open) / w.assignments);
  }
  return cents;
}
