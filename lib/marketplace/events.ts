import "server-only";
import type { Tx } from "@/lib/db";

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

/** Records an event for notification destinations (delivered from MkEvent, at least once). */
export async function recordEvent(
  tx: Tx,
  e: { requesterId: string; eventType: MarketplaceEventType; hitTypeId?: string | null; hitId?: string | null; assignmentId?: string | null; at: Date },
): Promise<void> {
  await tx.mkEvent.create({
    data: { requesterId: e.requesterId, eventType: e.eventType, hitTypeId: e.hitTypeId ?? null, hitId: e.hitId ?? null, assignmentId: e.assignmentId ?? null, occurredAt: e.at },
  });
}
