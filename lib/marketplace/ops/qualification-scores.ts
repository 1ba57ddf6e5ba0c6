import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { grantQualification } from "@/lib/marketplace/grant-qualification";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { requireOwnQualificationType, serializeQualification } from "@/lib/marketplace/qualification-shapes";
import { sendWorkerMessage } from "@/lib/marketplace/worker-inbox";

const qualificationDoesNotExist = (typeId: string, workerId: string) =>
  new MturkRequestError("AWS.MechanicalTurk.QualificationDoesNotExist", `You requested a Qualification that does not exist. (QualificationTypeId ${typeId}, WorkerId ${workerId})`);

/** Grants (or re-grants) the caller's type to a worker, replacing any earlier value. */
const AssociateQualificationWithWorker: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; WorkerId: string; IntegerValue?: number; SendNotification?: boolean };
  const type = await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  const worker = await db.mkWorker.findUnique({ where: { id: input.WorkerId }, select: { id: true } });
  if (!worker) throw new MturkRequestError("AWS.MechanicalTurk.WorkerDoesNotExist", `Worker ${input.WorkerId} does not exist.`);
  const value = input.IntegerValue ?? 1;
  await db.$transaction(async (tx) => {
    await grantQualification(tx, { qualificationTypeId: type.id, workerId: worker.id, value, now: ctx.now });
    if (input.SendNotification ?? true) {
      await sendWorkerMessage(tx, {
        requesterId: ctx.requester.id,
        workerId: worker.id,
        subject: `You have been granted the qualification "${type.name}"`,
        message: `A requester granted you the qualification "${type.name}" with a score of ${value}.`,
        at: ctx.now,
      });
    }
  });
  return {};
};

/** Revokes a granted qualification; the Reason reaches the worker's inbox. */
const DisassociateQualificationFromWorker: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; WorkerId: string; Reason?: string };
  const type = await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  await db.$transaction(async (tx) => {
    const revoked = await tx.mkQualification.updateMany({
      where: { qualificationTypeId: type.id, workerId: input.WorkerId, status: "Granted" },
      data: { status: "Revoked", revokeReason: input.Reason ?? null },
    });
    if (revoked.count === 0) throw qualificationDoesNotExist(type.id, input.WorkerId);
    await sendWorkerMessage(tx, {
      requesterId: ctx.requester.id,
      workerId: input.WorkerId,
      subject: `Your qualification "${type.name}" was revoked`,
      message: input.Reason ? `Reason: ${input.Reason}` : "The requester gave no reason.",
      at: ctx.now,
    });
  });
  return {};
};

/** A worker's qualification of one of the caller's types, granted or revoked. */
const GetQualificationScore: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; WorkerId: string };
  const type = await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  const q = await db.mkQualification.findUnique({ where: { qualificationTypeId_workerId: { qualificationTypeId: type.id, workerId: input.WorkerId } } });
  if (!q) throw qualificationDoesNotExist(type.id, input.WorkerId);
  return { Qualification: serializeQualification(q) };
};

const ListWorkersWithQualificationType: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; Status?: "Granted" | "Revoked"; NextToken?: string; MaxResults?: number };
  const type = await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  const { limit, after } = seqCursor(input);
  const rows = await db.mkQualification.findMany({
    where: { qualificationTypeId: type.id, ...(input.Status ? { status: input.Status } : {}), ...(after !== undefined ? { seq: { gt: after } } : {}) },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeQualification(r) })),
    limit,
  );
  return { NumResults: page.items.length, Qualifications: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const qualificationScoreOperations = {
  AssociateQualificationWithWorker,
  DisassociateQualificationFromWorker,
  GetQualificationScore,
  ListWorkersWithQualificationType,
} satisfies Record<string, OperationHandler>;
