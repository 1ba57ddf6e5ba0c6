import "server-only";
import { csvRow } from "@/lib/csv/write-csv";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HitFilter } from "@/lib/hits/hit-filter";
import { hitConditions } from "@/lib/hits/list-hits";
import { answerFields, resultRow, resultsHeader, sortAnswerColumns, type ResultAssignment, type ResultHit, type WorkerApproval } from "@/lib/hits/results-csv";
import { ProjectDesign } from "@/lib/projects/project-design";
import type { Scope } from "@/lib/scope";
import { syncHitsNow } from "@/lib/sync/sync-hits";

const PAGE = 1000;
// MTurk quotes every field of its results CSV; so does the copy, for tools that expect it.
const MTURK_QUOTING = { quote: "always" } as const;
/** HITs an export reads from the marketplace before writing (≤ 3 calls each), and for how long at most. */
export const EXPORT_SYNC_LIMIT = 200;
const EXPORT_SYNC_BUDGET_MS = 20_000;

/**
 * Brings the HITs an export is about up to date first, so work submitted a moment ago is in
 * the file: a batch's HITs (cached yet or not), or the HITs matching a filter of the list, the
 * least recently synced first, at most EXPORT_SYNC_LIMIT of them within 20 s (the background sync has the rest).
 * A failed sync does not stop the export.
 */
export async function syncBeforeExport(scope: Scope, target: { batchId: string } | { filter: HitFilter }): Promise<void> {
  const ids =
    "batchId" in target
      ? await db.$queryRaw<{ hitId: string }[]>`
          SELECT bh."hitId" FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
          LEFT JOIN "CachedHit" h ON h."teamId" = b."teamId" AND h.environment = b.environment AND h."hitId" = bh."hitId"
          WHERE b.id = ${target.batchId} AND b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment" AND h."forgottenAt" IS NULL
          ORDER BY CASE WHEN h."assignmentsSyncedAt" IS NULL THEN NULL ELSE LEAST(h."syncedAt", h."assignmentsSyncedAt") END NULLS FIRST, bh."rowIndex"
          LIMIT ${EXPORT_SYNC_LIMIT}`
      : await db.$queryRaw<{ hitId: string }[]>`
          SELECT h."hitId" FROM "CachedHit" h WHERE ${Prisma.join(hitConditions(scope, target.filter), " AND ")} AND h."forgottenAt" IS NULL
          ORDER BY CASE WHEN h."assignmentsSyncedAt" IS NULL THEN NULL ELSE LEAST(h."syncedAt", h."assignmentsSyncedAt") END NULLS FIRST
          LIMIT ${EXPORT_SYNC_LIMIT}`;
  try {
    await syncHitsNow(
      scope.teamId,
      scope.environment,
      ids.map((r) => r.hitId),
      { limit: EXPORT_SYNC_LIMIT, budgetMs: EXPORT_SYNC_BUDGET_MS },
    );
  } catch (e) {
    // The marketplace unreachable or the connection broken: the file still comes, from the cache as last synced.
    console.error(`[export] syncing ${ids.length} HITs before the export failed; exporting the cache`, e);
  }
}

interface BatchInfo {
  columns: string[];
  durations: Pick<ResultHit, "assignmentDurationSeconds" | "autoApprovalDelaySeconds" | "lifetimeSeconds">;
}

const NO_DURATIONS: BatchInfo["durations"] = { assignmentDurationSeconds: null, autoApprovalDelaySeconds: null, lifetimeSeconds: null };

/** The batches the matching HITs came from: their CSV columns and the durations of the version they used. */
async function batchesOf(scope: Scope, where: Prisma.Sql): Promise<Map<string, BatchInfo>> {
  const rows = await db.$queryRaw<{ id: string; columns: string[]; design: unknown; createdAt: Date }[]>`
    SELECT b.id, b.columns, v.design, b."createdAt" FROM "Batch" b JOIN "ProjectVersion" v ON v.id = b."projectVersionId"
    WHERE b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment"
      AND EXISTS (SELECT 1 FROM "BatchHit" bh JOIN "CachedHit" h ON h."hitId" = bh."hitId" WHERE bh."batchId" = b.id AND ${where})
    ORDER BY b."createdAt"`;
  return new Map(
    rows.map((b) => {
      const design = ProjectDesign.safeParse(b.design);
      const durations = design.success
        ? { assignmentDurationSeconds: design.data.assignmentDurationSeconds, autoApprovalDelaySeconds: design.data.autoApprovalDelaySeconds, lifetimeSeconds: design.data.lifetimeSeconds }
        : NO_DURATIONS;
      return [b.id, { columns: b.columns, durations }];
    }),
  );
}

