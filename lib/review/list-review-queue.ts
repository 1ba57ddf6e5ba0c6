import "server-only";
import { queryRows } from "@/lib/db";
import { createdByBatch, likePattern } from "@/lib/db/sql-filters";
import { Invalid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { batchRowValues, inputsOf, type HitInputs } from "@/lib/review/hit-inputs";
import type { QueueFilter } from "@/lib/review/review-inputs";
import type { Scope } from "@/lib/scope";

export interface QueueItem {
  assignmentId: string;
  hitId: string;
  hitTypeId: string;
  title: string;
  workerId: string;
  rewardCents: number;
  acceptTime: string | null;
  submitTime: string;
  autoApprovalTime: string | null;
  answers: Record<string, string | string[]> | null;
  /** What the HIT was made from (its CSV row), so a list of similar HITs can be told apart. */
  inputs: HitInputs | null;
  /** The live decision waiting to be sent, if any. */
  decision: { id: string; action: string; status: string; notBefore: string; decidedByEmail: string } | null;
}

/** A row of the queue's page statement: the item's columns as stored, before they are shaped into a QueueItem. */
type QueueRow = Pick<QueueItem, "assignmentId" | "hitId" | "hitTypeId" | "title" | "workerId" | "rewardCents" | "answers"> & {
  acceptTime: Date | null;
  submitTime: Date;
  autoApprovalTime: Date | null;
  requesterAnnotation: string | null;
  groupKey: string;
  decisionId: string | null;
  decisionAction: string | null;
  decisionStatus: string | null;
  decisionNotBefore: Date | null;
  decidedByEmail: string | null;
  batchValues: Record<string, unknown> | null;
  hitsSyncedAt: Date | null;
};

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  /** Matching assignments, counted up to COUNT_CAP (`totalCapped` when there are more); null past the first page. */
  total: number | null;
  totalCapped: boolean;
  syncedAt: string | null;
}

export const COUNT_CAP = 1_000;

/**
 * The WHERE clause (on the assignment alone, alias `a`) for submitted assignments matching a
 * filter, but for its HIT filter, which `queueLanes` resolves to HIT types.
 */
export function queueConditions(scope: Scope, filter: QueueFilter, now = new Date()): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`a."teamId" = ${scope.teamId}`, Prisma.sql`a.environment = ${scope.environment}::"Environment"`, Prisma.sql`a.status = 'Submitted'`];
  if (filter.hitId) where.push(Prisma.sql`a."hitId" = ${filter.hitId}`);
  if (filter.workerId) where.push(Prisma.sql`a."workerId" = ${filter.workerId}`);
  if (filter.olderThanHours !== undefined) where.push(Prisma.sql`a."submitTime" <= ${new Date(now.getTime() - filter.olderThanHours * 3_600_000)}`);
  if (filter.dueWithinHours !== undefined) where.push(Prisma.sql`a."autoApprovalTime" <= ${new Date(now.getTime() + filter.dueWithinHours * 3_600_000)}`);
  // The answers' lower-cased text (kept by a trigger), served by the trigram index
  // CachedAssignment_answerText_trgm_idx, not a scan of every answer.
  if (filter.answer) where.push(Prisma.sql`a."answerText" LIKE lower(${likePattern(filter.answer)})`);
  const batch = createdByBatch("a", filter);
  if (batch) where.push(batch);
  return where;
}

/** Up to this many HIT types, each is read as its own index range (see queueLanes). */
const LANE_TYPES = 16;

/**
 * The filter as one or more condition lists whose rows together are the queue. The HIT filter
 * (a HIT type id, or words of a title: a title is its HIT type's) becomes the matching types,
 * each type a lane with `hitTypeId = …`: an index range in the queue's order, however late in
 * submit order that type's work sits. No lane when nothing matches.
 */
