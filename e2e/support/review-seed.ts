import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/**
 * A submitted assignment written straight into a team's sandbox cache, for tests that need
 * one to exist for HITdesk (the route walk) but never reach the marketplace with it.
 */
export async function seedCachedAssignment(teamId: string): Promise<{ hitId: string; assignmentId: string; workerId: string }> {
  const id = () => randomBytes(15).toString("hex").toUpperCase();
  const [hitId, hitTypeId, assignmentId, workerId] = [id(), id(), id(), `A${id().slice(0, 13)}`];
  const now = new Date();
  await db.cachedHit.create({
    data: {
      teamId,
      environment: "sandbox",
      hitId,
      hitTypeId,
      title: "Seeded HIT",
      description: "Seeded",
      rewardCents: 5,
      maxAssignments: 1,
      status: "Reviewable",
      reviewStatus: "NotReviewed",
      assignmentsPending: 0,
      assignmentsAvailable: 0,
      assignmentsCompleted: 1,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
      syncedAt: now,
    },
  });
  await db.cachedAssignment.create({
    data: {
      teamId,
      environment: "sandbox",
      assignmentId,
      hitId,
      hitTypeId,
      workerId,
      status: "Submitted",
      acceptTime: now,
      submitTime: now,
      autoApprovalTime: new Date(now.getTime() + 86_400_000),
      answers: { answer: "yes" },
      syncedAt: now,
    },
  });
  return { hitId, assignmentId, workerId };
}

/** A decision of this team waiting in its undo window (or for a second reviewer), made by someone else. */
export async function seedPendingDecision(teamId: string, status: "scheduled" | "awaiting_confirmation"): Promise<string> {
  const a = await seedCachedAssignment(teamId);
  const decision = await db.reviewDecision.create({
    data: {
      teamId,
      environment: "sandbox",
      assignmentId: a.assignmentId,
      hitId: a.hitId,
      workerId: a.workerId,
      action: "reject",
      feedback: "Seeded",
      status,
      slot: "decide",
      notBefore: new Date(Date.now() + 3_600_000),
      decidedById: "someone-else",
      decidedByEmail: "someone-else@example.com",
    },
  });
  return decision.id;
}
