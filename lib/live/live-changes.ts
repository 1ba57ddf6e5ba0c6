import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { processNotifications, type NotificationListener } from "@/lib/db/notifications";
import { ENVIRONMENTS } from "@/lib/scope";

/** The Postgres channel on which the instance that refreshed a team's cache tells every instance's open pages. */
export const LIVE_CHANNEL = "hitdesk_live_change";
/** pg_notify refuses payloads of 8000 bytes or more; a longer burst names no HITs and pages refetch all. */
const MAX_NAMED_HITS = 100;

/** What changed in a team's cache for one environment, as its open pages are told. */
export const LiveChange = z.object({
  teamId: z.string(),
  environment: z.enum(ENVIRONMENTS),
  /** HITs whose row or assignments were refreshed; empty when too many to name. */
  hitIds: z.array(z.string()),
  qualificationRequests: z.boolean(),
  /** New notifications for members of the team (lib/notifications): the bell refetches, nothing else. */
  notifications: z.boolean().optional(),
});
export type LiveChange = z.infer<typeof LiveChange>;

export async function publishLiveChange(change: LiveChange): Promise<void> {
  const payload: LiveChange = { ...change, hitIds: change.hitIds.length > MAX_NAMED_HITS ? [] : change.hitIds };
  await db.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})`;
}

/** Calls `handler` with every change published by any instance on this database; returns the unsubscribe. */
export function onLiveChange(handler: (change: LiveChange) => void, listener: NotificationListener = processNotifications()): () => void {
  return listener.listen(LIVE_CHANNEL, (payload) => {
    const parsed = LiveChange.safeParse(JSON.parse(payload));
    if (parsed.success) handler(parsed.data);
  });
}

/** Clocks of instances sharing a database differ a little: a change this close to a page's reading may be missing from it. */
const CLOCK_MARGIN_MS = 2_000;

const scopeKey = (s: { teamId: string; environment: string }) => `${s.teamId}:${s.environment}`;

interface Heard {
  /** When this process began hearing changes. */
  since: number;
  /** When it last heard one, by team and environment. */
  last: Map<string, number>;
}

// On globalThis: instrumentation (which starts hearing at start-up) and the route serving the
// stream are separate bundles, each with its own copy of this module.
const HEARD = Symbol.for("hitdesk.liveChangesHeard");
const globalForHeard = globalThis as unknown as { [HEARD]?: Heard };

/** Starts noting when each team's cache last changed (once per process; at start-up, so pages rendered since can be told apart). */
export function hearChanges(): Heard {
  let heard = globalForHeard[HEARD];
  if (!heard) {
    const state: Heard = { since: Date.now(), last: new Map() };
    onLiveChange((change) => state.last.set(scopeKey(change), Date.now()));
    heard = globalForHeard[HEARD] = state;
  }
  return heard;
}

/**
 * Whether the scope's cache may have changed after `since` (ms, when a page read what it shows,
 * or its stream's last event) without that page being told: a change between a page's render
 * and its stream opening would otherwise show only at the next poll.
 */
export function changedSince(scope: { teamId: string; environment: string }, since: number): boolean {
  const { since: listening, last } = hearChanges();
  // Before this process listened it cannot tell: say it may have.
  return listening > since - CLOCK_MARGIN_MS || (last.get(scopeKey(scope)) ?? 0) > since - CLOCK_MARGIN_MS;
}
