import "server-only";
import { createHash } from "node:crypto";
import { ListBonusPaymentsCommand, type BonusPayment } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dollarsToCents } from "@/lib/money";
import { listAll, type SyncContext } from "@/lib/sync/sync-context";
import { LIST_PAGE_SIZE } from "@/lib/mturk/pages";

/**
 * MTurk gives a bonus payment no id. Its fields identify it, except that the same bonus could
 * be paid twice in one millisecond: the n-th identical one in a listing gets suffix n.
 */
function bonusKeys(bonuses: BonusPayment[]): string[] {
  const seen = new Map<string, number>();
  return bonuses.map((b) => {
    const hash = createHash("sha256").update([b.AssignmentId, b.WorkerId, b.BonusAmount, b.GrantTime?.toISOString(), b.Reason].join("\u0000")).digest("hex").slice(0, 32);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    return `${hash}:${n}`;
  });
}

/**
 * One HIT's bonus payments as cache rows, for the caller to write with the HIT's assignments.
 * Payments are never withdrawn on MTurk, so rows are only ever added (createMany, skipping
 * those already cached); the HIT's bonusesSyncedAt says how fresh they are.
 */
export async function listHitBonuses(ctx: SyncContext, hitId: string): Promise<Prisma.CachedBonusPaymentCreateManyInput[]> {
  const { teamId, environment } = ctx;
  const bonuses = await listAll(async (token) => {
    const page = await ctx.send(new ListBonusPaymentsCommand({ HITId: hitId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
    return { items: page.BonusPayments, next: page.NextToken };
  });
  const now = new Date();
  const keys = bonusKeys(bonuses);
  return bonuses.map((b, i) => ({
    teamId,
    environment,
    bonusKey: keys[i]!,
    hitId,
    assignmentId: b.AssignmentId!,
    workerId: b.WorkerId!,
    amountCents: dollarsToCents(b.BonusAmount ?? "0"),
    reason: b.Reason ?? "",
    grantTime: b.GrantTime ?? now,
    syncedAt: now,
  }));
}

const RECENT_WORK_MS = 7 * 86_400_000;
const RECENT_BONUS_HITS = 200;
const FRESH_MS = 5 * 60_000;

/**
 * HITs whose bonuses may have changed without the HIT changing: a bonus is usually paid days
 * after the work, when nothing in ListHITs moves. Returns, stalest first, up to 200 HITs with
 * work submitted in the last week whose bonuses were not read in the last few minutes; the
 * caller refreshes them with the slow parts, so each pass costs at most 200 calls.
 */
export async function hitsDueForBonusCheck(teamId: string, environment: SyncContext["environment"], syncStartedAt: Date, now = new Date()): Promise<string[]> {
  // Not read in the last few minutes, nor earlier in this sync (a long first sync reads them all).
  const readBefore = new Date(Math.min(syncStartedAt.getTime(), now.getTime() - FRESH_MS));
  const rows = await db.$queryRaw<{ hitId: string }[]>`
    SELECT h."hitId" FROM "CachedHit" h
    WHERE h."teamId" = ${teamId} AND h.environment = ${environment}::"Environment" AND h."forgottenAt" IS NULL
      AND (h."bonusesSyncedAt" IS NULL OR h."bonusesSyncedAt" < ${readBefore})
      AND EXISTS (
        SELECT 1 FROM "CachedAssignment" a
        WHERE a."teamId" = h."teamId" AND a.environment = h.environment AND a."hitId" = h."hitId"
          AND a."submitTime" >= ${new Date(now.getTime() - RECENT_WORK_MS)})
    ORDER BY h."bonusesSyncedAt" ASC NULLS FIRST
    LIMIT ${RECENT_BONUS_HITS}`;
  return rows.map((r) => r.hitId);
}

/** Reads and stores one HIT's bonus payments on their own (the HIT itself did not change). */
export async function refreshHitBonuses(ctx: SyncContext, hitId: string): Promise<number> {
  const bonuses = await listHitBonuses(ctx, hitId);
  await db.$transaction([
    ...(bonuses.length ? [db.cachedBonusPayment.createMany({ data: bonuses, skipDuplicates: true })] : []),
    db.cachedHit.update({ where: { teamId_environment_hitId: { teamId: ctx.teamId, environment: ctx.environment, hitId } }, data: { bonusesSyncedAt: new Date() } }),
  ]);
  return bonuses.length;
}
