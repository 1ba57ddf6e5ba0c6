import "server-only";
import { db } from "@/lib/db";
import { approveAssignmentInTx, rejectAssignmentInTx } from "@/lib/marketplace/assignment-decisions";
import type { OperationContext, OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { hitDoesNotExist } from "@/lib/marketplace/ops/hits";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { serializeAssignment, serializeHit } from "@/lib/marketplace/serialize";
import { selectHitAssignments } from "@/lib/marketplace/sql";

/** Assignments become visible to the requester once submitted (SPEC §14). */
const VISIBLE = ["Submitted", "Approved", "Rejected"];

async function visibleAssignment(assignmentId: string, ctx: OperationContext) {
  const a = await db.mkAssignment.findFirst({ where: { id: assignmentId, requesterId: ctx.requester.id, status: { in: VISIBLE } } });
  if (!a) throw new MturkRequestError("AWS.MechanicalTurk.AssignmentDoesNotExist", `Assignment ${assignmentId} does not exist.`);
  return a;
}

const GetAssignment: OperationHandler = async (raw, ctx) => {
  const a = await visibleAssignment((raw as { AssignmentId: string }).AssignmentId, ctx);
  const hit = await db.mkHit.findUniqueOrThrow({ where: { id: a.hitId } });
  return { Assignment: serializeAssignment(a), HIT: serializeHit(hit) };
};

const ListAssignmentsForHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId: string; AssignmentStatuses?: string[]; NextToken?: string; MaxResults?: number };
  const { limit, after } = seqCursor(input);
  const statuses = input.AssignmentStatuses?.length ? input.AssignmentStatuses : VISIBLE;
  const rows = await selectHitAssignments(ctx.requester.id, input.HITId, statuses, after, limit + 1);
  if (!rows) throw hitDoesNotExist(input.HITId);
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeAssignment(r) })),
    limit,
  );
  return { NumResults: page.items.length, Assignments: page.items, NextToken: page.nextToken };
};

/**
 * RequesterFeedback as given, empty included: the model sets no minimum, and psiTurk rejects
 * with RequesterFeedback=''. Refusing that left work meant to be rejected to be auto-approved.
 * The 1024-character limit is MTurk's documented one.
 */
function feedback(value: string | undefined): string | undefined {
  if (value !== undefined && value.length > 1024) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `RequesterFeedback is ${value.length} characters; the limit is 1024`);
  }
  return value;
}

const ApproveAssignment: OperationHandler = async (raw, ctx) => {
  const input = raw as { AssignmentId: string; RequesterFeedback?: string; OverrideRejection?: boolean };
  const requesterFeedback = feedback(input.RequesterFeedback);
  await visibleAssignment(input.AssignmentId, ctx);
  await db.$transaction((tx) => approveAssignmentInTx(tx, { assignmentId: input.AssignmentId, requesterFeedback, now: ctx.now, overrideRejection: input.OverrideRejection }));
  return {};
};

const RejectAssignment: OperationHandler = async (raw, ctx) => {
  const input = raw as { AssignmentId: string; RequesterFeedback: string };
  const requesterFeedback = feedback(input.RequesterFeedback) ?? "";
  await visibleAssignment(input.AssignmentId, ctx);
  await db.$transaction((tx) => rejectAssignmentInTx(tx, { assignmentId: input.AssignmentId, requesterFeedback, now: ctx.now }));
  return {};
};

export const assignmentOperations = { GetAssignment, ListAssignmentsForHIT, ApproveAssignment, RejectAssignment } satisfies Record<string, OperationHandler>;
