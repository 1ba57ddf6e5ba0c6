import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { centsToDollars } from "@/lib/money";
import { bonusCost, type BonusCost } from "@/lib/review/bonus-cost";
import { bonusToken, queueBonuses } from "@/lib/review/pay-bonuses";
import { bonusesOfHits, minimumHourlyCents } from "@/lib/workers/pay-fairness";

export interface TopUpLine {
  workerId: string;
  /** Accepted work of theirs (submitted or approved) with accept and submit times. */
  assignments: number;
  seconds: number;
  rewardCents: number;
  /** Bonuses they already have on this batch (a top-up included). */
  bonusCents: number;
  /** What the minimum rate gives for their time. */
  targetCents: number;
  /** The top-up: what brings them to the target, or 0. */
  topUpCents: number;
  /** The assignment the bonus is attached to (their latest one in the batch). */
  assignmentId: string;
  hitId: string;
  /** A top-up for this batch is already in the ledger: it is never sent again. */
  alreadyToppedUp: boolean;
}

export interface TopUpPlan {
  batch: { id: string; name: string };
  /** Null when the team has set no minimum: then nothing is planned. */
  minimumHourlyCents: number | null;
  lines: TopUpLine[];
  /** The bonuses the plan would send (fees included). */
  cost: BonusCost;
}

export const ConfirmTopUpInput = z.object({
  /** The total previewed: a plan that changed since (new work synced, another top-up) is refused, to be looked at again. */
  expectedTotalCents: z.number().int().min(0),
});

const tokenParts = (batchId: string, workerId: string) => ["topup", batchId, workerId];

/**
 * Per worker of the batch: the bonus that brings their pay (rewards of accepted work plus bonuses
 * already given) up to the team's minimum hourly rate for the time they actually spent
 * (accept → submit, summed). Rejected work is not topped up.
 */
export async function topUpPlan(ctx: Pick<TeamContext, "team" | "environment">, batchId: string): Promise<TopUpPlan> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const batch = await db.batch.findFirst({ where: { id: batchId, ...scope }, select: { id: true, name: true } });
  if (!batch) throw new NotFound("No batch of this team has that id in this environment");
  const minimum = await minimumHourlyCents(scope.teamId);
  if (minimum === null) return { batch, minimumHourlyCents: null, lines: [], cost: await bonusCost(scope.teamId, scope.environment, []) };
  const work = await db.$queryRaw<{ workerId: string; assignments: bigint; seconds: number; rewardCents: bigint; assignmentId: string; hitId: string }[]>`
    SELECT a."workerId", count(*) AS assignments, sum(EXTRACT(EPOCH FROM (a."submitTime" - a."acceptTime")))::float8 AS seconds, sum(h."rewardCents") AS "rewardCents",
      (array_agg(a."assignmentId" ORDER BY a."submitTime" DESC))[1] AS "assignmentId", (array_agg(a."hitId" ORDER BY a."submitTime" DESC))[1] AS "hitId"
    FROM "BatchHit" bh
    JOIN "CachedAssignment" a ON a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a."hitId" = bh."hitId"
    JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId"
    WHERE bh."batchId" = ${batchId} AND a.status IN ('Submitted', 'Approved') AND a."submitTime" IS NOT NULL AND a."acceptTime" IS NOT NULL
    GROUP BY a."workerId" ORDER BY a."workerId"`;
  const hitIds = Prisma.sql`SELECT "hitId" FROM "BatchHit" WHERE "batchId" = ${batchId}`;
  const bonuses = await db.$queryRaw<{ workerId: string; cents: bigint }[]>`SELECT b."workerId", sum(b."amountCents") AS cents FROM (${bonusesOfHits(scope, hitIds)}) b GROUP BY b."workerId"`;
  const tokens = new Map(work.map((w) => [bonusToken(ctx, tokenParts(batchId, w.workerId)), w.workerId]));
  const done = new Set(
    (await db.paymentLedgerEntry.findMany({ where: { ...scope, uniqueRequestToken: { in: [...tokens.keys()] } }, select: { uniqueRequestToken: true } })).map((l) => tokens.get(l.uniqueRequestToken)),
  );
  const lines = work.map((w): TopUpLine => {
    const rewardCents = Number(w.rewardCents);
    const bonusCents = Number(bonuses.find((b) => b.workerId === w.workerId)?.cents ?? 0);
    const seconds = Math.round(w.seconds);
    const targetCents = Math.ceil((minimum * seconds) / 3600);
    const alreadyToppedUp = done.has(w.workerId);
    return {
      workerId: w.workerId,
      assignments: Number(w.assignments),
      seconds,
      rewardCents,
      bonusCents,
      targetCents,
      topUpCents: alreadyToppedUp ? 0 : Math.max(0, targetCents - rewardCents - bonusCents),
      assignmentId: w.assignmentId,
      hitId: w.hitId,
      alreadyToppedUp,
    };
  });
  const cost = await bonusCost(
    scope.teamId,
    scope.environment,
    lines.filter((l) => l.topUpCents > 0).map((l) => l.topUpCents),
  );
  return { batch, minimumHourlyCents: minimum, lines, cost };
}

/**
 * Pays the plan through the bonus ledger as a durable job. Each top-up's token is derived from
 * the batch and worker, so confirming twice (or two people at once) pays each worker once.
 */
export async function payTopUp(ctx: TeamContext, batchId: string, input: z.output<typeof ConfirmTopUpInput>) {
  const plan = await topUpPlan(ctx, batchId);
  const due = plan.lines.filter((l) => l.topUpCents > 0);
  // Confirmed again after it was paid: nothing is due, and nothing is sent.
  if (due.length === 0) return { jobId: null, queued: 0, alreadyRecorded: plan.lines.filter((l) => l.alreadyToppedUp).length, cost: plan.cost };
  if (plan.cost.totalCents !== input.expectedTotalCents) {
    throw new Conflict(`The plan changed since it was shown (now $${centsToDollars(plan.cost.totalCents)} in all); look at it again before paying`);
  }
  const reason = `Top-up to $${centsToDollars(plan.minimumHourlyCents ?? 0)}/hour for your time on ${plan.batch.name}`;
  const result = await queueBonuses(
    ctx,
    due.map((l) => ({ assignmentId: l.assignmentId, workerId: l.workerId, hitId: l.hitId, amountCents: l.topUpCents, reason, tokenParts: tokenParts(batchId, l.workerId) })),
    { subjectId: `batch:${batchId}` },
  );
  if (result.preview) throw new Error("unreachable: not a preview");
  await recordAudit(ctx, "batch.top-up", batchId, { jobId: result.jobId, workers: due.length, queued: result.queued, totalCents: plan.cost.totalCents, minimumHourlyCents: plan.minimumHourlyCents });
  return { jobId: result.jobId, queued: result.queued, alreadyRecorded: result.alreadyRecorded, cost: result.cost };
}
