/**
 * What a team webhook can receive. MTurk's own event types carry MTurk's names and are derived
 * from what HITdesk's sync sees change (so they work for AWS connections too); HITdesk's own
 * events are named the same way.
 */
export const WEBHOOK_EVENT_TYPES = [
  { type: "AssignmentSubmitted", group: "MTurk", label: "A worker submitted an assignment" },
  { type: "AssignmentApproved", group: "MTurk", label: "An assignment was approved" },
  { type: "AssignmentRejected", group: "MTurk", label: "An assignment was rejected" },
  { type: "HITReviewable", group: "MTurk", label: "A HIT became Reviewable" },
  { type: "HITExpired", group: "MTurk", label: "A HIT expired" },
  { type: "QualificationRequested", group: "HITdesk", label: "A worker requested a qualification" },
  { type: "JobFinished", group: "HITdesk", label: "A batch creation or bulk job finished" },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]["type"];

/** Sent by "Send test" only; endpoints need not subscribe to it. */
export const TEST_EVENT_TYPE = "WebhookTest";

export const EVENT_TYPE_NAMES = WEBHOOK_EVENT_TYPES.map((e) => e.type) as [WebhookEventType, ...WebhookEventType[]];
