import "server-only";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

export interface WorkerStatState {
  /** Whether this call rebuilt the rows. */
  rebuilt: boolean;
  /** How many workers the rows hold: the workers page's total without a filter. */
  workers: number;
}

type BuildRow = { syncMark: Date | null; workers: number | null; finishedAt: Date | null };

/**
 * Brings the team's WorkerStat rows up to date with the cached assignments, HITs and bonuses when
 * a sync finished since the last build (or none was ever built). One aggregate over every assignment
 * (about a second at 500,000) per sync instead of per page view; a transaction-scoped advisory
 * lock makes concurrent page views wait for one rebuild rather than run several.
 */
export async function refreshWorkerStats(teamId: string, environment: EnvironmentName, options: { force?: boolean } = {}): Promise<WorkerStatState> {
  const scope = { teamId, environment };
  // One round trip on every page view: the build and the sync it is compared with.
  const current = async (client: Pick<typeof db, "$queryRaw">) => {
    const [row] = await client.$queryRaw<BuildRow[]>`
      SELECT b."syncMark", b."workers", s."finishedAt"
      FROM (SELECT 1) one
      LEFT JOIN "WorkerStatBuild" b ON b."teamId" = ${teamId} AND b."environment" = ${environment}::"Environment"
      LEFT JOIN "SyncState" s ON s."teamId" = ${teamId} AND s."environment" = ${environment}::"Environment"`;
    const stale = row!.workers === null || (!!row!.finishedAt && (!row!.syncMark || row!.syncMark < row!.finishedAt));
    return { stale, workers: row!.workers ?? 0 };
  };
  const before = await current(db);
  if (!options.force && !before.stale) return { rebuilt: false, workers: before.workers };
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`worker-stats:${teamId}:${environment}`}))`;
      const now = await current(tx);
      if (!options.force && !now.stale) return { rebuilt: false, workers: now.workers };
      const sync = await tx.syncState.findUnique({ where: { teamId_environment: scope }, select: { finishedAt: true } });
      // Rows are written only where a worker's figures changed (a sync changes few workers, and
      // every written row costs an entry in each of the page's sort indexes). This delete runs
      // before nested loops are switched off: an index probe per worker beats hashing every assignment.
      await tx.$executeRaw`
        DELETE FROM "WorkerStat" s WHERE s."teamId" = ${teamId} AND s."environment" = ${environment}::"Environment"
          AND NOT EXISTS (SELECT 1 FROM "CachedAssignment" a WHERE a."teamId" = s."teamId" AND a."environment" = s."environment" AND a."workerId" = s."workerId")`;
      // A bulk aggregate: on a fresh cache without statistics the planner may otherwise pick a
      // nested loop over assignments × HITs (minutes at 500,000 assignments) instead of a hash join.
      await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
      await tx.$executeRaw`
        INSERT INTO "WorkerStat" ("teamId", "environment", "workerId", "submitted", "approved", "rejected", "approvalRate", "earningsCents", "bonusCents", "medianSeconds", "hourlyCents", "firstSeenAt", "lastSeenAt")
        WITH work AS (
          SELECT a."workerId", a."status", a."acceptTime", a."submitTime", a."syncedAt", h."rewardCents",
                 EXTRACT(EPOCH FROM (a."submitTime" - a."acceptTime")) AS seconds
          FROM "CachedAssignment" a
          LEFT JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h."environment" = a."environment" AND h."hitId" = a."hitId"
          WHERE a."teamId" = ${teamId} AND a."environment" = ${environment}::"Environment"
        ), agg AS (
          SELECT "workerId",
                 COUNT(*) FILTER (WHERE "submitTime" IS NOT NULL) AS submitted,
                 COUNT(*) FILTER (WHERE "status" = 'Approved') AS approved,
                 COUNT(*) FILTER (WHERE "status" = 'Rejected') AS rejected,
                 COALESCE(SUM("rewardCents") FILTER (WHERE "status" = 'Approved'), 0) AS earnings,
                 PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE seconds IS NOT NULL) AS median,
                 SUM(seconds) FILTER (WHERE "status" = 'Approved' AND seconds > 0) AS approved_seconds,
                 MIN(COALESCE("acceptTime", "submitTime", "syncedAt")) AS first_seen,
                 MAX(COALESCE("submitTime", "acceptTime", "syncedAt")) AS last_seen
          FROM work GROUP BY "workerId"
        )
        SELECT ${teamId}, ${environment}::"Environment", agg."workerId", agg.submitted, agg.approved, agg.rejected,
               CASE WHEN agg.approved + agg.rejected = 0 THEN 100 ELSE 100.0 * agg.approved / (agg.approved + agg.rejected) END,
               agg.earnings, 0, ROUND(agg.median),
               CASE WHEN agg.approved_seconds > 0 THEN ROUND(agg.earnings * 3600.0 / agg.approved_seconds) END,
               agg.first_seen, agg.last_seen
        FROM agg
        ON CONFLICT ("teamId", "environment", "workerId") DO UPDATE SET
          "submitted" = EXCLUDED."submitted", "approved" = EXCLUDED."approved", "rejected" = EXCLUDED."rejected", "approvalRate" = EXCLUDED."approvalRate",
          "earningsCents" = EXCLUDED."earningsCents", "medianSeconds" = EXCLUDED."medianSeconds", "hourlyCents" = EXCLUDED."hourlyCents",
          "firstSeenAt" = EXCLUDED."firstSeenAt", "lastSeenAt" = EXCLUDED."lastSeenAt"
        WHERE ("WorkerStat"."submitted", "WorkerStat"."approved", "WorkerStat"."rejected", "WorkerStat"."approvalRate", "WorkerStat"."earningsCents",
               "WorkerStat"."medianSeconds", "WorkerStat"."hourlyCents", "WorkerStat"."firstSeenAt", "WorkerStat"."lastSeenAt")
          IS DISTINCT FROM (EXCLUDED."submitted", EXCLUDED."approved", EXCLUDED."rejected", EXCLUDED."approvalRate", EXCLUDED."earningsCents",
               EXCLUDED."medianSeconds", EXCLUDED."hourlyCents", EXCLUDED."firstSeenAt", EXCLUDED."lastSeenAt")`;
      // A separate update: joined in the insert, a planner without statistics on a fresh cache
      // can pick a nested loop over both aggregates (minutes at 20,000 workers).
      await tx.$executeRaw`
        UPDATE "WorkerStat" s SET "bonusCents" = b.cents
        FROM (SELECT "workerId", SUM("amountCents")::int AS cents FROM "CachedBonusPayment"
              WHERE "teamId" = ${teamId} AND "environment" = ${environment}::"Environment" GROUP BY "workerId") b
        WHERE s."teamId" = ${teamId} AND s."environment" = ${environment}::"Environment" AND s."workerId" = b."workerId" AND s."bonusCents" IS DISTINCT FROM b.cents`;
      // Fresh statistics, or the page's joins and counts are planned for an empty table.
      await tx.$executeRaw`ANALYZE "WorkerStat"`;
      const counted = await tx.$queryRaw<{ workers: number }[]>`
        SELECT COUNT(*)::int AS workers FROM "WorkerStat" WHERE "teamId" = ${teamId} AND "environment" = ${environment}::"Environment"`;
      const workers = counted[0]!.workers;
      const builtAt = new Date();
      await tx.workerStatBuild.upsert({
        where: { teamId_environment: scope },
        create: { ...scope, builtAt, syncMark: sync?.finishedAt ?? null, workers },
        update: { builtAt, syncMark: sync?.finishedAt ?? null, workers },
      });
      return { rebuilt: true, workers };
    },
    { timeout: 120_000 },
  );
}
