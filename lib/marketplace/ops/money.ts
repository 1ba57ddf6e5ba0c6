import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { entityId } from "@/lib/marketplace/ids";
import { SANDBOX_BALANCE_CENTS, balanceCents, charge, feeScheduleOf, lockRequester } from "@/lib/marketplace/ledger";
import { formatCents, parseAmount } from "@/lib/marketplace/money";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { serializeBonus } from "@/lib/marketplace/serialize";
import { selectBonusPayments } from "@/lib/marketplace/sql";
import { bonusFeeCents } from "@/lib/mturk-formats/fees";

const GetAccountBalance: OperationHandler = async (_raw, ctx) => ({
  AvailableBalance: formatCents(ctx.requester.environment === "sandbox" ? SANDBOX_BALANCE_CENTS : await balanceCents(ctx.requester.id)),
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
 * A used UniqueRequestToken never pays again: as MTurk's model says, "subsequent calls will
 * return an error with a message containing the request ID" of the call that paid. Clients
 * retrying after a lost reply read that error as "already paid" (lib/review/send-bonus does).
 */
async function refuseUsedToken(requesterId: string, token: string | undefined): Promise<void> {
  if (!token) return;
  const row = await db.mkIdempotencyToken.findUnique({ where: { requesterId_operation_token: { requesterId, operation: "SendBonus", token } } });
  if (!row) return;
  const bonus = await db.mkBonusPayment.findUniqueOrThrow({ where: { id: row.resultRef } });
  throw new MturkRequestError(
    "AWS.MechanicalTurk.DuplicateRequest",
    `The UniqueRequestToken ${token} was already used by request ${row.requestId ?? row.resultRef}: a bonus of $${formatCents(bonus.amountCents)} to ${bonus.workerId} for assignment ${bonus.assignmentId}. Nothing was paid again.`,
  );
}

const SendBonus: OperationHandler = async (raw, ctx) => {
  const input = raw as BonusInput;
  const amountCents = parseAmount(input.BonusAmount, "BonusAmount");
  if (amountCents < 1) throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", "BonusAmount must be at least 0.01");
  // Any string, empty included: the model sets no minimum (docs/mturk-compatibility.md).
  const reason = input.Reason;
  await refuseUsedToken(ctx.requester.id, input.UniqueRequestToken);
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
        await tx.mkIdempotencyToken.create({
          data: { requesterId: ctx.requester.id, operation: "SendBonus", token: input.UniqueRequestToken, resultRef: id, requestId: ctx.requestId, createdAt: ctx.now },
        });
      }
      const requester = await lockRequester(tx, ctx.requester.id);
      await tx.mkBonusPayment.create({
        data: { id, requesterId: ctx.requester.id, workerId: input.WorkerId, assignmentId: assignment.id, hitId: assignment.hitId, amountCents, reason, grantTime: ctx.now },
      });
      await charge(
        tx,
        { id: ctx.requester.id, environment: requester.environment },
        { kind: "bonus", amountCents, feeCents: bonusFeeCents(amountCents, feeScheduleOf(requester)), refId: id, workerId: input.WorkerId },
      );
    });
  } catch (e) {
    // The same token in flight twice: the loser is refused like any later call with it.
    if (input.UniqueRequestToken && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      await refuseUsedToken(ctx.requester.id, input.UniqueRequestToken);
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
  const rows = await selectBonusPayments(ctx.requester.id, input.HITId ? { hitId: input.HITId } : { assignmentId: input.AssignmentId! }, after, limit + 1);
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeBonus(r) })),
    limit,
  );
  return { NumResults: page.items.length, BonusPayments: page.items, NextToken: page.nextToken };
};

export const moneyOperations = { GetAccountBalance, SendBonus, ListBonusPayments } satisfies Record<string, OperationHandler>;
