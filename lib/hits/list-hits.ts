import "server-only";
import { db, queryRows } from "@/lib/db";
import { createdByBatch, likePattern } from "@/lib/db/sql-filters";
import { Invalid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { HIT_COUNT_CAP, HIT_PAGE_SIZE, type HitCursor, type HitFilter, type HitListQuery } from "@/lib/hits/hit-filter";
import type { Scope } from "@/lib/scope";

export interface HitListItem {
  hitId: string;
  hitTypeId: string;
  title: string;
  rewardCents: number;
  maxAssignments: number;
  status: string;
  assignmentsPending: number;
  assignmentsAvailable: number;
  /** Approved or rejected (MTurk's NumberOfAssignmentsCompleted). */
  assignmentsCompleted: number;
  /** Submitted and waiting for a decision, from the cached assignments (MTurk's counters leave them out). */
  assignmentsSubmitted: number;
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

const SORT_COLUMN: Record<HitListQuery["sort"], Prisma.Sql> = {
  created: Prisma.sql`h."createdAt"`,
  expires: Prisma.sql`h."expiresAt"`,
  title: Prisma.sql`h.title`,
  reward: Prisma.sql`h."rewardCents"`,
  status: Prisma.sql`h.status`,
};

/** A cursor's value as SQL of the sort column's type, or null when it is not one (a hand-edited URL). */
function cursorValue(sort: HitListQuery["sort"], value: string): Prisma.Sql | null {
  if (sort === "created" || sort === "expires") return Number.isNaN(Date.parse(value)) ? null : Prisma.sql`${new Date(value).toISOString()}::timestamp(3)`;
  if (sort === "reward") return /^-?\d{1,9}$/.test(value) ? Prisma.sql`${Number(value)}::int` : null;
  return Prisma.sql`${value}`;
}

function cursorOf(sort: HitListQuery["sort"], row: HitRow): HitCursor {
  const value = { created: row.createdAt.toISOString(), expires: row.expiresAt.toISOString(), title: row.title, reward: String(row.rewardCents), status: row.status }[sort];
  return { value, hitId: row.hitId };
}

type HitRow = Omit<HitListItem, "createdAt" | "expiresAt" | "forgotten" | "batchId" | "batchName"> & {
  createdAt: Date;
  expiresAt: Date;
  forgottenAt: Date | null;
  batch: { id: string; name: string } | null;
};
/** A row of the page's statement: a HIT, or nulls when the page is empty. */
type PageRow = HitRow | { [K in keyof HitRow]: null };
interface Counted {
  optionBatches: FilterOption[];
  optionProjects: FilterOption[];
  total: number;
  /** Matching HITs on the list's near side of the cursor, when counted (bounded like the total). */
  near: number | null;
  hitsSyncedAt: Date | null;
}

export interface HitPage {
  items: HitListItem[];
  /** Matching HITs: exact for the whole list or a status, else counted up to HIT_COUNT_CAP (`totalCapped` when there are more). */
  total: number;
  totalCapped: boolean;
  /** How many matching HITs come before this page, when known (null past the cap). */
  start: number | null;
  /** Cursors of the neighbouring pages (null: there is none). */
  previous: HitCursor | null;
  next: HitCursor | null;
  syncedAt: string | null;
  /** The filter menus' choices, read with the page (hitFilterOptions). */
  filterOptions: HitFilterOptions;
}

/** Filters the per-status counts answer (CachedHitCount, kept by triggers): the whole list, or one status. */
const countedByStatus = (filter: HitFilter) => !filter.title && !filter.annotation && !filter.batch && !filter.project;

/**
 * One page of the team's HITs from the cache, filtered and sorted on indexed columns. Pages are
 * found from a cursor (keyset), so page 200 costs what page 1 does. The total comes from the
 * per-status counts when the filter allows, else from a count that stops at HIT_COUNT_CAP; a
 * page's position comes with its link (`start`), and is counted only when the link has none.
 * Sent through pg: on this page's small statement Prisma's own work cost as much as the query.
 */
export async function listHits(scope: Scope, query: HitListQuery): Promise<HitPage> {
  const where = Prisma.join(hitConditions(scope, query), " AND ");
  const column = SORT_COLUMN[query.sort];
  const key = Prisma.sql`(${column}, h."hitId")`;
  const cursor = query.after ?? query.before;
  const value = cursor ? cursorValue(query.sort, cursor.value) : null;
  const at = value && cursor ? Prisma.sql`(${value}, ${cursor.hitId})` : null;
  // The list's order, and the order read from when walking back from a cursor or the end.
  const descending = query.dir === "desc";
  const mode = at && query.after ? "after" : at && query.before ? "before" : query.last ? "last" : "first";
  const backward = mode === "before" || mode === "last";
  const readDescending = descending !== backward;
  const order = readDescending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const beyond = at ? (readDescending ? Prisma.sql`AND ${key} < ${at}` : Prisma.sql`AND ${key} > ${at}`) : Prisma.empty;
  const byStatus = countedByStatus(query);
  // Rows on the list's near side of the cursor: where the page starts, unless its link says.
  const countNear = at && query.start === undefined;
  const nearSide = at ? (descending === (mode === "after") ? Prisma.sql`${key} >= ${at}` : Prisma.sql`${key} <= ${at}`) : Prisma.sql`false`;
  const counted =
    byStatus && !countNear
      ? Prisma.sql`SELECT coalesce(sum(n.count), 0)::int AS total, NULL::int AS near FROM "CachedHitCount" n
          WHERE n."teamId" = ${scope.teamId} AND n.environment = ${scope.environment}::"Environment" ${query.status ? Prisma.sql`AND n.status = ${query.status}` : Prisma.empty}`
      : Prisma.sql`SELECT count(*)::int AS total, ${countNear ? Prisma.sql`count(*) FILTER (WHERE ${nearSide})::int` : Prisma.sql`NULL::int`} AS near
          FROM (SELECT ${countNear ? Prisma.sql`${column}, h."hitId"` : Prisma.sql`1`} FROM "CachedHit" h WHERE ${where} LIMIT ${HIT_COUNT_CAP + 1}) h`;
  /**
   * One statement: the page's rows with their batch and submitted work, the count, the filter
   * menus and the sync time. Always one row, with the HIT's columns null
   * when the page is empty.
   */
  const readPage = async (condition: Prisma.Sql, sqlOrder: Prisma.Sql) => {
    const statement = Prisma.sql`
      SELECT c.total, c.near, s."hitsSyncedAt", o.batches AS "optionBatches", o.projects AS "optionProjects", h.*,
        (SELECT count(*)::int FROM "CachedAssignment" a
          WHERE a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a.status = 'Submitted' AND a."hitId" = h."hitId") AS "assignmentsSubmitted",
        (SELECT json_build_object('id', b.id, 'name', b.name) FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
          WHERE bh."hitId" = h."hitId" AND b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment" LIMIT 1) AS batch
      FROM (${counted}) c
      CROSS JOIN (${filterOptionsStatement(scope)}) o
      LEFT JOIN "SyncState" s ON s."teamId" = ${scope.teamId} AND s.environment = ${scope.environment}::"Environment"
      LEFT JOIN (
        SELECT h."hitId", h."hitTypeId", h.title, h."rewardCents", h."maxAssignments", h.status, h."assignmentsPending", h."assignmentsAvailable",
          h."assignmentsCompleted", h."createdAt", h."expiresAt", h."requesterAnnotation", h."forgottenAt"
        FROM "CachedHit" h WHERE ${where} ${condition}
        ORDER BY ${column} ${sqlOrder}, h."hitId" ${sqlOrder}
        LIMIT ${HIT_PAGE_SIZE + 1}
      ) h ON true
      ORDER BY ${column} ${sqlOrder}, h."hitId" ${sqlOrder}`;
    return queryRows<PageRow & Counted>(statement);
  };
  const read = await readPage(beyond, order);
  const counts = read[0]!;
  const rowsOf = (result: (PageRow & Counted)[]) => result.filter((r): r is HitRow & Counted => r.hitId !== null);
  let rows = rowsOf(read);
  let shown = mode;
  // Walking back reached the start with less than a page: show the first page instead.
  if (mode === "before" && rows.length < HIT_PAGE_SIZE) {
    rows = rowsOf(await readPage(Prisma.empty, descending ? Prisma.sql`DESC` : Prisma.sql`ASC`));
    shown = "first";
  }
  const more = rows.length > HIT_PAGE_SIZE;
  const page = rows.slice(0, HIT_PAGE_SIZE);
  if (shown === "before" || shown === "last") page.reverse();
  const totalCapped = !byStatus && counts.total > HIT_COUNT_CAP;
  const total = totalCapped ? HIT_COUNT_CAP : counts.total;
  const start =
    shown === "first"
      ? 0
      : shown === "last"
        ? totalCapped
          ? null
          : Math.max(0, total - page.length)
        : query.start !== undefined
          ? query.start
          : totalCapped
            ? null
            : shown === "after"
              ? counts.near!
              : Math.max(0, total - counts.near! - page.length);
  const hasPrevious = shown === "after" ? start !== 0 : shown === "first" ? false : more;
  const hasNext = shown === "first" || shown === "after" ? more : shown === "before";
  return {
    // Built field by field: a rest pattern over each row cost more than the rest of this function.
    items: page.map((r) => ({
      hitId: r.hitId,
      hitTypeId: r.hitTypeId,
      title: r.title,
      rewardCents: r.rewardCents,
      maxAssignments: r.maxAssignments,
      status: r.status,
      assignmentsPending: r.assignmentsPending,
      assignmentsAvailable: r.assignmentsAvailable,
      assignmentsCompleted: r.assignmentsCompleted,
      assignmentsSubmitted: r.assignmentsSubmitted,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      requesterAnnotation: r.requesterAnnotation,
      forgotten: !!r.forgottenAt,
      batchId: r.batch?.id ?? null,
      batchName: r.batch?.name ?? null,
    })),
    total,
    totalCapped,
    start,
    previous: hasPrevious && page[0] ? cursorOf(query.sort, page[0]) : null,
    next: hasNext && page.at(-1) ? cursorOf(query.sort, page.at(-1)!) : null,
    syncedAt: counts.hitsSyncedAt?.toISOString() ?? null,
    filterOptions: { batches: counts.optionBatches, projects: counts.optionProjects },
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
  if (rows.length > limit) throw new Invalid(`More than ${limit.toLocaleString("en-US")} HITs match; narrow the filter`);
  return rows.map((r) => r.hitId);
}

interface FilterOption {
  id: string;
  name: string;
}
export interface HitFilterOptions {
  batches: FilterOption[];
  projects: FilterOption[];
}

/** The team's batches and projects for the filter menus, newest first: one row of two JSON arrays. */
const filterOptionsStatement = (scope: Scope) => Prisma.sql`
  SELECT
    (SELECT coalesce(json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY b."createdAt" DESC), '[]'::json)
      FROM (SELECT id, name, "createdAt" FROM "Batch" WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment" ORDER BY "createdAt" DESC LIMIT 200) b) AS batches,
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p."updatedAt" DESC), '[]'::json)
      FROM (SELECT id, name, "updatedAt" FROM "Project" WHERE "teamId" = ${scope.teamId} ORDER BY "updatedAt" DESC LIMIT 200) p) AS projects`;

/** The filter menus on their own (the review queue's); the HIT list reads them with its page. */
export async function hitFilterOptions(scope: Scope): Promise<HitFilterOptions> {
  return (await queryRows<HitFilterOptions>(filterOptionsStatement(scope)))[0]!;
}
