import "server-only";
import { db } from "@/lib/db";
import { LeaderLock } from "@/lib/db/leader-lock";
import { hearChanges, publishLiveChange, type LiveChange } from "@/lib/live/live-changes";
import { Coalescer } from "@/lib/live/coalesce";
import { onMarketplaceActivity, type MarketplaceActivity } from "@/lib/marketplace/admin";
import { refreshQualificationRequests } from "@/lib/qualifications/refresh-qualification-requests";
import type { Scope } from "@/lib/scope";
import { shutdownSignal } from "@/lib/shutdown";
import { syncHitsNow } from "@/lib/sync/sync-hits";

/** A burst (simulated workers submit many a second) becomes one refresh once quiet this long... */
const QUIET_MS = 300;
/** ...or this long after its first event, so pages stay within about 2 s of the marketplace. */
const MAX_WAIT_MS = 1_000;
/** Beyond this many HITs in one burst, the rest waits for the background sync. */
const MAX_HITS_PER_REFRESH = 100;

export interface LiveRefreshParts {
  /** Decides which instance refreshes: every instance hears every event, one acts on it. */
  leader: Pick<LeaderLock, "lead">;
  refresh: (scope: Scope, activity: MarketplaceActivity[]) => Promise<LiveChange | undefined>;
  publish: (change: LiveChange) => Promise<void>;
}

/**
 * Brings a team's cache up to date with what its built-in marketplace account just did, and
 * tells every instance's open pages. Called with every event from every process on the
 * database; coalesced per team and environment, and acted on by the leader only, so a burst
 * is one bounded refresh across all instances.
 */
export function liveRefresher(parts: LiveRefreshParts): (activity: MarketplaceActivity) => void {
  const coalescer = new Coalescer<MarketplaceActivity>({
    quietMs: QUIET_MS,
    maxWaitMs: MAX_WAIT_MS,
    flush: async (_key, activity) => {
      if (!(await parts.leader.lead())) return;
      const { ownerRef, environment } = activity[0]!;
      const change = await parts.refresh({ teamId: ownerRef, environment }, activity);
      if (change) await parts.publish(change);
    },
  });
  return (activity) => coalescer.add(`${activity.ownerRef}:${activity.environment}`, activity);
}

/** The cache refresh for a burst of one team's events: the HITs they name, and the inboxes of the qualification types. */
export async function refreshCacheFor(scope: Scope, activity: MarketplaceActivity[]): Promise<LiveChange | undefined> {
  // The built-in account is the team's own (ownerRef is its id), but the team may have pointed this environment elsewhere.
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: scope }, select: { kind: true } });
  if (connection?.kind !== "builtin") return undefined;
  const hitIds = [...new Set(activity.flatMap((a) => (a.hitId ? [a.hitId] : [])))];
  const typeIds = [...new Set(activity.flatMap((a) => (a.qualificationTypeId ? [a.qualificationTypeId] : [])))];
  if (hitIds.length) await syncHitsNow(scope.teamId, scope.environment, hitIds, { limit: MAX_HITS_PER_REFRESH });
  for (const typeId of typeIds) await refreshQualificationRequests(scope, typeId);
  return { ...scope, hitIds, qualificationRequests: typeIds.length > 0 };
}

let started = false;

/** Starts live refreshes in this server process (once). */
export function startLiveRefresh(): void {
  if (started) return;
  started = true;
  // Pages rendered from now on can be told whether they missed a change (lib/live/live-stream).
  hearChanges();
  const lock = new LeaderLock("live-refresh");
  const signal = shutdownSignal();
  signal.addEventListener("abort", () => void lock.release(), { once: true });
  const leader = { lead: async () => !signal.aborted && (await lock.lead()) };
  onMarketplaceActivity(liveRefresher({ leader, refresh: refreshCacheFor, publish: publishLiveChange }));
}
