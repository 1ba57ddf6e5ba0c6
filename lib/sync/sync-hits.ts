import "server-only";
import { mapLimited } from "@/lib/map-limited";
import { GetHITCommand, ListAssignmentsForHITCommand, type HIT } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { mturkClient } from "@/lib/mturk/client";
import type { EnvironmentName } from "@/lib/scope";
import { assignmentsFollowHitType, counters, hitRow, newHitRow, storeHitsWork } from "@/lib/sync/sync-account";
import { listHitBonuses } from "@/lib/sync/sync-bonuses";
import { countedSend, listAll, type CallCounter, type SyncContext } from "@/lib/sync/sync-context";
import { LIST_PAGE_SIZE } from "@/lib/mturk/pages";
import { hitEvents } from "@/lib/webhooks/mturk-events";
import { webhookDeliveryWrites } from "@/lib/webhooks/webhook-event";

const CONCURRENCY = 8;

export interface HitsSyncResult extends CallCounter {
  /** HITs read from the marketplace, and how many were left to the cache by the bound. */
  synced: number;
  leftStale: number;
  assignments: number;
}

/**
 * Brings a few HITs (a batch's) and their assignments up to date in the cache, with the same
 * writes as the account sync, without listing the whole account. Bounded: at most `limit` HITs,
 * those never cached or least recently synced first, and none started after `budgetMs` (a
 * throttled account), so an export of a huge batch still starts promptly and the rest waits for
 * the background sync. Three calls per HIT at most (GetHIT, ListAssignmentsForHIT,
 * ListBonusPayments when it has work).
 */
export async function syncHitsNow(
  teamId: string,
  environment: EnvironmentName,
  hitIds: readonly string[],
  bounds: { limit?: number; /** Starts no HIT after this long; the ones not started are left stale. */ budgetMs?: number } = {},
): Promise<HitsSyncResult> {
  const { limit = 200, budgetMs = Infinity } = bounds;
  const until = Date.now() + budgetMs;
  const result: HitsSyncResult = { calls: 0, callsByOperation: {}, synced: 0, leftStale: 0, assignments: 0 };
  if (hitIds.length === 0) return result;
  const cached = new Map(
    (
      await db.cachedHit.findMany({
        where: { teamId, environment, hitId: { in: [...hitIds] } },
        select: { hitId: true, hitTypeId: true, status: true, expiresAt: true, assignmentsCompleted: true, syncedAt: true, assignmentsSyncedAt: true, forgottenAt: true },
      })
    ).map((h) => [h.hitId, h]),
  );
  // No "recently synced" shortcut: work submitted a second after the last sync must still be read.
  const since = (id: string) => {
    const c = cached.get(id);
    return c?.assignmentsSyncedAt ? Math.min(c.syncedAt.getTime(), c.assignmentsSyncedAt.getTime()) : 0;
  };
  const due = hitIds.filter((id) => !cached.get(id)?.forgottenAt).sort((a, b) => since(a) - since(b));
  const chosen = due.slice(0, limit);
  result.leftStale = due.length - chosen.length;

  const client = await mturkClient(teamId, environment, { retries: "caller" });
  const ctx: SyncContext = { teamId, environment, client, send: countedSend(client, result) };
  await mapLimited(chosen, CONCURRENCY, async (hitId) => {
    if (Date.now() > until) {
      result.leftStale++;
      return;
    }
    let hit: HIT | undefined;
    try {
      hit = (await ctx.send(new GetHITCommand({ HITId: hitId }))).HIT;
    } catch (e) {
      // Gone from the marketplace: the cache keeps what it had; the account sync marks it forgotten.
      if (e instanceof MturkError && e.kind === "request") return;
      throw e;
    }
    if (!hit) return;
    const now = new Date();
    const row = hitRow(hit, now);
    // Unsynced until its assignments are stored: if listing them fails, the next sync reads them.
    await db.$transaction([
      db.cachedHit.upsert({
        where: { teamId_environment_hitId: { teamId, environment, hitId } },
        create: { teamId, environment, hitId, ...newHitRow(hit, now) },
        update: { ...row, assignmentsSyncedAt: null },
      }),
      ...(cached.has(hitId) && cached.get(hitId)!.hitTypeId !== row.hitTypeId ? [assignmentsFollowHitType(ctx, hitId, row.hitTypeId)] : []),
      ...(await webhookDeliveryWrites(ctx, hitEvents(hitId, cached.get(hitId), row, now))),
    ]);
    const rows = await listAll(async (token) => {
      const page = await ctx.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: LIST_PAGE_SIZE, NextToken: token }));
      return { items: page.Assignments, next: page.NextToken };
    });
    const bonuses = rows.length ? await listHitBonuses(ctx, hitId) : [];
    await storeHitsWork(ctx, [{ hitId, hitTypeId: row.hitTypeId, known: cached.has(hitId), readAgainst: counters(row), rows, bonuses }]);
    result.synced++;
    result.assignments += rows.length;
  });
  return result;
}
