import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/scope";

export interface WorkerStats {
  workerId: string;
  submitted: number;
  approved: number;
  rejected: number;
  /** Approved of decided, or null before any decision. */
  approvalRate: number | null;
  earningsCents: number;
  medianSecondsPerTask: number | null;
}

/** Each worker's history with this team in one environment, from the cache. */
export async function workerStats(scope: Scope, workerIds: string[]): Promise<Map<string, WorkerStats>> {
  if (workerIds.length === 0) return new Map();
  const [rows, bonuses] = await Promise.all([
    db.$queryRaw<{ workerId: string; submitted: bigint; approved: bigint; rejected: bigint; rewardCents: bigint | null; medianSeconds: number | null }[]>`
      SELECT a."workerId",
        count(*) FILTER (WHERE a.status = 'Submitted') AS submitted,
        count(*) FILTER (WHERE a.status = 'Approved') AS approved,
        count(*) FILTER (WHERE a.status = 'Rejected') AS rejected,
        sum(h."rewardCents") FILTER (WHERE a.status = 'Approved') AS "rewardCents",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a."submitTime" - a."acceptTime")) AS "medianSeconds"
      FROM "CachedAssignment" a
      JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId"
      WHERE a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a."workerId" IN (${Prisma.join(workerIds)})
      GROUP BY a."workerId"`,
    db.cachedBonusPayment.groupBy({ by: ["workerId"], where: { teamId: scope.teamId, environment: scope.environment, workerId: { in: workerIds } }, _sum: { amountCents: true } }),
  ]);
  const bonusBy = new Map(bonuses.map((b) => [b.workerId, b._sum.amountCents ?? 0]));
  return new Map(
    workerIds.map((workerId) => {
      const r = rows.find((x) => x.workerId === workerId);
      const approved = Number(r?.approved ?? 0);
      const rejected = Number(r?.rejected ?? 0);
      return [
        workerId,
        {
          workerId,
          submitted: Number(r?.submitted ?? 0),
          approved,
          rejected,
          approvalRate: approved + rejected > 0 ? approved / (approved + rejected) : null,
          earningsCents: Number(r?.rewardCents ?? 0) + (bonusBy.get(workerId) ?? 0),
          medianSecondsPerTask: r?.medianSeconds ?? null,
        },
      ];
    }),
  );
}
