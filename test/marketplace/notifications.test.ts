import { CreateHITTypeCommand, GetFileUploadURLCommand, SendTestEventNotificationCommand, UpdateNotificationSettingsCommand, type NotificationSpecification } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { randomId } from "@/lib/marketplace/ids";
import { expectRequestError, useHarness } from "./harness";

const { h, client } = useHarness();

const SQS: NotificationSpecification = {
  Destination: "https://sqs.us-east-1.amazonaws.com/123456789012/hitdesk-events",
  Transport: "SQS",
  Version: "2006-05-05",
  EventTypes: ["AssignmentSubmitted", "HITReviewable"],
};

async function hitType() {
  const out = await client.send(new CreateHITTypeCommand({ Title: `Notify ${randomId(8)}`, Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 300 }));
  return out.HITTypeId!;
}

describe("UpdateNotificationSettings", () => {
  it("stores a specification, replaces it, and toggles it with Active", async () => {
    const id = await hitType();
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, Notification: SQS }));
    expect(await db.mkHitType.findUniqueOrThrow({ where: { id } })).toMatchObject({ notification: SQS, notificationActive: true });
    const sns: NotificationSpecification = { Destination: "arn:aws:sns:us-east-1:123456789012:hitdesk", Transport: "SNS", Version: "2014-08-15", EventTypes: ["HITExpired"] };
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, Notification: sns }));
    expect((await db.mkHitType.findUniqueOrThrow({ where: { id } })).notification).toEqual(sns);
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, Active: false }));
    expect(await db.mkHitType.findUniqueOrThrow({ where: { id } })).toMatchObject({ notification: sns, notificationActive: false });
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, Active: true }));
    expect((await db.mkHitType.findUniqueOrThrow({ where: { id } })).notificationActive).toBe(true);
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, Notification: { ...SQS, Transport: "Email", Destination: "ops@example.com" } }));
  });

  it.each([
    ["neither Notification nor Active", {}, /Notification, Active/],
    ["an SQS destination that is not a queue URL", { Notification: { ...SQS, Destination: "my-queue" } }, /Notification.Destination must be an SQS queue URL/],
    ["an SNS destination that is not a topic ARN", { Notification: { ...SQS, Transport: "SNS", Destination: "https://sns" } }, /SNS topic ARN/],
    ["an unknown version", { Notification: { ...SQS, Version: "2020-01-01" } }, /Notification.Version/],
    ["the Ping event", { Notification: { ...SQS, EventTypes: ["Ping"] } }, /Ping/],
  ])("refuses %s", async (_label, extra, message) => {
    const id = await hitType();
    await expectRequestError(client.send(new UpdateNotificationSettingsCommand({ HITTypeId: id, ...extra } as never)), "AWS.MechanicalTurk.InvalidParameterValue", message);
  });

  it("refuses Active without a stored specification and unknown HIT types", async () => {
    await expectRequestError(
      client.send(new UpdateNotificationSettingsCommand({ HITTypeId: await hitType(), Active: true })),
      "AWS.MechanicalTurk.InvalidParameterValue",
      /no notification specification/,
    );
    await expectRequestError(client.send(new UpdateNotificationSettingsCommand({ HITTypeId: "UNKNOWN0000000000000000000000", Active: false })), "AWS.MechanicalTurk.HITTypeDoesNotExist");
  });
});

describe("SendTestEventNotification", () => {
  it("records the test event, even a type the specification does not subscribe to", async () => {
    const before = await db.mkEvent.count({ where: { requesterId: h.requesterId, eventType: "Ping" } });
    const out = await client.send(new SendTestEventNotificationCommand({ Notification: SQS, TestEventType: "Ping" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await db.mkEvent.count({ where: { requesterId: h.requesterId, eventType: "Ping" } })).toBe(before + 1);
  });

  it("refuses an invalid specification", async () => {
    await expectRequestError(
      client.send(new SendTestEventNotificationCommand({ Notification: { ...SQS, Destination: "nope" }, TestEventType: "Ping" })),
      "AWS.MechanicalTurk.InvalidParameterValue",
      /Destination/,
    );
  });
});

describe("GetFileUploadURL", () => {
  it("is refused as deprecated", async () => {
    await expectRequestError(
      client.send(new GetFileUploadURLCommand({ AssignmentId: "ASSIGNMENT000000000000000000001", QuestionIdentifier: "file" })),
      "AWS.MechanicalTurk.OperationNotSupported",
      /deprecated/,
    );
  });
});
