import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { refreshWorkerStats } from "@/lib/workers/refresh-worker-stats";
import type { WorkerSort, WorkersQuery } from "@/lib/workers/workers-query";

export const WORKERS_PAGE_SIZE = 50;

export interface WorkerRow {
  workerId: string;
  submitted: number;
  approved: number;
  rejected: number;
  approvalRate: number;
  earningsCents: number;
  bonusCents: number;
  medianSeconds: number | null;
  hourlyCents: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
  blocked: boolean;
  qualifications: number;
}

const ORDER: Record<WorkerSort, Prisma.Sql> = {
  lastSeen: Prisma.sql`s."lastSeenAt"`,
  firstSeen: Prisma.sql`s."firstSeenAt"`,
  submitted: Prisma.sql`s."submitted"`,
  approvalRate: Prisma.sql`s."approvalRate"`,
  earnings: Prisma.sql`s."earningsCents"`,
  bonuses: Prisma.sql`s."bonusCents"`,
  medianTime: Prisma.sql`s."medianSeconds"`,
  hourly: Prisma.sql`s."hourlyCents"`,
  workerId: Prisma.sql`s."workerId"`,
};

type Scope = { teamId: string; environment: EnvironmentName };

function whereOf(scope: Scope, q: Omit<WorkersQuery, "page" | "sort" | "dir">): Prisma.Sql {
  const parts = [Prisma.sql`s."teamId" = ${scope.teamId}`, Prisma.sql`s."environment" = ${scope.environment}::"Environment"`];
  // Worker IDs are upper-case: a prefix search on the primary key's last column.
  if (q.q) parts.push(Prisma.sql`s."workerId" LIKE ${`${q.q.toUpperCase().replace(/[%_\\]/g, "")}%`}`);
  if (q.minSubmitted) parts.push(Prisma.sql`s."submitted" >= ${q.minSubmitted}`);
  if (q.blocked === "blocked") parts.push(Prisma.sql`b."workerId" IS NOT NULL`);
  if (q.blocked === "unblocked") parts.push(Prisma.sql`b."workerId" IS NULL`);
  return Prisma.join(parts, " AND ");
}

const FROM = (scope: Scope) =>
  Prisma.sql`"WorkerStat" s LEFT JOIN "CachedWorkerBlock" b ON b."teamId" = s."teamId" AND b."environment" = s."environment" AND b."workerId" = s."workerId" AND b."forgottenAt" IS NULL`;

type RawRow = Omit<WorkerRow, "firstSeenAt" | "lastSeenAt" | "qualifications"> & { firstSeenAt: Date; lastSeenAt: Date };

/** One page of the team's workers from the maintained aggregates, filtered and sorted in SQL. */
export async function listWorkers(scope: Scope, query: WorkersQuery, options: { take?: number; skip?: number } = {}): Promise<{ rows: WorkerRow[]; total: number; pageCount: number }> {
  await refreshWorkerStats(scope.teamId, scope.environment);
  const where = whereOf(scope, query);
  const take = options.take ?? WORKERS_PAGE_SIZE;
  const skip = options.skip ?? (query.page - 1) * take;
  const order = Prisma.sql`${ORDER[query.sort]} ${query.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`} NULLS LAST, s."workerId" ASC`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT s."workerId", s."submitted", s."approved", s."rejected", s."approvalRate", s."earningsCents", s."bonusCents", s."medianSeconds", s."hourlyCents",
             s."firstSeenAt", s."lastSeenAt", (b."workerId" IS NOT NULL) AS blocked
      FROM ${FROM(scope)} WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`,
    db.$queryRaw<{ count: bigint }[]>`SELECT COUNT(*) AS count FROM ${FROM(scope)} WHERE ${where}`,
  ]);
  const held = rows.length
    ? await db.cachedQualificationScore.groupBy({
        by: ["workerId"],
        where: { ...scope, workerId: { in: rows.map((r) => r.workerId) }, status: "Granted", forgottenAt: null },
        _count: { _all: true },
      })
    : [];
  const heldBy = new Map(held.map((h) => [h.workerId, h._count._all]));
  const total = Number(counted[0]?.count ?? 0);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / take)),
    rows: rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), qualifications: heldBy.get(r.workerId) ?? 0 })),
  };
}