async function queueLanes(scope: Scope, filter: QueueFilter): Promise<Prisma.Sql[][]> {
  const where = queueConditions(scope, filter);
  if (!filter.hit) return [where];
  // The team's HIT types, one index probe each (a skip scan) rather than a read of every HIT.
  const types = await queryRows<{ hitTypeId: string }>(Prisma.sql`
    WITH RECURSIVE type AS (
      (SELECT "hitTypeId", title FROM "CachedHit" WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment" ORDER BY "hitTypeId" LIMIT 1)
      UNION ALL
      SELECT next."hitTypeId", next.title FROM type, LATERAL (
        SELECT "hitTypeId", title FROM "CachedHit"
        WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment" AND "hitTypeId" > type."hitTypeId"
        ORDER BY "hitTypeId" LIMIT 1) next
    )
    SELECT "hitTypeId" FROM type WHERE "hitTypeId" = ${filter.hit} OR title ILIKE ${likePattern(filter.hit)}`);
  const ids = types.map((t) => t.hitTypeId);
  if (ids.length > LANE_TYPES) return [[...where, Prisma.sql`a."hitTypeId" = ANY(${ids})`]];
  return ids.map((id) => [...where, Prisma.sql`a."hitTypeId" = ${id}`]);
}

/** The lanes' rows (`columns` of alias `a`), each lane its first `limit` in `order`: one index range each. */
const laneUnion = (lanes: Prisma.Sql[][], columns: Prisma.Sql, limit: number, order?: Prisma.Sql) =>
  Prisma.join(
    lanes.map((where) => Prisma.sql`(SELECT ${columns} FROM "CachedAssignment" a WHERE ${Prisma.join(where, " AND ")} ${order ? Prisma.sql`ORDER BY ${order}` : Prisma.empty} LIMIT ${limit})`),
    " UNION ALL ",
  );

const ORDER = Prisma.sql`a."submitTime", a."assignmentId"`;

/**
 * The order a count reads a lane in: along an index of the team's rows (by auto-approval time
 * when the filter bounds it, else the queue's order). Unordered, a filter the planner cannot use
 * an index for (answer text) was counted by a sequential scan reading every other team's rows
 * stored before this team's.
 */
const countOrder = (filter: QueueFilter) => (filter.dueWithinHours !== undefined ? Prisma.sql`a."autoApprovalTime"` : ORDER);

/** The ids of every submitted assignment matching a filter, oldest first (bulk actions). */
export async function matchingAssignmentIds(scope: Scope, filter: QueueFilter, limit = 10_000): Promise<string[]> {
  const lanes = await queueLanes(scope, filter);
  if (lanes.length === 0) return [];
  const rows = await queryRows<{ assignmentId: string }>(Prisma.sql`
    SELECT a."assignmentId" FROM (${laneUnion(lanes, Prisma.sql`a."assignmentId", a."submitTime"`, limit + 1, ORDER)}) a
    ORDER BY ${ORDER} LIMIT ${limit + 1}`);
  if (rows.length > limit) throw new Invalid(`More than ${limit.toLocaleString("en-US")} assignments match; narrow the filter`);
  return rows.map((r) => r.assignmentId);
}

/** The first page of a filter with when it was read, for a page to hand its client as the first reading. */
export async function reviewQueueReading(scope: Scope, filter: QueueFilter, limit: number): Promise<{ filter: QueueFilter; page: QueuePage; readAt: number }> {
  const readAt = Date.now();
  return { filter, page: await listReviewQueue(scope, filter, { limit }), readAt };
}

type Cursor = [group: string, submitTime: string, assignmentId: string];

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === "string")) return value as Cursor;
  } catch {
    // falls through to the error below
  }
  throw new Invalid("This page link is no longer valid; start from the first page");
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), "utf8").toString("base64url");

/**
 * One page of the review queue, read from the cache with keyset pagination: the order is
 * (group, submit time, id), so each page is an index range scan however deep it is.
 */
