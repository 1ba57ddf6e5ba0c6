import "server-only";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/scope";

/** Where a batch's work stands, from the cache: the HITs it made and their assignments. */
export interface BatchWork {
  /** HITs of the batch in the cache. */
  hits: number;
  /** Assignments the HITs ask for (their MaxAssignments together). */
  assignments: number;
  /** Not yet accepted by anyone (MTurk's NumberOfAssignmentsAvailable). */
  available: number;
  /** Accepted and being worked on (NumberOfAssignmentsPending). */
  working: number;
  /** Submitted and waiting for a decision. */
  submitted: number;
  approved: number;
  rejected: number;
  /** When the least recently synced HIT's assignments were read; null before any sync. */
  syncedAt: Date | null;
}

const NO_WORK: BatchWork = { hits: 0, assignments: 0, available: 0, working: 0, submitted: 0, approved: 0, rejected: 0, syncedAt: null };

/** The work of each batch asked for (ids already checked to be the scope's), by batch id. */
export async function batchWork(scope: Scope, batchIds: string[]): Promise<Map<string, BatchWork>> {
  const out = new Map(batchIds.map((id) => [id, { ...NO_WORK }]));
  if (batchIds.length === 0) return out;
  const rows = await db.$queryRaw<(Omit<BatchWork, "syncedAt"> & { batchId: string; syncedAt: Date | null })[]>`
    WITH hits AS (
      SELECT bh."batchId", h."hitId", h."maxAssignments", h."assignmentsAvailable", h."assignmentsPending", h."assignmentsSyncedAt"
      FROM "BatchHit" bh
      JOIN "CachedHit" h ON h."teamId" = ${scope.teamId} AND h.environment = ${scope.environment}::"Environment" AND h."hitId" = bh."hitId"
      WHERE bh."batchId" = ANY(${batchIds}::text[])
    ), decided AS (
      SELECT hits."batchId",
        count(*) FILTER (WHERE a.status = 'Submitted')::int AS submitted,
        count(*) FILTER (WHERE a.status = 'Approved')::int AS approved,
        count(*) FILTER (WHERE a.status = 'Rejected')::int AS rejected
      FROM hits
      JOIN "CachedAssignment" a ON a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a."hitId" = hits."hitId"
      GROUP BY hits."batchId"
    )
    SELECT hits."batchId", count(*)::int AS hits, sum(hits."maxAssignments")::int AS assignments,
      sum(hits."assignmentsAvailable")::int AS available, sum(hits."assignmentsPending")::int AS working,
      coalesce(max(d.submitted), 0)::int AS submitted, coalesce(max(d.approved), 0)::int AS approved, coalesce(max(d.rejected), 0)::int AS rejected,
      CASE WHEN bool_or(hits."assignmentsSyncedAt" IS NULL) THEN NULL ELSE min(hits."assignmentsSyncedAt") END AS "syncedAt"
    FROM hits LEFT JOIN decided d ON d."batchId" = hits."batchId"
    GROUP BY hits."batchId"`;
  for (const { batchId, ...work } of rows) out.set(batchId, work);
  return out;
}
