import "server-only";
import { db, type Tx } from "@/lib/db";
import { requesterNow } from "@/lib/marketplace/clock";
import { recordEvent } from "@/lib/marketplace/events";
import { settleHitInTx } from "@/lib/marketplace/work/submit-assignment";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";

/** Gives an accepted assignment back (Returned) or takes it back at the deadline (Abandoned). */
export async function releaseAssignmentInTx(tx: Tx, assignmentId: string, to: "Returned" | "Abandoned", now: Date, workerId?: string): Promise<boolean> {
  const moved = await tx.mkAssignment.updateMany({
    where: { id: assignmentId, status: "Accepted", ...(workerId ? { workerId } : {}), ...(to === "Abandoned" ? { deadline: { lte: now } } : {}) },
    data: { status: to },
  });
  if (moved.count !== 1) return false;
  const a = await tx.mkAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
  const hit = await tx.mkHit.findUniqueOrThrow({ where: { id: a.hitId } });
  const reopen = hit.expiresAt.getTime() > now.getTime() && hit.status === "Unassignable";
  await tx.mkHit.update({
    where: { id: hit.id },
    data: { assignmentsPending: { decrement: 1 }, assignmentsAvailable: { increment: 1 }, ...(reopen ? { status: "Assignable" } : {}) },
  });
  await recordEvent(tx, { requesterId: a.requesterId, eventType: to === "Returned" ? "AssignmentReturned" : "AssignmentAbandoned", hitTypeId: hit.hitTypeId, hitId: hit.id, assignmentId, at: now });
  await settleHitInTx(tx, hit.id, now);
  return true;
}

export async function returnAssignment(input: { assignmentId: string; workerId: string }): Promise<void> {
  const a = await db.mkAssignment.findUnique({ where: { id: input.assignmentId } });
  if (!a || a.workerId !== input.workerId) throw new WorkRefused("not-yours", "This assignment is not yours.");
  const now = await requesterNow(a.requesterId);
  const released = await db.$transaction((tx) => releaseAssignmentInTx(tx, a.id, "Returned", now, input.workerId));
  if (!released) throw new WorkRefused("not-in-progress", "Only an assignment in progress can be returned.");
}
