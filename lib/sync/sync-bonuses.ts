import "server-only";
import { createHash } from "node:crypto";
import { ListBonusPaymentsCommand, type BonusPayment } from "@aws-sdk/client-mturk";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dollarsToCents } from "@/lib/money";
import { listAll, type SyncContext } from "@/lib/sync/sync-context";

/**
 * MTurk gives a bonus payment no id. Its fields identify it, except that the same bonus could
 * be paid twice in one millisecond: the n-th identical one in a listing gets suffix n.
 */
function bonusKeys(bonuses: BonusPayment[]): string[] {
  const seen = new Map<string, number>();
  return bonuses.map((b) => {
    const hash = createHash("sha256")
      .update([b.AssignmentId, b.WorkerId, b.BonusAmount, b.GrantTime?.toISOString(), b.Reason].join("\u0000"))
      .digest("hex")
      .slice(0, 32);
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
    const page = await ctx.send(new ListBonusPaymentsCommand({ HITId: hitId, MaxResults: 100, NextToken: token }));
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
