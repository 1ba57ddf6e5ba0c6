import "server-only";
import { db } from "@/lib/db";
import type { MkAssignment } from "@/lib/generated/prisma/client";
import { requesterNow } from "@/lib/marketplace/clock";
import { recordEvent } from "@/lib/marketplace/events";
import { entityId } from "@/lib/marketplace/ids";
import { evaluateWorkerAccess, type QualificationRequirement } from "@/lib/marketplace/qualification-requirements";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";

/**
 * A worker takes one assignment of a HIT. The slot is claimed with a conditional decrement,
 * so any number of simultaneous accepts never hand out more assignments than the HIT has.
 */
export async function acceptHit(input: { workerId: string; hitId: string }): Promise<MkAssignment> {
  const hit = await db.mkHit.findFirst({ where: { id: input.hitId, disposedAt: null } });
  if (!hit) throw new WorkRefused("not-available", "This HIT is no longer available.");
  const requester = await db.mkRequester.findUniqueOrThrow({ where: { id: hit.requesterId }, select: { environment: true } });
  const now = await requesterNow(hit.requesterId);
  const access = await evaluateWorkerAccess(db, {
    requesterId: hit.requesterId,
    workerId: input.workerId,
    environment: requester.environment,
    requirements: (hit.qualificationRequirements ?? []) as unknown as QualificationRequirement[],
  });
  if (access.blocked) throw new WorkRefused("blocked", "This requester's HITs are not available to you.");
  if (!access.accept) throw new WorkRefused("not-qualified", "You do not meet the qualification requirements of this HIT.");
  return db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE mk_hit SET "assignmentsAvailable" = "assignmentsAvailable" - 1, "assignmentsPending" = "assignmentsPending" + 1,
        status = CASE WHEN "assignmentsAvailable" = 1 THEN 'Unassignable' ELSE status END
      WHERE id = ${hit.id} AND status = 'Assignable' AND "assignmentsAvailable" > 0 AND "expiresAt" > ${now} AND "disposedAt" IS NULL`;
    if (claimed !== 1) throw new WorkRefused("not-available", "All assignments of this HIT are taken or it has expired.");
    // Checked after the claim, which locks the HIT's row: a double click cannot slip through.
    const held = await tx.mkAssignment.findFirst({ where: { hitId: hit.id, workerId: input.workerId, status: { in: ["Accepted", "Submitted", "Approved", "Rejected"] } } });
    if (held) throw new WorkRefused("already-accepted", "You have already worked on this HIT.");
    const assignment = await tx.mkAssignment.create({
      data: {
        id: entityId(),
        hitId: hit.id,
        requesterId: hit.requesterId,
        workerId: input.workerId,
        status: "Accepted",
        acceptTime: now,
        deadline: new Date(now.getTime() + hit.assignmentDurationSec * 1000),
      },
    });
    await recordEvent(tx, { requesterId: hit.requesterId, eventType: "AssignmentAccepted", hitTypeId: hit.hitTypeId, hitId: hit.id, assignmentId: assignment.id, at: now });
    return assignment;
  });
}
