import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/scope";

export interface PayFigures {
  /** Submitted work with both an accept and a submit time. */
  assignments: number;
  medianSeconds: number | null;
  /** Average reward of that work, in cents. */
  rewardCents: number | null;
  /** Reward per hour at the median time: what the task pays a typical worker. */
  hourlyCents: number | null;
  /** Bonuses paid on the batch's work, counted separately from the reward. */
  bonusCents: number;
  /** The same with the bonuses spread over the work. */
  hourlyWithBonusCents: number | null;
}

/** $/h from a per-task reward and time; null when there is no time to divide by. */
export function hourlyCents(rewardCents: number, seconds: number | null): number | null {
  if (seconds === null || seconds <= 0) return null;
  return Math.round((rewardCents * 3600) / seconds);
}

/**
 * The bonuses already paid or on their way for the given HITs, per worker: the synced ones, plus
 * ledger rows the sync has not seen yet (settled after the HIT's bonuses were last fetched, or
 * still queued). A HITdesk bonus is thus counted once, whichever side knows it.
 */
export function bonusesOfHits(scope: Scope, hitIds: Prisma.Sql) {
  return Prisma.sql`
    SELECT b."workerId", b."hitId", b."amountCents" FROM "CachedBonusPayment" b
    WHERE b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment" AND b."hitId" IN (${hitIds})
    UNION ALL
    SELECT l."workerId", l."hitId", l."amountCents" FROM "PaymentLedgerEntry" l
    JOIN "CachedHit" h ON h."teamId" = l."teamId" AND h.environment = l.environment AND h."hitId" = l."hitId"
    WHERE l."teamId" = ${scope.teamId} AND l.environment = ${scope.environment}::"Environment" AND l.kind = 'bonus' AND l."hitId" IN (${hitIds})
      AND (l.status IN ('queued', 'sending') OR (l.status = 'paid' AND (h."bonusesSyncedAt" IS NULL OR l."completedAt" > h."bonusesSyncedAt")))`;
}

/**
 * Effective hourly pay of each batch and of them all, from the synced accept and submit times.
 * Returns a map keyed by batch id, and "all" for the batches together.
 */
export async function batchPayFigures(scope: Scope, batchIds: string[]): Promise<Map<string, PayFigures>> {
  const out = new Map<string, PayFigures>();
  if (batchIds.length === 0) return out;
  const hitIds = Prisma.sql`SELECT "hitId" FROM "BatchHit" WHERE "batchId" = ANY(${batchIds}::text[])`;
  const rows = await db.$queryRaw<{ batchId: string | null; assignments: bigint; medianSeconds: number | null; rewardCents: number | null }[]>`
    SELECT bh."batchId", count(*) AS assignments,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (a."submitTime" - a."acceptTime")))::float8 AS "medianSeconds",
      avg(h."rewardCents")::float8 AS "rewardCents"
    FROM "BatchHit" bh
    JOIN "CachedAssignment" a ON a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a."hitId" = bh."hitId"
    JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId"
    WHERE bh."batchId" = ANY(${batchIds}::text[]) AND a."submitTime" IS NOT NULL AND a."acceptTime" IS NOT NULL
    GROUP BY GROUPING SETS ((bh."batchId"), ())`;
  const bonuses = await db.$queryRaw<{ batchId: string | null; cents: bigint }[]>`
    SELECT bh."batchId", sum(b."amountCents") AS cents
    FROM (${bonusesOfHits(scope, hitIds)}) b JOIN "BatchHit" bh ON bh."hitId" = b."hitId" AND bh."batchId" = ANY(${batchIds}::text[])
    GROUP BY GROUPING SETS ((bh."batchId"), ())`;
  for (const key of [...batchIds, null]) {
    const r = rows.find((x) => x.batchId === key);
    const count = Number(r?.assignments ?? 0);
    const median = r?.medianSeconds == null ? null : Math.round(r.medianSeconds);
    const reward = r?.rewardCents == null ? null : r.rewardCents;
    const bonusCents = Number(bonuses.find((b) => b.batchId === key)?.cents ?? 0);
    out.set(key ?? "all", {
      assignments: count,
      medianSeconds: median,
      rewardCents: reward === null ? null : Math.round(reward),
      hourlyCents: reward === null ? null : hourlyCents(reward, median),
      bonusCents,
      hourlyWithBonusCents: reward === null || count === 0 ? null : hourlyCents(reward + bonusCents / count, median),
    });
  }
  return out;
}

/** The team's minimum hourly rate in cents, or null when none is set. */
export async function minimumHourlyCents(teamId: string): Promise<number | null> {
  return (await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { minimumHourlyCents: true } })).minimumHourlyCents;
}

export interface BatchFairness extends PayFigures {
  minimumHourlyCents: number | null;
  /** Below the team's minimum (only when both are known). */
  belowMinimum: boolean;
}

/** A batch's figures against the team's minimum, for the batch page. */
export async function batchFairness(scope: Scope, batchId: string): Promise<BatchFairness> {
  const [figures, minimum] = await Promise.all([batchPayFigures(scope, [batchId]), minimumHourlyCents(scope.teamId)]);
  const f = figures.get(batchId)!;
  return { ...f, minimumHourlyCents: minimum, belowMinimum: minimum !== null && f.hourlyCents !== null && f.hourlyCents < minimum };
}

/** Every batch of a project in this environment, with the project's figures under "all". */
export async function projectFairness(
  scope: Scope,
  projectId: string,
): Promise<{ minimumHourlyCents: number | null; all: PayFigures; batches: (PayFigures & { id: string; name: string; belowMinimum: boolean })[] }> {
  const batches = await db.batch.findMany({ where: { teamId: scope.teamId, environment: scope.environment, projectId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true } });
  const [figures, minimum] = await Promise.all([
    batchPayFigures(
      scope,
      batches.map((b) => b.id),
    ),
    minimumHourlyCents(scope.teamId),
  ]);
  const empty: PayFigures = { assignments: 0, medianSeconds: null, rewardCents: null, hourlyCents: null, bonusCents: 0, hourlyWithBonusCents: null };
  return {
    minimumHourlyCents: minimum,
    all: figures.get("all") ?? empty,
    batches: batches.map((b) => {
      const f = figures.get(b.id) ?? empty;
      return { ...f, id: b.id, name: b.name, belowMinimum: minimum !== null && f.hourlyCents !== null && f.hourlyCents < minimum };
    }),
  };
}
