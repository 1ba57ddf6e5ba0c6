import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SendTestEventNotificationCommand, UpdateNotificationSettingsCommand, type NotificationSpecification } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifySignature } from "@/lib/http/signed-delivery";
import { listNotificationDeliveries } from "@/lib/marketplace/admin";
import { deliverNotificationMessages, notificationSigningSecret, pruneNotificationDeliveries } from "@/lib/marketplace/notification-delivery";
import { expectRequestError, useHarness } from "./harness";

const { h, client } = useHarness();

const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let statuses = [200];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    res.end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mturk-events`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What the marketplace's background loop does, for this test's requester only. */
const dispatchAndDeliver = () => deliverNotificationMessages({ requesterId: h.requesterId });

// The SDK sends any Transport string: HITdesk's extension needs no patched client.
const httpSpec = (eventTypes: string[]): NotificationSpecification => ({ Destination: url, Transport: "HTTP" as never, Version: "2014-08-15", EventTypes: eventTypes as never });

describe("HTTP notification destinations (HITdesk's extension)", () => {
  it("POSTs MTurk's event document for the HIT type's subscribed events, signed with the requester's notification secret", async () => {
    const hit = await h.createHit({ Title: "HTTP notifications" });
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId: hit.HITTypeId!, Notification: httpSpec(["AssignmentSubmitted"]) }));
    const worker = await h.createWorker();
    const assignmentId = await h.acceptAndSubmit(hit.HITId!, worker);
    const before = received.length;
    statuses = [200];
    await dispatchAndDeliver();

    // AssignmentAccepted and HITReviewable happened too, but the spec subscribes only to submissions.
    const mine = received.slice(before);
    expect(mine).toHaveLength(1);
    const doc = JSON.parse(mine[0]!.body) as Record<string, unknown>;
    expect(doc).toEqual({
      EventDocId: mine[0]!.headers["hitdesk-event-id"],
      SourceAccount: h.requesterId,
      CustomerId: h.requesterId,
      EventDocVersion: "2014-08-15",
      Events: [{ EventType: "AssignmentSubmitted", EventTimestamp: expect.stringMatching(/Z$/) as unknown, HITTypeId: hit.HITTypeId, HITId: hit.HITId, AssignmentId: assignmentId }],
    });
    const secret = await notificationSigningSecret(h.requesterId);
    expect(verifySignature(secret, mine[0]!.headers["hitdesk-signature"] as string, mine[0]!.body)).toBe(true);

    // Delivered once: another round sends nothing new.
    await dispatchAndDeliver();
    expect(received.length).toBe(before + 1);
  });

  it("sends a test event at once and retries it after a failed answer", async () => {
    statuses = [500, 200];
    const before = received.length;
    await client.send(new SendTestEventNotificationCommand({ Notification: httpSpec(["HITExpired"]), TestEventType: "Ping" }));
    await dispatchAndDeliver();
    expect(received.length).toBe(before + 1);
    const pending = await db.mkNotificationDelivery.findFirstOrThrow({ where: { requesterId: h.requesterId, eventType: "Ping" }, orderBy: { createdAt: "desc" } });
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    await db.mkNotificationDelivery.update({ where: { id: pending.id }, data: { nextAttemptAt: new Date() } });
    await dispatchAndDeliver();
    expect(await db.mkNotificationDelivery.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200 });
    const [first, retry] = received.slice(before);
    expect(retry!.body).toBe(first!.body);
    expect(JSON.parse(retry!.body)).toMatchObject({ Events: [{ EventType: "Ping" }] });
  });

  it("refuses an HTTP destination that is not https or loopback", async () => {
    const hit = await h.createHit({ Title: "Bad destination" });
    await expectRequestError(
      client.send(new UpdateNotificationSettingsCommand({ HITTypeId: hit.HITTypeId!, Notification: { ...httpSpec(["HITExpired"]), Destination: "http://hooks.example.com/x" } })),
      "AWS.MechanicalTurk.InvalidParameterValue",
      /Notification.Destination must be an https:\/\/ URL/,
    );
  });

  it("refuses a private or metadata address as a destination, and fails a stored one at once without retrying", async () => {
    const hit = await h.createHit({ Title: "Private destination" });
    for (const destination of ["https://10.1.2.3/x", "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/x"]) {
      await expectRequestError(
        client.send(new UpdateNotificationSettingsCommand({ HITTypeId: hit.HITTypeId!, Notification: { ...httpSpec(["HITExpired"]), Destination: destination } })),
        "AWS.MechanicalTurk.InvalidParameterValue",
        /no private, link-local or metadata address/,
      );
    }
    // A message queued to such an address (say, while HITDESK_WEBHOOK_ALLOW_PRIVATE was set) fails for good.
    const blocked = await db.mkNotificationDelivery.create({
      data: { requesterId: h.requesterId, destination: "http://192.168.0.10/x", eventDocId: crypto.randomUUID(), eventType: "Ping", body: "{}" },
    });
    await dispatchAndDeliver();
    expect(await db.mkNotificationDelivery.findUniqueOrThrow({ where: { id: blocked.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "Refused: 192.168.0.10 is a private address",
    });
  });

  it("prunes messages finished more than 30 days ago, in batches", async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
    const row = (status: string, finishedAt: Date | null) => ({ requesterId: h.requesterId, destination: url, eventDocId: crypto.randomUUID(), eventType: "Ping", body: "{}", status, finishedAt });
    const rows = [row("succeeded", daysAgo(31)), row("failed", daysAgo(60)), row("succeeded", daysAgo(32)), row("succeeded", daysAgo(1)), row("pending", null)];
    await db.mkNotificationDelivery.createMany({ data: rows });
    expect(await pruneNotificationDeliveries({ batch: 2 })).toBeGreaterThanOrEqual(3);
    const left = await db.mkNotificationDelivery.findMany({ where: { eventDocId: { in: rows.map((r) => r.eventDocId) } }, select: { eventDocId: true } });
    expect(new Set(left.map((r) => r.eventDocId))).toEqual(new Set([rows[3]!.eventDocId, rows[4]!.eventDocId]));
  });

  it("lists the account's messages for its owner through the control plane, newest first, with status, attempts and last error", async () => {
    const { ownerRef } = await db.mkRequester.findUniqueOrThrow({ where: { id: h.requesterId }, select: { ownerRef: true } });
    statuses = [503];
    await client.send(new SendTestEventNotificationCommand({ Notification: httpSpec(["HITExpired"]), TestEventType: "HITExpired" }));
    await dispatchAndDeliver();
    const [latest] = (await listNotificationDeliveries(ownerRef, h.environment, 5))!;
    expect(latest).toMatchObject({ destination: url, eventType: "HITExpired", status: "pending", attempts: 1, lastStatusCode: 503, lastError: "Answered HTTP 503", finishedAt: null });
    expect(latest!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    statuses = [200];
    await db.mkNotificationDelivery.update({ where: { id: latest!.id }, data: { nextAttemptAt: new Date() } });
    await dispatchAndDeliver();
    const [after] = (await listNotificationDeliveries(ownerRef, h.environment, 5))!;
    expect(after).toMatchObject({ id: latest!.id, status: "succeeded", attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(after!.finishedAt).toBeInstanceOf(Date);
    // Another owner sees nothing of it; an owner without an account gets null.
    expect(await listNotificationDeliveries("no-such-owner", h.environment)).toBeNull();
  });
});
