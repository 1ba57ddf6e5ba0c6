import "server-only";
import type { Tx } from "@/lib/db";
import type { MkAssignment } from "@/lib/generated/prisma/client";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { recordEvent } from "@/lib/marketplace/events";
import { charge, feeScheduleOf, lockRequester } from "@/lib/marketplace/ledger";
import { rewardFeeCents } from "@/lib/mturk-formats/fees";
import { MASTERS_TYPE_IDS } from "@/lib/mturk-formats/system-qualifications";

/**
 * Approving and rejecting, shared by the API, auto-approval and review policies. Each
 * decision is a conditional update on the assignment's status, so of two concurrent
 * decisions exactly one applies; the other gets InvalidAssignmentState.
 */

const OVERRIDE_WINDOW_MS = 30 * 24 * 3600 * 1000;

function invalidState(expected: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.InvalidAssignmentState", `This operation can be called with a status of: ${expected}`);
}

async function load(tx: Tx, assignmentId: string): Promise<MkAssignment> {
  const a = await tx.mkAssignment.findUnique({ where: { id: assignmentId } });
  if (!a || a.status === "Accepted" || a.status === "Returned" || a.status === "Abandoned") {
    throw new MturkRequestError("AWS.MechanicalTurk.AssignmentDoesNotExist", `Assignment ${assignmentId} does not exist.`);
  }
  return a;
}

export async function approveAssignmentInTx(tx: Tx, input: { assignmentId: string; requesterFeedback?: string; now: Date; overrideRejection?: boolean }): Promise<void> {
  const a = await load(tx, input.assignmentId);
  const hit = await tx.mkHit.findUniqueOrThrow({ where: { id: a.hitId } });
  const fromRejected = a.status === "Rejected" && input.overrideRejection === true;
  if (fromRejected) {
    if (hit.disposedAt) throw new MturkRequestError("AWS.MechanicalTurk.HITDoesNotExist", `Hit ${hit.id} does not exist.`);
    if (!a.submitTime || input.now.getTime() - a.submitTime.getTime() > OVERRIDE_WINDOW_MS) {
      throw new MturkRequestError("AWS.MechanicalTurk.InvalidAssignmentState", "A rejection can be overridden only within 30 days of submission.");
    }
  }
  const from = fromRejected ? "Rejected" : "Submitted";
  const moved = await tx.mkAssignment.updateMany({
    where: { id: a.id, status: from },
    data: { status: "Approved", approvalTime: input.now, rejectionTime: null, ...(input.requesterFeedback !== undefined ? { requesterFeedback: input.requesterFeedback } : {}) },
  });
  if (moved.count !== 1) throw invalidState(fromRejected ? "Rejected" : "Submitted");

  const requester = await lockRequester(tx, a.requesterId);
  const requirements = (hit.qualificationRequirements ?? []) as { QualificationTypeId?: string }[];
  const masters = requirements.some((r) => r.QualificationTypeId === MASTERS_TYPE_IDS[requester.environment]);
  await charge(
    tx,
    { id: a.requesterId, environment: requester.environment },
    {
      kind: "reward",
      amountCents: hit.rewardCents,
      feeCents: rewardFeeCents(hit.rewardCents, { maxAssignments: hit.maxAssignments, masters }, feeScheduleOf(requester)),
      refId: a.id,
      workerId: a.workerId,
    },
  );
  if (!fromRejected) {
    await tx.mkHit.update({ where: { id: hit.id }, data: { assignmentsSubmitted: { decrement: 1 }, assignmentsCompleted: { increment: 1 } } });
  }
  await recordEvent(tx, { requesterId: a.requesterId, eventType: "AssignmentApproved", hitTypeId: hit.hitTypeId, hitId: hit.id, assignmentId: a.id, at: input.now });
}

export async function rejectAssignmentInTx(tx: Tx, input: { assignmentId: string; requesterFeedback: string; now: Date }): Promise<void> {
  const a = await load(tx, input.assignmentId);
  const moved = await tx.mkAssignment.updateMany({
    where: { id: a.id, status: "Submitted" },
    data: { status: "Rejected", rejectionTime: input.now, requesterFeedback: input.requesterFeedback },
  });
  if (moved.count !== 1) throw invalidState("Submitted");
  const hit = await tx.mkHit.update({ where: { id: a.hitId }, data: { assignmentsSubmitted: { decrement: 1 }, assignmentsCompleted: { increment: 1 } } });
  await recordEvent(tx, { requesterId: a.requesterId, eventType: "AssignmentRejected", hitTypeId: hit.hitTypeId, hitId: hit.id, assignmentId: a.id, at: input.now });
}
