import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { grantQualification } from "@/lib/marketplace/grant-qualification";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { requireOwnQualificationType, serializeQualificationRequest } from "@/lib/marketplace/qualification-shapes";
import { sendWorkerMessage } from "@/lib/marketplace/worker-inbox";

/** Pending requests for the caller's types, oldest first. */
const ListQualificationRequests: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId?: string; NextToken?: string; MaxResults?: number };
  if (input.QualificationTypeId !== undefined) await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  const { limit, after } = seqCursor(input);
  const rows = await db.mkQualificationRequest.findMany({
    where: {
      requesterId: ctx.requester.id,
      status: "Pending",
      ...(input.QualificationTypeId !== undefined ? { qualificationTypeId: input.QualificationTypeId } : {}),
      ...(after !== undefined ? { seq: { gt: after } } : {}),
    },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeQualificationRequest(r) })),
    limit,
  );
  return { NumResults: page.items.length, QualificationRequests: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

/**
 * Decides one of the caller's pending requests. The status update is conditional on
 * Pending, so two concurrent decisions cannot both apply.
 */
async function decide(requesterId: string, requestId: string, now: Date, decision: { approve: true; value: number } | { approve: false; reason?: string }) {
  await db.$transaction(async (tx) => {
    const request = await tx.mkQualificationRequest.findFirst({ where: { id: requestId, requesterId } });
    if (!request) {
      throw new MturkRequestError("AWS.MechanicalTurk.QualificationRequestDoesNotExist", `Qualification request ${requestId} does not exist.`);
    }
    const moved = await tx.mkQualificationRequest.updateMany({
      where: { id: request.id, status: "Pending" },
      data: decision.approve ? { status: "Approved", decidedAt: now } : { status: "Rejected", decidedAt: now, reason: decision.reason ?? null },
    });
    if (moved.count === 0) {
      throw new MturkRequestError("AWS.MechanicalTurk.InvalidQualificationRequestState", `Qualification request ${requestId} has already been ${request.status.toLowerCase()}.`);
    }
    const type = await tx.mkQualificationType.findUniqueOrThrow({ where: { id: request.qualificationTypeId } });
    if (decision.approve) {
      await grantQualification(tx, { qualificationTypeId: type.id, workerId: request.workerId, value: decision.value, now });
    }
    await sendWorkerMessage(tx, {
      requesterId,
      workerId: request.workerId,
      subject: decision.approve ? `Your request for "${type.name}" was granted` : `Your request for "${type.name}" was rejected`,
      message: decision.approve ? `You now hold "${type.name}" with a score of ${decision.value}.` : decision.reason ? `Reason: ${decision.reason}` : "The requester gave no reason.",
      at: now,
    });
  });
}

const AcceptQualificationRequest: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationRequestId: string; IntegerValue?: number };
  await decide(ctx.requester.id, input.QualificationRequestId, ctx.now, { approve: true, value: input.IntegerValue ?? 1 });
  return {};
};

const RejectQualificationRequest: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationRequestId: string; Reason?: string };
  await decide(ctx.requester.id, input.QualificationRequestId, ctx.now, { approve: false, reason: input.Reason });
  return {};
};

export const qualificationRequestOperations = {
  ListQualificationRequests,
  AcceptQualificationRequest,
  RejectQualificationRequest,
} satisfies Record<string, OperationHandler>;
