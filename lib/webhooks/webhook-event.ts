import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/scope";
import type { TEST_EVENT_TYPE, WebhookEventType } from "@/lib/webhooks/event-types";

/** Something that happened in a team's environment, for the endpoints subscribed to its type. */
export interface WebhookEvent {
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  /**
   * What makes this occurrence one (an assignment id, a HIT id and its expiration...): the same
   * occurrence seen twice, by two syncs or by a sync and a review, becomes one delivery.
   */
  key: string;
  /** Endpoints registered after this get no delivery: a first sync of an old account is not news. */
  occurredAt: Date;
  data: Record<string, unknown>;
}

/** The event's id, derived from what happened: receivers deduplicate on it. */
export function webhookEventId(scope: Scope, event: Pick<WebhookEvent, "type" | "key">): string {
  return `evt_${createHash("sha256").update(`${scope.teamId}:${scope.environment}:${event.type}:${event.key}`).digest("hex").slice(0, 32)}`;
}

/** The JSON document a receiver gets. */
export function webhookBody(scope: Scope, event: WebhookEvent): string {
  return JSON.stringify({
    id: webhookEventId(scope, event),
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    teamId: scope.teamId,
    environment: scope.environment,
    data: event.data,
  });
}

/**
 * The writes that queue `events` for the scope's enabled endpoints subscribed to them, for the
 * caller's transaction, so the events are queued exactly when the change they report is
 * stored. One read of the endpoints and one insert however many events; nothing when no
 * endpoint wants any. A delivery already queued for the same event is skipped. `complete` adds
 * what costs a query to know (the HIT type of an assignment), only for events that are sent.
 */
export async function webhookDeliveryWrites(scope: Scope, events: readonly WebhookEvent[], complete?: (events: WebhookEvent[]) => Promise<WebhookEvent[]>): Promise<Prisma.PrismaPromise<unknown>[]> {
  if (events.length === 0) return [];
  const endpoints = await db.webhookEndpoint.findMany({
    where: { teamId: scope.teamId, environment: scope.environment, enabled: true, eventTypes: { hasSome: [...new Set(events.map((e) => e.type))] } },
    select: { id: true, eventTypes: true, createdAt: true },
  });
  const wanted = events.filter((e) => endpoints.some((endpoint) => wants(endpoint, e)));
  if (wanted.length === 0) return [];
  const sent = complete ? await complete(wanted) : wanted;
  const rows = endpoints.flatMap((endpoint) =>
    sent.filter((e) => wants(endpoint, e)).map((e) => ({ endpointId: endpoint.id, eventId: webhookEventId(scope, e), eventType: e.type, body: webhookBody(scope, e) })),
  );
  return rows.length ? [db.webhookDelivery.createMany({ data: rows, skipDuplicates: true })] : [];
}

const wants = (endpoint: { eventTypes: string[]; createdAt: Date }, e: WebhookEvent) => endpoint.eventTypes.includes(e.type) && e.occurredAt >= endpoint.createdAt;

/** Queues `events` on their own, for changes stored without a transaction of their own to join. */
export async function queueWebhookEvents(scope: Scope, events: readonly WebhookEvent[]): Promise<void> {
  const writes = await webhookDeliveryWrites(scope, events);
  if (writes.length) await db.$transaction(writes);
}
