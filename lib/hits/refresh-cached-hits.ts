import "server-only";
import { GetHITCommand, type HIT } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/hits/list-hits";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { dollarsToCents } from "@/lib/money";

/** The cached columns GetHIT tells us (the same fields the sync stores from ListHITs). */
function cachedColumns(h: HIT, now: Date) {
  return {
    hitTypeId: h.HITTypeId!,
    title: h.Title ?? "",
    description: h.Description ?? "",
    keywords: h.Keywords ?? null,
    rewardCents: dollarsToCents(h.Reward ?? "0"),
    maxAssignments: h.MaxAssignments ?? 1,
    status: h.HITStatus ?? "Assignable",
    reviewStatus: h.HITReviewStatus ?? "NotReviewed",
    assignmentsPending: h.NumberOfAssignmentsPending ?? 0,
    assignmentsAvailable: h.NumberOfAssignmentsAvailable ?? 0,
    assignmentsCompleted: h.NumberOfAssignmentsCompleted ?? 0,
    createdAt: h.CreationTime ?? now,
    expiresAt: h.Expiration ?? now,
    requesterAnnotation: h.RequesterAnnotation ?? null,
    qualificationRequirements: (h.QualificationRequirements ?? []) as unknown as Prisma.InputJsonValue,
    forgottenAt: null,
    syncedAt: now,
  };
}

/**
 * Re-reads HITs an action just changed and writes them to the cache, so the list shows the
 * change at once instead of after the next sync. Their assignments are marked unsynced: the
 * next sync fetches them. A HIT the marketplace no longer knows is marked forgotten (deleted).
 */
export async function refreshCachedHits(scope: Scope, hitIds: string[], known?: Map<string, HIT>): Promise<void> {
  for (const hitId of hitIds) {
    const key = { teamId_environment_hitId: { teamId: scope.teamId, environment: scope.environment, hitId } };
    let hit = known?.get(hitId);
    if (!hit) {
      try {
        hit = (await sendMturkPaced(scope.teamId, scope.environment, new GetHITCommand({ HITId: hitId }))).HIT;
      } catch (e) {
        if (!(e instanceof MturkError) || e.kind !== "request") throw e;
      }
    }
    const now = new Date();
    if (!hit) {
      await db.cachedHit.updateMany({ where: { teamId: scope.teamId, environment: scope.environment, hitId, forgottenAt: null }, data: { forgottenAt: now, status: "Disposed", syncedAt: now } });
      continue;
    }
    const columns = cachedColumns(hit, now);
    await db.cachedHit.upsert({ where: key, create: { teamId: scope.teamId, environment: scope.environment, hitId, ...columns }, update: { ...columns, assignmentsSyncedAt: null } });
  }
}
