import "server-only";
import { GetHITCommand, type HIT } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import type { Scope } from "@/lib/scope";
import { hitRow, newHitRow } from "@/lib/sync/sync-account";

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
    await db.cachedHit.upsert({
      where: key,
      create: { teamId: scope.teamId, environment: scope.environment, hitId, ...newHitRow(hit, now) },
      update: { ...hitRow(hit, now), assignmentsSyncedAt: null },
    });
  }
}
