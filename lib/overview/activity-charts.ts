import "server-only";
import { mastersTypeIds, teamFeeSchedule } from "@/lib/batches/fee-schedule";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { bonusFeeCents, rewardFeeCents } from "@/lib/mturk-formats/fees";
import type { ActivityCharts, ChartRange, ProjectApproval, SpendBucket, SubmissionsBucket } from "@/lib/overview/activity-charts-input";
import type { Scope } from "@/lib/scope";

/** Projects shown in the approval chart: a readable chart, not every project a team ever ran. */
export const PROJECTS_SHOWN = 8;

/**
 * The overview's charts for the last `days` days in `timeZone`, from the sync's cache: each an
 * aggregate over an index range of the scope's rows (no row per assignment leaves Postgres).
 * Spend is what was paid: rewards of approved work by approval time, bonuses by grant time,
 * and the fees the team's marketplace charges on each (lib/mturk-formats/fees).
 */
export async function activityCharts(scope: Scope, days: ChartRange, timeZone: string, now = new Date()): Promise<ActivityCharts> {
  const range = localRange(days, timeZone, now);
  const [submissionsPerHour, spendPerDay, approvalByProject] = await Promise.all([submissionsPerHourOf(scope, range), spendPerDayOf(scope, range), approvalByProjectOf(scope, range)]);
  return { days, timeZone, submissionsPerHour, spendPerDay, approvalByProject };
}

/**
 * The range as SQL expressions: the last `days` calendar days in the viewer's time zone, today
 * included. Stored times are UTC without a zone, so a stored time reads locally as `(t AT TIME
 * ZONE 'UTC') AT TIME ZONE tz` and a local time is stored as `(l AT TIME ZONE tz) AT TIME ZONE
 * 'UTC'`. The bounds depend on parameters only, so they bound the index scans.
 */
interface LocalRange {
  tz: string;
  localNow: Prisma.Sql;
  localFirst: Prisma.Sql;
  storedFirst: Prisma.Sql;
  storedNow: Prisma.Sql;
}

function localRange(days: ChartRange, tz: string, now: Date): LocalRange {
  const localNow = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${tz})`;
  const localFirst = Prisma.sql`(date_trunc('day', ${localNow}) - make_interval(days => ${days - 1}::int))`;
  return {
    tz,
    localNow,
    localFirst,
    storedFirst: Prisma.sql`((${localFirst} AT TIME ZONE ${tz}) AT TIME ZONE 'UTC')`,
    storedNow: Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`,
  };
}

async function submissionsPerHourOf(scope: Scope, range: LocalRange): Promise<SubmissionsBucket[]> {
  return db.$queryRaw<SubmissionsBucket[]>`
    WITH counts AS (
      SELECT date_trunc('hour', (a."submitTime" AT TIME ZONE 'UTC') AT TIME ZONE ${range.tz}) AS bucket, count(*)::int AS n
      FROM "CachedAssignment" a
      WHERE a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment"
        AND a."submitTime" >= ${range.storedFirst} AND a."submitTime" <= ${range.storedNow}
      GROUP BY 1
    )
    SELECT to_char(s, 'YYYY-MM-DD"T"HH24:MI') AS hour, coalesce(c.n, 0) AS submissions
    FROM generate_series(${range.localFirst}, date_trunc('hour', ${range.localNow}), interval '1 hour') s
    LEFT JOIN counts c ON c.bucket = s
    ORDER BY s`;
}