const ASSIGNMENTS_OF = (where: Prisma.Sql) =>
  Prisma.sql`FROM "CachedAssignment" a JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId" WHERE ${where}`;

/** Every answer column of the matching assignments, read a page at a time before the first row is written. */
async function answerColumns(where: Prisma.Sql): Promise<string[]> {
  const names = new Set<string>();
  let after = "";
  for (;;) {
    const page = await db.$queryRaw<{ assignmentId: string; answers: unknown }[]>`
      SELECT a."assignmentId", a.answers ${ASSIGNMENTS_OF(where)} AND a."assignmentId" > ${after} ORDER BY a."assignmentId" LIMIT ${PAGE}`;
    for (const a of page) for (const name of answerFields(a.answers).keys()) names.add(name);
    if (page.length < PAGE) return sortAnswerColumns(names);
    after = page.at(-1)!.assignmentId;
  }
}

/** Each worker's approval rate with this team, as MTurk's CSV reports it: lifetime, 30 and 7 days. */
async function workerApprovals(scope: Scope, where: Prisma.Sql): Promise<Map<string, WorkerApproval>> {
  const rows = await db.$queryRaw<{ workerId: string; a: bigint; d: bigint; a30: bigint; d30: bigint; a7: bigint; d7: bigint }[]>`
    SELECT w."workerId",
      count(*) FILTER (WHERE w.status = 'Approved') AS a, count(*) FILTER (WHERE w.status IN ('Approved', 'Rejected')) AS d,
      count(*) FILTER (WHERE w.status = 'Approved' AND w."submitTime" > now() - interval '30 days') AS a30,
      count(*) FILTER (WHERE w.status IN ('Approved', 'Rejected') AND w."submitTime" > now() - interval '30 days') AS d30,
      count(*) FILTER (WHERE w.status = 'Approved' AND w."submitTime" > now() - interval '7 days') AS a7,
      count(*) FILTER (WHERE w.status IN ('Approved', 'Rejected') AND w."submitTime" > now() - interval '7 days') AS d7
    FROM "CachedAssignment" w
    WHERE w."teamId" = ${scope.teamId} AND w.environment = ${scope.environment}::"Environment"
      AND w."workerId" IN (SELECT DISTINCT a."workerId" ${ASSIGNMENTS_OF(where)})
    GROUP BY w."workerId"`;
  return new Map(rows.map((r) => [r.workerId, { lifetime: [Number(r.a), Number(r.d)], last30Days: [Number(r.a30), Number(r.d30)], last7Days: [Number(r.a7), Number(r.d7)] }]));
}

type HitRow = ResultHit & { batchId: string | null; rowIndex: number | null };

/**
 * The results CSV of the HITs matching a filter, streamed: the header once its columns are
 * known, then pages of 1000 HITs with their assignments, so a batch of any size is never held
 * in memory. Rows come in the order the HITs were created.
 */
