import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { ReachableDeliveryUrl } from "@/lib/http/signed-delivery";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { HTTP_TRANSPORT, queueTestNotification } from "@/lib/marketplace/notification-delivery";

// Notification settings per HIT type (SPEC §11). Events are queued in mk_event; delivering
// them to a real SQS queue or SNS topic needs AWS credentials and network, which this
// offline marketplace does not have, so SendTestEventNotification records the test event
// and answers {} as MTurk does. HITdesk's own Transport, HTTP, is delivered: a signed POST
// of the event document to the Destination URL (lib/marketplace/notification-delivery.ts).

const EVENT_TYPES = [
  "AssignmentAccepted",
  "AssignmentAbandoned",
  "AssignmentReturned",
  "AssignmentSubmitted",
  "AssignmentRejected",
  "AssignmentApproved",
  "HITCreated",
  "HITExpired",
  "HITReviewable",
  "HITExtended",
  "HITDisposed",
] as const;
const VERSIONS = ["2006-05-05", "2014-08-15"];

export interface NotificationSpecification {
  Destination: string;
  Transport: "Email" | "SQS" | "SNS" | typeof HTTP_TRANSPORT;
  Version: string;
  EventTypes: string[];
}

const invalid = (message: string) => new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", message);

const DESTINATION_SHAPES: Record<NotificationSpecification["Transport"], { pattern: Pick<RegExp, "test">; example: string }> = {
  Email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, example: "an e-mail address such as alerts@example.com" },
  SQS: {
    pattern: /^https:\/\/(sqs\.[a-z0-9-]+|queue)\.amazonaws\.com(\.cn)?\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
    example: "an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/my-queue",
  },
  SNS: { pattern: /^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, example: "an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:my-topic" },
  HTTP: {
    pattern: { test: (d: string) => ReachableDeliveryUrl.safeParse(d).success },
    example: "an https:// URL (http:// only for localhost or 127.0.0.1; no private, link-local or metadata address) such as https://example.com/mturk-events",
  },
};

function validateSpecification(spec: NotificationSpecification, field: string): void {
  const shape = DESTINATION_SHAPES[spec.Transport];
  if (!shape.pattern.test(spec.Destination.trim())) throw invalid(`${field}.Destination must be ${shape.example} for Transport ${spec.Transport}.`);
  if (!VERSIONS.includes(spec.Version)) throw invalid(`${field}.Version must be one of ${VERSIONS.join(", ")}.`);
  if (spec.EventTypes.length === 0) throw invalid(`${field}.EventTypes must list at least one event type.`);
  const bad = spec.EventTypes.find((e) => !(EVENT_TYPES as readonly string[]).includes(e));
  if (bad !== undefined) throw invalid(`${field}.EventTypes: ${bad} cannot be subscribed to; allowed: ${EVENT_TYPES.join(", ")} (Ping only with SendTestEventNotification).`);
}

/**
 * A new Notification replaces the old one and, unless Active says otherwise, turns it on;
 * Active alone toggles the stored specification.
 */
const UpdateNotificationSettings: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITTypeId: string; Notification?: NotificationSpecification; Active?: boolean };
  if (input.Notification === undefined && input.Active === undefined) throw invalid("Specify Notification, Active, or both.");
  const hitType = await db.mkHitType.findFirst({ where: { id: input.HITTypeId, requesterId: ctx.requester.id } });
  if (!hitType) throw new MturkRequestError("AWS.MechanicalTurk.HITTypeDoesNotExist", `HIT type ${input.HITTypeId} does not exist.`);
  if (input.Notification) validateSpecification(input.Notification, "Notification");
  else if (input.Active && hitType.notification === null) throw invalid("This HIT type has no notification specification to activate; specify Notification.");
  const n = input.Notification;
  await db.mkHitType.update({
    where: { id: hitType.id },
    data: {
      ...(n ? { notification: { Destination: n.Destination.trim(), Transport: n.Transport, Version: n.Version, EventTypes: [...new Set(n.EventTypes)] } } : {}),
      notificationActive: input.Active ?? true,
    },
  });
  return {};
};

const SendTestEventNotification: OperationHandler = async (raw, ctx) => {
  const input = raw as { Notification: NotificationSpecification; TestEventType: string };
  validateSpecification(input.Notification, "Notification");
  await db.mkEvent.create({ data: { requesterId: ctx.requester.id, eventType: input.TestEventType, occurredAt: ctx.now } });
  if (input.Notification.Transport === HTTP_TRANSPORT) {
    await queueTestNotification(ctx.requester.id, { ...input.Notification, Destination: input.Notification.Destination.trim() }, input.TestEventType, ctx.now);
  }
  return {};
};

/** FileUploadAnswer and this operation were retired by MTurk on 2017-12-12. */
const GetFileUploadURL: OperationHandler = () =>
  Promise.reject(
    new MturkRequestError(
      "AWS.MechanicalTurk.OperationNotSupported",
      "GetFileUploadURL is deprecated: FileUploadAnswer has not been supported since December 12, 2017, so there are no uploaded files.",
    ),
  );

export const notificationOperations = { UpdateNotificationSettings, SendTestEventNotification, GetFileUploadURL } satisfies Record<string, OperationHandler>;
