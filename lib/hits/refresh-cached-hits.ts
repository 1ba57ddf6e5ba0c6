import "server-only";
import { GetHITCommand, type HIT } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import type { Scope } from "@/lib/scope";
import { assignmentsFollowHitType, hitRow, newHitRow } from "@/lib/sync/sync-account";
import { hitEvents } from "@/lib/webhooks/mturk-events";
import { webhookDeliveryWrites } from "@/lib/webhooks/webhook-event";

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
    const before = await db.cachedHit.findUnique({ where: key, select: { hitTypeId: true, status: true, expiresAt: true, assignmentsCompleted: true, syncedAt: true } });
    const row = hitRow(hit, now);
    await db.$transaction([
      db.cachedHit.upsert({
        where: key,
        create: { teamId: scope.teamId, environment: scope.environment, hitId, ...newHitRow(hit, now) },
        update: { ...row, assignmentsSyncedAt: null },
      }),
      ...(before && before.hitTypeId !== row.hitTypeId ? [assignmentsFollowHitType(scope, hitId, row.hitTypeId)] : []),
      // An action that expires a HIT early is the HIT's expiration: the next sync sees nothing change.
      ...(await webhookDeliveryWrites(scope, hitEvents(hitId, before, row, now))),
    ]);
  }
}