async function spendPerDayOf(scope: Scope, range: LocalRange): Promise<SpendBucket[]> {
  const dayList = db.$queryRaw<{ days: string[] }[]>`
    SELECT array_agg(to_char(s, 'YYYY-MM-DD') ORDER BY s) AS days FROM generate_series(${range.localFirst}, ${range.localNow}, interval '1 day') s`;
  const mastersFilter = JSON.stringify(mastersTypeIds(scope.environment).map((id) => ({ QualificationTypeId: id })));
  // Grouped by what the fee depends on, so each assignment's and bonus's fee is the one charged (rounded on its own).
  const rewards = db.$queryRaw<{ day: string; rewardCents: number; maxAssignments: number; masters: boolean; n: number }[]>`
    SELECT to_char((a."approvalTime" AT TIME ZONE 'UTC') AT TIME ZONE ${range.tz}, 'YYYY-MM-DD') AS day,
      h."rewardCents", h."maxAssignments", h."qualificationRequirements" @> ${mastersFilter}::jsonb AS masters, count(*)::int AS n
    FROM "CachedAssignment" a
    JOIN "CachedHit" h ON h."teamId" = a."teamId" AND h.environment = a.environment AND h."hitId" = a."hitId"
    WHERE a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment"
      AND a."approvalTime" >= ${range.storedFirst} AND a."approvalTime" <= ${range.storedNow}
    GROUP BY 1, 2, 3, 4`;
  const bonuses = db.$queryRaw<{ day: string; amountCents: number; n: number }[]>`
    SELECT to_char(("grantTime" AT TIME ZONE 'UTC') AT TIME ZONE ${range.tz}, 'YYYY-MM-DD') AS day, "amountCents", count(*)::int AS n
    FROM "CachedBonusPayment"
    WHERE "teamId" = ${scope.teamId} AND environment = ${scope.environment}::"Environment"
      AND "grantTime" >= ${range.storedFirst} AND "grantTime" <= ${range.storedNow}
    GROUP BY 1, 2`;
  const [[list], rewardRows, bonusRows, schedule] = await Promise.all([dayList, rewards, bonuses, teamFeeSchedule(scope.teamId, scope.environment)]);
  const byDay = new Map<string, SpendBucket>((list?.days ?? []).map((day) => [day, { day, rewardsCents: 0, bonusesCents: 0, feesCents: 0 }]));
  for (const r of rewardRows) {
    const bucket = byDay.get(r.day);
    if (!bucket) continue;
    bucket.rewardsCents += r.rewardCents * r.n;
    bucket.feesCents += rewardFeeCents(r.rewardCents, { maxAssignments: r.maxAssignments, masters: r.masters }, schedule) * r.n;
  }
  for (const b of bonusRows) {
    const bucket = byDay.get(b.day);
    if (!bucket) continue;
    bucket.bonusesCents += b.amountCents * b.n;
    bucket.feesCents += bonusFeeCents(b.amountCents, schedule) * b.n;
  }
  return [...byDay.values()];
}

async function approvalByProjectOf(scope: Scope, range: LocalRange): Promise<ProjectApproval[]> {
  // Counted per HIT first (an index-only scan), so the batch lookup runs once per HIT, not per assignment.
  return db.$queryRaw<ProjectApproval[]>`
    WITH per_hit AS (
      SELECT a."hitId",
        count(*) FILTER (WHERE a.status = 'Approved')::int AS approved,
        count(*) FILTER (WHERE a.status = 'Rejected')::int AS rejected,
        count(*) FILTER (WHERE a.status = 'Submitted')::int AS pending
      FROM "CachedAssignment" a
      WHERE a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment"
        AND a."submitTime" >= ${range.storedFirst} AND a."submitTime" <= ${range.storedNow}
      GROUP BY a."hitId"
    )
    SELECT p.id AS "projectId", coalesce(p.name, 'HITs not from a batch') AS name,
      sum(per_hit.approved)::int AS approved, sum(per_hit.rejected)::int AS rejected, sum(per_hit.pending)::int AS pending
    FROM per_hit
    LEFT JOIN LATERAL (
      SELECT b."projectId" FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
      WHERE bh."hitId" = per_hit."hitId" AND b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment"
      LIMIT 1
    ) src ON true
    LEFT JOIN "Project" p ON p.id = src."projectId" AND p."teamId" = ${scope.teamId}
    GROUP BY p.id, p.name
    ORDER BY sum(per_hit.approved + per_hit.rejected + per_hit.pending) DESC, p.name
    LIMIT ${PROJECTS_SHOWN}`;
}
