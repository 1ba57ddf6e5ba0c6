import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/scope";
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

/** Sort columns; nullable ones keep their nulls last in both directions (see the indexes in people.prisma). */
const ORDER: Record<WorkerSort, { column: Prisma.Sql; nullable?: true }> = {
  lastSeen: { column: Prisma.sql`"lastSeenAt"` },
  firstSeen: { column: Prisma.sql`"firstSeenAt"` },
  submitted: { column: Prisma.sql`"submitted"` },
  approvalRate: { column: Prisma.sql`"approvalRate"` },
  earnings: { column: Prisma.sql`"earningsCents"` },
  bonuses: { column: Prisma.sql`"bonusCents"` },
  medianTime: { column: Prisma.sql`"medianSeconds"`, nullable: true },
  hourly: { column: Prisma.sql`"hourlyCents"`, nullable: true },
  workerId: { column: Prisma.sql`"workerId"` },
};

/**
 * ORDER BY for table alias `t`, the tie broken by workerId in the same direction: exactly the
 * order of one of WorkerStat's indexes (read forward or backward), so Postgres reads one page
 * off it instead of sorting every worker of the team.
 */
function orderOf(t: Prisma.Sql, q: Pick<WorkersQuery, "sort" | "dir">): Prisma.Sql {
  const { column, nullable } = ORDER[q.sort];
  const dir = q.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const nulls = nullable && q.dir === "desc" ? Prisma.sql` NULLS LAST` : Prisma.empty;
  if (q.sort === "workerId") return Prisma.sql`${t}."workerId" ${dir}`;
  return Prisma.sql`${t}.${column} ${dir}${nulls}, ${t}."workerId" ${dir}`;
}

type Filters = Omit<WorkersQuery, "page" | "sort" | "dir">;

function whereOf(scope: Scope, q: Filters): Prisma.Sql {
  // The blocked are few: as an array, they are looked up on the primary key one by one rather
  // than joined against every worker of the team.
  const blockedIds = Prisma.sql`ARRAY(SELECT b."workerId" FROM "CachedWorkerBlock" b WHERE b."teamId" = ${scope.teamId} AND b."environment" = ${scope.environment}::"Environment" AND b."forgottenAt" IS NULL)`;
  const parts = [Prisma.sql`s."teamId" = ${scope.teamId}`, Prisma.sql`s."environment" = ${scope.environment}::"Environment"`];
  // Worker IDs are upper-case: a prefix search on the primary key's last column.
  if (q.q) parts.push(Prisma.sql`s."workerId" LIKE ${`${q.q.toUpperCase().replace(/[%_\\]/g, "")}%`}`);
  if (q.minSubmitted) parts.push(Prisma.sql`s."submitted" >= ${q.minSubmitted}`);
  if (q.blocked === "blocked") parts.push(Prisma.sql`s."workerId" = ANY(${blockedIds})`);
  if (q.blocked === "unblocked") parts.push(Prisma.sql`NOT (s."workerId" = ANY(${blockedIds}))`);
  return Prisma.join(parts, " AND ");
}

const countOf = async (scope: Scope, q: Filters) => {
  const [row] = await db.$queryRaw<{ count: number }[]>`SELECT COUNT(*)::int AS count FROM "WorkerStat" s WHERE ${whereOf(scope, q)}`;
  return row!.count;
};

/**
 * The total behind the pager without counting every worker on each page view: unfiltered, the
 * row count the last rebuild stored; only blocked or not, from the few blocked workers; other
 * filters are counted along an index.
 */
async function totalOf(scope: Scope, q: Filters, workers: number): Promise<number> {
  if (q.q || q.minSubmitted) return countOf(scope, q);
  if (q.blocked === "all") return workers;
  const blocked = await countOf(scope, { ...q, blocked: "blocked" });
  return q.blocked === "blocked" ? blocked : workers - blocked;
}

type RawRow = Omit<WorkerRow, "firstSeenAt" | "lastSeenAt"> & { firstSeenAt: Date; lastSeenAt: Date };

/** One page of the team's workers from the maintained aggregates, filtered and sorted in SQL. */
export async function listWorkers(scope: Scope, query: WorkersQuery, options: { take?: number; skip?: number } = {}): Promise<{ rows: WorkerRow[]; total: number; pageCount: number }> {
  const { workers } = await refreshWorkerStats(scope.teamId, scope.environment);
  const take = options.take ?? WORKERS_PAGE_SIZE;
  const skip = options.skip ?? (query.page - 1) * take;
  // The page first, off an index; then blocks and qualifications for its rows only.
  const [rows, total] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT p."workerId", p."submitted", p."approved", p."rejected", p."approvalRate", p."earningsCents", p."bonusCents", p."medianSeconds", p."hourlyCents",
             p."firstSeenAt", p."lastSeenAt", (b."workerId" IS NOT NULL) AS blocked,
             (SELECT COUNT(*)::int FROM "CachedQualificationScore" q
              WHERE q."teamId" = p."teamId" AND q."environment" = p."environment" AND q."workerId" = p."workerId" AND q."status" = 'Granted' AND q."forgottenAt" IS NULL) AS qualifications
      FROM (SELECT s.* FROM "WorkerStat" s WHERE ${whereOf(scope, query)} ORDER BY ${orderOf(Prisma.sql`s`, query)} LIMIT ${take} OFFSET ${skip}) p
      LEFT JOIN "CachedWorkerBlock" b ON b."teamId" = p."teamId" AND b."environment" = p."environment" AND b."workerId" = p."workerId" AND b."forgottenAt" IS NULL
      ORDER BY ${orderOf(Prisma.sql`p`, query)}`,
    totalOf(scope, query, workers),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / take)),
    rows: rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString() })),
  };
}
