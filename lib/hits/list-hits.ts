import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createdByBatch, likePattern } from "@/lib/db/sql-filters";
import { Prisma } from "@/lib/generated/prisma/client";
import { HIT_PAGE_SIZE, type HitFilter, type HitListQuery } from "@/lib/hits/hit-filter";
import { HttpError } from "@/lib/http-error";

export type Scope = { teamId: string; environment: EnvironmentName };

export interface HitListItem {
  hitId: string;
  hitTypeId: string;
  title: string;
  rewardCents: number;
  maxAssignments: number;
  status: string;
  assignmentsPending: number;
  assignmentsAvailable: number;
  assignmentsCompleted: number;
  createdAt: string;
  expiresAt: string;
  requesterAnnotation: string | null;
  forgotten: boolean;
  batchId: string | null;
  batchName: string | null;
}


/**
 * The WHERE clause for cached HITs matching a filter (alias h), scoped to the team and
 * environment. Shared by the list, the exports and bulk actions.
 */
export function hitConditions(scope: Scope, filter: HitFilter): Prisma.Sql[] {
  const where = [Prisma.sql`h."teamId" = ${scope.teamId}`, Prisma.sql`h.environment = ${scope.environment}::"Environment"`];
  if (filter.status) where.push(Prisma.sql`h.status = ${filter.status}`);
  if (filter.title) where.push(Prisma.sql`h.title ILIKE ${likePattern(filter.title)}`);
  if (filter.annotation) where.push(Prisma.sql`h."requesterAnnotation" ILIKE ${likePattern(filter.annotation)}`);
  const batch = createdByBatch("h", filter);
  if (batch) where.push(batch);
  return where;
}

const ORDER: Record<HitListQuery["sort"], Prisma.Sql> = {
  created: Prisma.sql`h."createdAt"`,
  expires: Prisma.sql`h."expiresAt"`,
  title: Prisma.sql`h.title`,
  reward: Prisma.sql`h."rewardCents"`,
  status: Prisma.sql`h.status`,
};

export interface HitPage {
  items: HitListItem[];
  total: number;
  page: number;
  pages: number;
  syncedAt: string | null;
}

/** One page of the team's HITs from the cache, filtered and sorted on indexed columns. */
export async function listHits(scope: Scope, query: HitListQuery): Promise<HitPage> {
  const where = Prisma.join(hitConditions(scope, query), " AND ");
  const dir = query.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, counted, sync] = await Promise.all([
    db.$queryRaw<(Omit<HitListItem, "createdAt" | "expiresAt" | "forgotten"> & { createdAt: Date; expiresAt: Date; forgottenAt: Date | null })[]>`
      SELECT h."hitId", h."hitTypeId", h.title, h."rewardCents", h."maxAssignments", h.status, h."assignmentsPending", h."assignmentsAvailable",
        h."assignmentsCompleted", h."createdAt", h."expiresAt", h."requesterAnnotation", h."forgottenAt", b.id AS "batchId", b.name AS "batchName"
      FROM (
        SELECT * FROM "CachedHit" h WHERE ${where}
        ORDER BY ${ORDER[query.sort]} ${dir}, h."hitId" ${dir}
        LIMIT ${HIT_PAGE_SIZE} OFFSET ${(query.page - 1) * HIT_PAGE_SIZE}
      ) h
      LEFT JOIN LATERAL (SELECT b.id, b.name FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
        WHERE bh."hitId" = h."hitId" AND b."teamId" = h."teamId" AND b.environment = h.environment LIMIT 1) b ON true
      ORDER BY ${ORDER[query.sort]} ${dir}, h."hitId" ${dir}`,
    db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM "CachedHit" h WHERE ${where}`,
    db.syncState.findUnique({ where: { teamId_environment: { teamId: scope.teamId, environment: scope.environment } }, select: { hitsSyncedAt: true } }),
  ]);
  const total = Number(counted[0]?.count ?? 0);
  return {
    items: rows.map(({ forgottenAt, createdAt, expiresAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString(), forgotten: !!forgottenAt })),
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / HIT_PAGE_SIZE)),
    syncedAt: sync?.hitsSyncedAt?.toISOString() ?? null,
  };
}

/**
 * Every HIT id matching a filter, in creation order (bulk actions, exports). Bounded: a bulk
 * action over more HITs than this is better split by the person asking.
 */
export async function matchingHitIds(scope: Scope, filter: HitFilter, limit = 50_000): Promise<string[]> {
  const rows = await db.$queryRaw<{ hitId: string }[]>`
    SELECT h."hitId" FROM "CachedHit" h WHERE ${Prisma.join(hitConditions(scope, filter), " AND ")}
    ORDER BY h."createdAt", h."hitId" LIMIT ${limit + 1}`;
  if (rows.length > limit) throw new HttpError(400, `More than ${limit.toLocaleString("en-US")} HITs match; narrow the filter`);
  return rows.map((r) => r.hitId);
}

/** The team's batches and projects for the filter menus, newest first. */
export async function hitFilterOptions(scope: Scope) {
  const [batches, projects] = await Promise.all([
    db.batch.findMany({ where: { teamId: scope.teamId, environment: scope.environment }, orderBy: { createdAt: "desc" }, take: 200, select: { id: true, name: true } }),
    db.project.findMany({ where: { teamId: scope.teamId }, orderBy: { updatedAt: "desc" }, take: 200, select: { id: true, name: true } }),
  ]);
  return { batches, projects };
}