export async function listReviewQueue(scope: Scope, filter: QueueFilter, page: { cursor?: string; limit: number }): Promise<QueuePage> {
  const group = filter.group === "hit" ? Prisma.sql`a."hitId"` : filter.group === "worker" ? Prisma.sql`a."workerId"` : null;
  const order = group ? Prisma.sql`${group}, a."submitTime", a."assignmentId"` : Prisma.sql`a."submitTime", a."assignmentId"`;
  const after = decodeCursor(page.cursor);
  const pastCursor = !after
    ? []
    : group
      ? [Prisma.sql`(${group}, a."submitTime", a."assignmentId") > (${after[0]}, ${new Date(after[1])}, ${after[2]})`]
      : [Prisma.sql`(a."submitTime", a."assignmentId") > (${new Date(after[1])}, ${after[2]})`];
  const lanes = await queueLanes(scope, filter);
  if (lanes.length === 0) {
    const [sync] = await queryRows<{ hitsSyncedAt: Date | null }>(
      Prisma.sql`SELECT "hitsSyncedAt" FROM "SyncState" WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment"`,
    );
    return { items: [], nextCursor: null, total: after ? null : 0, totalCapped: false, syncedAt: sync?.hitsSyncedAt?.toISOString() ?? null };
  }
  // One statement for the page (its rows with their HIT, decision and batch row, and the sync
  // time, in a row of its own when the page is empty): on the embedded database, which serves
  // one statement at a time, each statement of a page costs every other page waiting behind it.
  const [read, counted] = await Promise.all([
    queryRows<QueueRow | (Partial<Record<keyof QueueRow, null>> & Pick<QueueRow, "hitsSyncedAt">)>(Prisma.sql`
      SELECT s."hitsSyncedAt", p.*
      FROM (SELECT 1) one
      LEFT JOIN "SyncState" s ON s."teamId" = ${scope.teamId} AND s.environment = ${scope.environment}::"Environment"
      LEFT JOIN (
        SELECT a."assignmentId", a."hitId", h."hitTypeId", h.title, a."workerId", h."rewardCents", a."acceptTime", a."submitTime",
          a."autoApprovalTime", a.answers, h."requesterAnnotation", ${group ?? Prisma.sql`''`} AS "groupKey",
          d.id AS "decisionId", d.action AS "decisionAction", d.status AS "decisionStatus", d."notBefore" AS "decisionNotBefore", d."decidedByEmail",
          ${batchRowValues(scope, Prisma.sql`a."hitId"`)} AS "batchValues"
        FROM (${laneUnion(
          lanes.map((where) => [...where, ...pastCursor]),
          Prisma.sql`a."teamId", a.environment, a."assignmentId", a."hitId", a."workerId", a."acceptTime", a."submitTime", a."autoApprovalTime", a.answers`,
          page.limit + 1,
          order,
        )}) a
        JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId"
        LEFT JOIN "ReviewDecision" d ON d."teamId" = a."teamId" AND d.environment = a.environment AND d."assignmentId" = a."assignmentId" AND d.slot = 'decide'
        ORDER BY ${order}
        LIMIT ${page.limit + 1}
      ) p ON true
      ORDER BY p."groupKey", p."submitTime", p."assignmentId"`),
    // Counted on the first page only, and up to a cap: an exact count of a 100,000-row queue
    // costs more than the page itself. Later pages keep the first page's count.
    after
      ? Promise.resolve(null)
      : queryRows<{ count: number }>(
          Prisma.sql`SELECT count(*)::int AS count FROM (SELECT 1 FROM (${laneUnion(lanes, Prisma.sql`1 AS one`, COUNT_CAP + 1, countOrder(filter))}) u LIMIT ${COUNT_CAP + 1}) t`,
        ),
  ]);
  const syncedAt = read[0]?.hitsSyncedAt?.toISOString() ?? null;
  const rows = read.filter((r): r is QueueRow => r.assignmentId !== null);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      assignmentId: r.assignmentId,
      hitId: r.hitId,
      hitTypeId: r.hitTypeId,
      title: r.title,
      workerId: r.workerId,
      rewardCents: r.rewardCents,
      acceptTime: r.acceptTime?.toISOString() ?? null,
      submitTime: r.submitTime.toISOString(),
      autoApprovalTime: r.autoApprovalTime?.toISOString() ?? null,
      answers: r.answers,
      inputs: inputsOf(r.batchValues, r.requesterAnnotation),
      decision: r.decisionId ? { id: r.decisionId, action: r.decisionAction!, status: r.decisionStatus!, notBefore: r.decisionNotBefore!.toISOString(), decidedByEmail: r.decidedByEmail! } : null,
    })),
    nextCursor: more && last ? encodeCursor([last.groupKey, last.submitTime.toISOString(), last.assignmentId]) : null,
    total: counted ? Math.min(COUNT_CAP, counted[0]?.count ?? 0) : null,
    totalCapped: counted ? (counted[0]?.count ?? 0) > COUNT_CAP : false,
    syncedAt,
  };
}
