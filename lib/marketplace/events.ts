import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { processNotifications } from "@/lib/db/notifications";

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

/**
 * Announces an event to every HITdesk process on this database (for its dashboard's live
 * updates) from inside the transaction that makes it: Postgres sends it on commit, never on
 * rollback. Also a qualification request, which MTurk notifies nobody of.
 */
export async function announceEvent(
  tx: Tx,
  e: { requesterId: string; eventType: MarketplaceEventType | "QualificationRequested"; hitId?: string | null; qualificationTypeId?: string },
): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, json_build_object('ownerRef', "ownerRef", 'environment', environment, 'eventType', ${e.eventType}::text, 'hitId', ${e.hitId ?? null}::text,
    'qualificationTypeId', ${e.qualificationTypeId ?? null}::text)::text)
    FROM mk_requester WHERE id = ${e.requesterId}`;
}

/** Records an event for notification destinations (delivered from MkEvent, at least once), and announces it. */
export async function recordEvent(
  tx: Tx,
  e: { requesterId: string; eventType: MarketplaceEventType; hitTypeId?: string | null; hitId?: string | null; assignmentId?: string | null; at: Date },
): Promise<void> {
  await tx.mkEvent.create({
    data: { requesterId: e.requesterId, eventType: e.eventType, hitTypeId: e.hitTypeId ?? null, hitId: e.hitId ?? null, assignmentId: e.assignmentId ?? null, occurredAt: e.at },
  });
  await announceEvent(tx, e);
}

/** Calls `listener` for each event announced by any process on this database, once its transaction committed. */
export function onAnnouncedEvents(listener: (event: AnnouncedEvent) => void): () => void {
  return processNotifications().listen(EVENT_CHANNEL, (payload) => {
    const parsed = AnnouncedEvent.safeParse(JSON.parse(payload));
    if (parsed.success) listener(parsed.data);
  });
}