export function resultsCsvStream(scope: Scope, filter: HitFilter): ReadableStream<Uint8Array> {
  const where = Prisma.join(hitConditions(scope, filter), " AND ");
  const encoder = new TextEncoder();
  let state: { batches: Map<string, BatchInfo>; inputs: string[]; answers: string[]; approvals: Map<string, WorkerApproval>; after: [Date, string] | null } | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!state) {
        const batches = await batchesOf(scope, where);
        const inputs = [...new Set([...batches.values()].flatMap((b) => b.columns))];
        const [answers, approvals] = await Promise.all([answerColumns(where), workerApprovals(scope, where)]);
        state = { batches, inputs, answers, approvals, after: null };
        controller.enqueue(encoder.encode(csvRow(resultsHeader(inputs, answers), MTURK_QUOTING)));
        return;
      }
      const after = state.after ? Prisma.sql`AND (h."createdAt", h."hitId") > (${state.after[0]}, ${state.after[1]})` : Prisma.empty;
      const hits = await db.$queryRaw<HitRow[]>`
        SELECT h."hitId", h."hitTypeId", h.title, h.description, h.keywords, h."rewardCents", h."createdAt", h."maxAssignments",
          h."requesterAnnotation", h."expiresAt", h."assignmentDurationSeconds", h."autoApprovalDelaySeconds", h."lifetimeSeconds", bh."batchId", bh."rowIndex"
        FROM "CachedHit" h
        LEFT JOIN LATERAL (SELECT bh."batchId", bh."rowIndex" FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
          WHERE bh."hitId" = h."hitId" AND b."teamId" = h."teamId" AND b.environment = h.environment LIMIT 1) bh ON true
        WHERE ${where} ${after}
        ORDER BY h."createdAt", h."hitId" LIMIT ${PAGE}`;
      if (hits.length === 0) {
        controller.close();
        return;
      }
      state.after = [hits.at(-1)!.createdAt, hits.at(-1)!.hitId];
      const hitIds = hits.map((h) => h.hitId);
      const rowKeys = hits.filter((h) => h.batchId !== null).map((h) => Prisma.sql`(${h.batchId}, ${h.rowIndex})`);
      const [assignments, rows] = await Promise.all([
        db.cachedAssignment.findMany({
          where: { teamId: scope.teamId, environment: scope.environment, hitId: { in: hitIds } },
          orderBy: [{ submitTime: "asc" }, { assignmentId: "asc" }],
          select: {
            hitId: true,
            assignmentId: true,
            workerId: true,
            status: true,
            acceptTime: true,
            submitTime: true,
            autoApprovalTime: true,
            approvalTime: true,
            rejectionTime: true,
            requesterFeedback: true,
            answers: true,
          },
        }),
        rowKeys.length
          ? db.$queryRaw<{ batchId: string; rowIndex: number; values: Record<string, string> }[]>`
              SELECT "batchId", "rowIndex", "values" FROM "BatchRow" WHERE ("batchId", "rowIndex") IN (${Prisma.join(rowKeys)})`
          : Promise.resolve([]),
      ]);
      const byHit = new Map<string, ResultAssignment[]>();
      for (const a of assignments) byHit.set(a.hitId, [...(byHit.get(a.hitId) ?? []), a]);
      const inputsOf = new Map(rows.map((r) => [`${r.batchId}:${r.rowIndex}`, r.values]));
      let text = "";
      for (const h of hits) {
        const batch = h.batchId ? state.batches.get(h.batchId) : undefined;
        // A batch's HITs take the durations of the version it used; others the HIT's own, as cached.
        const hit: ResultHit = batch && batch.durations !== NO_DURATIONS ? { ...h, ...batch.durations } : h;
        const inputs = h.batchId ? (inputsOf.get(`${h.batchId}:${h.rowIndex}`) ?? null) : null;
        const columns = { input: state.inputs, answer: state.answers };
        const its = byHit.get(h.hitId) ?? [];
        if (its.length === 0) text += csvRow(resultRow(hit, null, inputs, columns, undefined), MTURK_QUOTING);
        for (const a of its) text += csvRow(resultRow(hit, a, inputs, columns, state.approvals.get(a.workerId)), MTURK_QUOTING);
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** A batch of this team and environment, or 404. */
export async function batchForExport(scope: Scope, batchId: string): Promise<{ id: string; name: string }> {
  const batch = await db.batch.findFirst({ where: { id: batchId, teamId: scope.teamId, environment: scope.environment }, select: { id: true, name: true } });
  if (!batch) throw new NotFound("No such batch in this environment");
  return batch;
}

/** A file name a spreadsheet will not trip over, like MTurk's Batch_<id>_batch_results.csv. */
export const resultsFileName = (label: string) => `${label.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60) || "HITs"}_batch_results.csv`;

export function csvResponse(stream: ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}
