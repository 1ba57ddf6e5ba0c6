import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Forbidden, NotFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { centsToDollars } from "@/lib/money";
import { bonusCost, type BonusCost } from "@/lib/review/bonus-cost";
import type { BonusInput } from "@/lib/review/review-inputs";

export const BONUS_JOB_KIND = "review.bonus";

export interface BonusRequest {
  assignmentId: string;
  workerId: string;
  hitId: string | null;
  amountCents: number;
  reason: string;
  /** Everything that makes this payment this payment; the same parts always give the same token. */
  tokenParts: (string | number)[];
}

export type BonusResult = { preview: true; cost: BonusCost } | { preview: false; jobId: string | null; queued: number; alreadyRecorded: number; cost: BonusCost };

/** A UniqueRequestToken (≤ 64 characters) derived from a payment's identity within the team. */
export function bonusToken(ctx: Pick<TeamContext, "team" | "environment">, parts: (string | number)[]): string {
  return `hd-${createHash("sha256")
    .update(JSON.stringify([ctx.team.id, ctx.environment, ...parts]))
    .digest("hex")
    .slice(0, 40)}`;
}

/** A reviewer may send bonuses up to the team's limit each; admins and owners any amount. */
export function assertBonusLimit(ctx: TeamContext, amountsCents: number[]): void {
  if (ctx.role !== "reviewer") return;
  const over = amountsCents.find((c) => c > ctx.team.reviewerBonusLimitCents);
  if (over !== undefined) {
    throw new Forbidden(`A reviewer may send at most $${centsToDollars(ctx.team.reviewerBonusLimitCents)} per bonus; $${centsToDollars(over)} needs an admin`);
  }
}

/**
 * Records bonuses in the payment ledger, each with its token, and queues a job to pay them.
 * A token already in the ledger (a double click, a re-uploaded CSV) adds nothing: the first
 * row stands, paid or on its way.
 */
export async function queueBonuses(ctx: TeamContext, requests: BonusRequest[], source: { subjectId?: string; preview?: boolean }): Promise<BonusResult> {
  assertBonusLimit(
    ctx,
    requests.map((r) => r.amountCents),
  );
  const cost = await bonusCost(
    ctx.team.id,
    ctx.environment,
    requests.map((r) => r.amountCents),
  );
  if (source.preview) return { preview: true, cost };
  return db.$transaction(
    async (tx) => {
      const inserted: string[] = [];
      for (let i = 0; i < requests.length; i += 1000) {
        const chunk = requests.slice(i, i + 1000).map((r) => ({ id: randomUUID(), token: bonusToken(ctx, r.tokenParts), ...r }));
        const rows = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "PaymentLedgerEntry" (id, "teamId", environment, kind, "uniqueRequestToken", "assignmentId", "workerId", "hitId", "amountCents", reason, "createdById")
          SELECT u.id, ${ctx.team.id}, ${ctx.environment}::"Environment", 'bonus', u.token, u."assignmentId", u."workerId", u."hitId", u."amountCents", u.reason, ${ctx.user.id}
          FROM unnest(${chunk.map((r) => r.id)}::text[], ${chunk.map((r) => r.token)}::text[], ${chunk.map((r) => r.assignmentId)}::text[], ${chunk.map((r) => r.workerId)}::text[],
            ${chunk.map((r) => r.hitId)}::text[], ${chunk.map((r) => r.amountCents)}::int[], ${chunk.map((r) => r.reason)}::text[])
            AS u(id, token, "assignmentId", "workerId", "hitId", "amountCents", reason)
          ON CONFLICT ("teamId", environment, "uniqueRequestToken") DO NOTHING
          RETURNING id`;
        inserted.push(...rows.map((r) => r.id));
      }
      let jobId: string | null = null;
      if (inserted.length > 0) {
        jobId = (
          await enqueueJob(
            { teamId: ctx.team.id, environment: ctx.environment, kind: BONUS_JOB_KIND, subjectId: source.subjectId, createdById: ctx.user.id, items: inserted.map((ledgerId) => ({ ledgerId })) },
            tx,
          )
        ).id;
        await tx.paymentLedgerEntry.updateMany({ where: { id: { in: inserted } }, data: { jobId } });
      }
      await recordAudit(
        ctx,
        "assignment.bonus",
        requests.length === 1 ? requests[0]!.assignmentId : `${requests.length} assignments`,
        {
          jobId,
          queued: inserted.length,
          alreadyRecorded: requests.length - inserted.length,
          totalCents: cost.totalCents,
          bonuses: requests.map((r) => ({ assignmentId: r.assignmentId, workerId: r.workerId, amountCents: r.amountCents })),
        },
        tx,
      );
      return { preview: false as const, jobId, queued: inserted.length, alreadyRecorded: requests.length - inserted.length, cost };
    },
    { timeout: 60_000 },
  );
}

/** The same bonus for each selected assignment (single or bulk, from the queue or the assignment). */
export async function payBonuses(ctx: TeamContext, input: BonusInput): Promise<BonusResult> {
  const ids = [...new Set(input.assignmentIds)];
  const assignments = await db.cachedAssignment.findMany({
    where: { teamId: ctx.team.id, environment: ctx.environment, assignmentId: { in: ids } },
    select: { assignmentId: true, workerId: true, hitId: true },
  });
  const missing = ids.find((id) => !assignments.some((a) => a.assignmentId === id));
  if (missing) throw new NotFound(`Assignment ${missing} is not in this environment`);
  return queueBonuses(
    ctx,
    assignments.map((a) => ({ ...a, amountCents: input.amount, reason: input.reason, tokenParts: ["form", input.requestKey, a.assignmentId] })),
    { preview: input.preview },
  );
}
