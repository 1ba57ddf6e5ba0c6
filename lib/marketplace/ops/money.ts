import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { bonusFeeCents } from "@/lib/marketplace/fees";
import { entityId } from "@/lib/marketplace/ids";
import { balanceCents, charge, feeScheduleOf, lockRequester } from "@/lib/marketplace/ledger";
import { formatCents, parseAmount } from "@/lib/marketplace/money";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { serializeBonus } from "@/lib/marketplace/serialize";

const GetAccountBalance: OperationHandler = async (_raw, ctx) => ({
  AvailableBalance: formatCents(await balanceCents(ctx.requester.id)),
  OnHoldBalance: "0.00",
});

interface BonusInput {
  WorkerId: string;
  BonusAmount: string;
  AssignmentId: string;
  Reason: string;
  UniqueRequestToken?: string;
}

/**
 * A repeated UniqueRequestToken never pays twice: the same request again succeeds without
 * paying (so a retry after a lost reply is safe); a different request with a used token is
 * refused, naming the first. MTurk documents only "an error"; this is the safe reading.
 */
async function earlierBonus(requesterId: string, token: string | undefined, input: BonusInput, amountCents: number) {
  if (!token) return undefined;
  const row = await db.mkIdempotencyToken.findUnique({ where: { requesterId_operation_token: { requesterId, operation: "SendBonus", token } } });
  if (!row) return undefined;
  const bonus = await db.mkBonusPayment.findUniqueOrThrow({ where: { id: row.resultRef } });
  if (bonus.workerId !== input.WorkerId || bonus.assignmentId !== input.AssignmentId || bonus.amountCents !== amountCents) {
    throw new MturkRequestError(
      "AWS.MechanicalTurk.DuplicateRequest",
      `The UniqueRequestToken ${token} was already used for a bonus of $${formatCents(bonus.amountCents)} to ${bonus.workerId} for assignment ${bonus.assignmentId}.`,
    );
  }
  return bonus;
}

const SendBonus: OperationHandler = async (raw, ctx) => {
  const input = raw as BonusInput;
  const amountCents = parseAmount(input.BonusAmount, "BonusAmount");
  if (amountCents < 1) throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", "BonusAmount must be at least 0.01");
  const reason = input.Reason.trim();
  if (!reason) throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", "Reason must not be empty: the worker sees it with the bonus");
  if (await earlierBonus(ctx.requester.id, input.UniqueRequestToken, input, amountCents)) return {};
  const assignment = await db.mkAssignment.findFirst({
    where: { id: input.AssignmentId, requesterId: ctx.requester.id, status: { in: ["Submitted", "Approved", "Rejected"] } },
  });
  if (!assignment) throw new MturkRequestError("AWS.MechanicalTurk.AssignmentDoesNotExist", `Assignment ${input.AssignmentId} does not exist.`);
  if (assignment.workerId !== input.WorkerId) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `Assignment ${assignment.id} was not done by worker ${input.WorkerId}.`);
  }
  const id = entityId();
  try {
    await db.$transaction(async (tx) => {
      if (input.UniqueRequestToken) {
        await tx.mkIdempotencyToken.create({ data: { requesterId: ctx.requester.id, operation: "SendBonus", token: input.UniqueRequestToken, resultRef: id, createdAt: ctx.now } });
      }
      const requester = await lockRequester(tx, ctx.requester.id);
      await tx.mkBonusPayment.create({
        data: { id, requesterId: ctx.requester.id, workerId: input.WorkerId, assignmentId: assignment.id, hitId: assignment.hitId, amountCents, reason, grantTime: ctx.now },
      });
      await charge(tx, ctx.requester.id, { kind: "bonus", amountCents, feeCents: bonusFeeCents(amountCents, feeScheduleOf(requester)), refId: id, workerId: input.WorkerId });
    });
  } catch (e) {
    // The same token in flight twice: the loser checks what the winner paid.
    if (input.UniqueRequestToken && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      await earlierBonus(ctx.requester.id, input.UniqueRequestToken, input, amountCents);
      return {};
    }
    throw e;
  }
  return {};
};

const ListBonusPayments: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId?: string; AssignmentId?: string; NextToken?: string; MaxResults?: number };
  if (!!input.HITId === !!input.AssignmentId) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", "Give exactly one of HITId or AssignmentId");
  }
  const { limit, after } = seqCursor(input);
  const rows = await db.mkBonusPayment.findMany({
    where: {
      requesterId: ctx.requester.id,
      ...(input.HITId ? { hitId: input.HITId } : { assignmentId: input.AssignmentId }),
      ...(after !== undefined ? { seq: { gt: after } } : {}),
    },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(rows.map((r) => ({ seq: r.seq, item: serializeBonus(r) })), limit);
  return { NumResults: page.items.length, BonusPayments: page.items, NextToken: page.nextToken };
};

export const moneyOperations = { GetAccountBalance, SendBonus, ListBonusPayments } satisfies Record<string, OperationHandler>;
