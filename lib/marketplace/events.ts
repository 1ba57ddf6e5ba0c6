import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { processNotifications } from "@/lib/db/notifications";
import { HTTP_TRANSPORT } from "@/lib/marketplace/notification-delivery";

export type MarketplaceEventType =
  | "AssignmentAccepted"
  | "AssignmentAbandoned"
  | "AssignmentReturned"
  | "AssignmentSubmitted"
  | "AssignmentRejected"
  | "AssignmentApproved"
  | "HITCreated"
  | "HITExpired"
  | "HITReviewable"
  | "HITExtended"
  | "HITDisposed";

/** The Postgres channel every recorded event is announced on, when its transaction commits. */
const EVENT_CHANNEL = "hitdesk_marketplace_event";

/** What the announcement says: whose account changed, and what (ids the MTurk API shows too). */
const AnnouncedEvent = z.object({
  ownerRef: z.string(),
  environment: z.enum(["sandbox", "production"]),
  eventType: z.string(),
  hitId: z.string().nullable(),
  qualificationTypeId: z.string().nullable(),
});
export type AnnouncedEvent = z.infer<typeof AnnouncedEvent>;

type AnnouncedChange = { requesterId: string; eventType: MarketplaceEventType | "QualificationRequested"; hitId?: string | null; qualificationTypeId?: string };

/**
 * Announces an event to every HITdesk process on this database (for its dashboard's live
 * updates) from inside the transaction that makes it: Postgres sends it on commit, never on
 * rollback. Also a qualification request, which MTurk notifies nobody of.
 */
export async function announceEvent(tx: Tx, e: AnnouncedChange): Promise<void> {
  await tx.$executeRaw(announcement(e));
}

/** The SELECT that announces a change; recordEvent runs it in the statement that records the event. */
const announcement = (e: AnnouncedChange) =>
  Prisma.sql`SELECT pg_notify(${EVENT_CHANNEL}, json_build_object('ownerRef', "ownerRef", 'environment', environment, 'eventType', ${e.eventType}::text, 'hitId', ${e.hitId ?? null}::text,
    'qualificationTypeId', ${e.qualificationTypeId ?? null}::text)::text)
    FROM mk_requester WHERE id = ${e.requesterId}`;

/**
 * Records an event for notification destinations (delivered from MkEvent, at least once). In
 * the same statement, when the event's HIT type has an active HTTP notification (HITdesk's
 * extension) subscribed to it, queues MTurk's event document for its Destination
 * (lib/marketplace/notification-delivery.ts): no extra round trip, and nothing for other types.
 * The same statement announces it (announceEvent).
 */
export async function recordEvent(
  tx: Tx,
  e: { requesterId: string; eventType: MarketplaceEventType; hitTypeId?: string | null; hitId?: string | null; assignmentId?: string | null; at: Date },
): Promise<void> {
  const entry = { EventType: e.eventType, EventTimestamp: e.at.toISOString(), HITTypeId: e.hitTypeId ?? undefined, HITId: e.hitId ?? undefined, AssignmentId: e.assignmentId ?? undefined };
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO mk_event ("requesterId", "eventType", "hitTypeId", "hitId", "assignmentId", "occurredAt")
      VALUES (${e.requesterId}, ${e.eventType}, ${e.hitTypeId ?? null}, ${e.hitId ?? null}, ${e.assignmentId ?? null}, ${e.at})
      RETURNING id),
    delivery AS (
      INSERT INTO mk_notification_delivery (id, "requesterId", destination, "eventDocId", "eventType", body)
      SELECT 'mkev-' || event.id, ${e.requesterId}, t.notification->>'Destination', 'mkev-' || event.id, ${e.eventType},
        json_build_object('EventDocId', 'mkev-' || event.id, 'SourceAccount', ${e.requesterId}::text, 'CustomerId', ${e.requesterId}::text,
          'EventDocVersion', t.notification->>'Version', 'Events', json_build_array(${JSON.stringify(entry)}::json))::text
      FROM event JOIN mk_hit_type t ON t.id = ${e.hitTypeId ?? null}
      WHERE t."notificationActive" AND t.notification->>'Transport' = ${HTTP_TRANSPORT} AND t.notification->'EventTypes' @> to_jsonb(${e.eventType}::text))
    ${announcement(e)}`;
}

/** Calls `listener` for each event announced by any process on this database, once its transaction committed. */
export function onAnnouncedEvents(listener: (event: AnnouncedEvent) => void): () => void {
  return processNotifications().listen(EVENT_CHANNEL, (payload) => {
    const parsed = AnnouncedEvent.safeParse(JSON.parse(payload));
    if (parsed.success) listener(parsed.data);
  });
}
