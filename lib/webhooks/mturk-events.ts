import "server-only";
import type { Assignment } from "@aws-sdk/client-mturk";
import type { WebhookEvent } from "@/lib/webhooks/webhook-event";

/**
 * MTurk's own event types, derived from what the cache sees change, so they work for AWS
 * connections (which offer webhooks no such events) as for the built-in marketplace. Data
 * carries MTurk's event fields (HITId, HITTypeId, AssignmentId, EventTimestamp) plus WorkerId.
 */

interface CachedAssignmentState {
  status: string;
  submitTime: Date | null;
}

const time = (d: Date | null | undefined) => d?.getTime() ?? null;

/**
 * Events for assignments as listed, against what the cache held (undefined: not cached yet):
 * a new or newly timed submission, and an approval or rejection the cache did not know.
 */
export function assignmentEvents(hitId: string, listed: Assignment, cached: CachedAssignmentState | undefined, now: Date): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  const base = { HITId: hitId, AssignmentId: listed.AssignmentId!, WorkerId: listed.WorkerId! };
  const submitTime = listed.SubmitTime;
  if (submitTime && time(submitTime) !== time(cached?.submitTime)) {
    events.push({ type: "AssignmentSubmitted", key: `${listed.AssignmentId}:${submitTime.toISOString()}`, occurredAt: submitTime, data: { ...base, EventTimestamp: submitTime.toISOString() } });
  }
  if (listed.AssignmentStatus !== cached?.status) {
    if (listed.AssignmentStatus === "Approved") events.push(decisionEvent("AssignmentApproved", base, listed.ApprovalTime ?? now));
    if (listed.AssignmentStatus === "Rejected") events.push(decisionEvent("AssignmentRejected", base, listed.RejectionTime ?? now));
  }
  return events;
}

/** An approval or rejection: one event per assignment and outcome, whoever notices it first (a sync, or HITdesk's own review). */
export function decisionEvent(type: "AssignmentApproved" | "AssignmentRejected", ids: { HITId: string; AssignmentId: string; WorkerId: string }, at: Date): WebhookEvent {
  return { type, key: ids.AssignmentId, occurredAt: at, data: { ...ids, EventTimestamp: at.toISOString() } };
}

interface HitState {
  hitTypeId: string;
  status: string;
  expiresAt: Date;
  assignmentsCompleted: number;
  /** When the cached row was last written: an expiration after it is news. */
  syncedAt: Date;
}

/** A cached HIT's events when it is written again: it became Reviewable, or its expiration passed since the last write. */
export function hitEvents(hitId: string, before: HitState | null | undefined, after: Omit<HitState, "syncedAt">, now: Date): WebhookEvent[] {
  if (!before) return [];
  const events: WebhookEvent[] = [];
  const data = (at: Date) => ({ HITId: hitId, HITTypeId: after.hitTypeId, EventTimestamp: at.toISOString() });
  if (before.status !== "Reviewable" && after.status === "Reviewable") {
    // Reviewable again after an extension is another event: the key names the HIT's state.
    events.push({ type: "HITReviewable", key: `${hitId}:${after.expiresAt.toISOString()}:${after.assignmentsCompleted}`, occurredAt: now, data: data(now) });
  }
  if (expiredSinceWritten(before, after, now)) {
    events.push({ type: "HITExpired", key: `${hitId}:${after.expiresAt.toISOString()}`, occurredAt: after.expiresAt, data: data(after.expiresAt) });
  }
  return events;
}

/** The HIT had not expired when its row was last written, and has now. */
export function expiredSinceWritten(before: Pick<HitState, "expiresAt" | "syncedAt">, after: Pick<HitState, "expiresAt">, now: Date): boolean {
  return before.expiresAt > before.syncedAt && after.expiresAt <= now;
}
