import "server-only";
import type { Tx } from "@/lib/db";
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

/**
 * Records an event for notification destinations (delivered from MkEvent, at least once). In
 * the same statement, when the event's HIT type has an active HTTP notification (HITdesk's
 * extension) subscribed to it, queues MTurk's event document for its Destination
 * (lib/marketplace/notification-delivery.ts): no extra round trip, and nothing for other types.
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
      RETURNING id)
    INSERT INTO mk_notification_delivery (id, "requesterId", destination, "eventDocId", "eventType", body)
    SELECT 'mkev-' || event.id, ${e.requesterId}, t.notification->>'Destination', 'mkev-' || event.id, ${e.eventType},
      json_build_object('EventDocId', 'mkev-' || event.id, 'SourceAccount', ${e.requesterId}::text, 'CustomerId', ${e.requesterId}::text,
        'EventDocVersion', t.notification->>'Version', 'Events', json_build_array(${JSON.stringify(entry)}::json))::text
    FROM event JOIN mk_hit_type t ON t.id = ${e.hitTypeId ?? null}
    WHERE t."notificationActive" AND t.notification->>'Transport' = ${HTTP_TRANSPORT} AND t.notification->'EventTypes' @> to_jsonb(${e.eventType}::text)`;
}
