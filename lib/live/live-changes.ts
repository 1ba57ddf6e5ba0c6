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
