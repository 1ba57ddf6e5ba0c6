import "server-only";
import { db, type Tx } from "@/lib/db";
import type { MkHit } from "@/lib/generated/prisma/client";
import { requesterNow } from "@/lib/marketplace/clock";
import { recordEvent } from "@/lib/marketplace/events";
import { runAssignmentReviewPolicy, runHitReviewPolicy } from "@/lib/marketplace/review-policies";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";

/** After a submit, a return or an abandonment: a HIT nobody can work on any more becomes Reviewable. */
export async function settleHitInTx(tx: Tx, hitId: string, now: Date): Promise<void> {
  const hit: MkHit = await tx.mkHit.findUniqueOrThrow({ where: { id: hitId } });
  const done = hit.assignmentsPending === 0 && (hit.assignmentsAvailable === 0 || hit.expiresAt.getTime() <= now.getTime());
  if (!done) return;
  const moved = await tx.mkHit.updateMany({ where: { id: hit.id, status: { in: ["Assignable", "Unassignable"] } }, data: { status: "Reviewable" } });
  if (moved.count !== 1) return;
  await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITReviewable", hitTypeId: hit.hitTypeId, hitId: hit.id, at: now });
  await runHitReviewPolicy(tx, hit.id, now);
}

/** A worker hands in their answers (QuestionFormAnswers XML) before the deadline. */
export async function submitAssignment(input: { assignmentId: string; workerId: string; answerXml: string }): Promise<void> {
  const a = await db.mkAssignment.findUnique({ where: { id: input.assignmentId } });
  if (!a || a.workerId !== input.workerId) throw new WorkRefused("not-yours", "This assignment is not yours.");
  try {
    parseQuestionFormAnswers(input.answerXml);
  } catch {
    throw new WorkRefused("bad-answer", "The answers could not be read.");
  }
  const now = await requesterNow(a.requesterId);
  await db.$transaction(async (tx) => {
    const hit = await tx.mkHit.findUniqueOrThrow({ where: { id: a.hitId } });
    const moved = await tx.mkAssignment.updateMany({
      where: { id: a.id, workerId: input.workerId, status: "Accepted", deadline: { gt: now } },
      data: { status: "Submitted", submitTime: now, autoApprovalTime: new Date(now.getTime() + hit.autoApprovalDelaySec * 1000), answer: input.answerXml },
    });
    if (moved.count !== 1) {
      const fresh = await tx.mkAssignment.findUniqueOrThrow({ where: { id: a.id } });
      if (fresh.status === "Accepted") throw new WorkRefused("past-deadline", "The time allotted for this assignment has run out.");
      throw new WorkRefused("not-in-progress", `This assignment is ${fresh.status.toLowerCase()}; it can no longer be submitted.`);
    }
    await tx.mkHit.update({ where: { id: hit.id }, data: { assignmentsPending: { decrement: 1 }, assignmentsSubmitted: { increment: 1 } } });
    await recordEvent(tx, { requesterId: a.requesterId, eventType: "AssignmentSubmitted", hitTypeId: hit.hitTypeId, hitId: hit.id, assignmentId: a.id, at: now });
    await runAssignmentReviewPolicy(tx, a.id, now);
    await settleHitInTx(tx, hit.id, now);
  });
}
