import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { ApproveAssignmentCommand, UpdateExpirationForHITCommand } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Invalid } from "@/lib/errors";
import { DeliveryUrl } from "@/lib/http/delivery-url";
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_SECONDS, nextAttemptAt, signatureHeader, verifySignature } from "@/lib/http/signed-delivery";
import { syncAccount } from "@/lib/sync/sync-account";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { pruneWebhookDeliveries } from "@/lib/webhooks/prune-deliveries";
import { createWebhookEndpoint, listWebhookDeliveries, revealWebhookSecret, sendTestWebhook } from "@/lib/webhooks/endpoints";
import { queueWebhookEvents } from "@/lib/webhooks/webhook-event";
import { CreateWebhookInput } from "@/lib/webhooks/webhook-input";
import { useHarness } from "../marketplace/harness";

const { h } = useHarness();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback answering each request with the next status of `statuses` (then the last one). */
function receiver() {
  const received: Received[] = [];
  let statuses = [200];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      res.end("ok");
    });
  });
  return {
    received,
    answer: (next: number[]) => (statuses = next),
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rx = receiver();
let url = "";
beforeAll(async () => {
  url = await rx.start();
});
afterAll(() => rx.stop());

async function teamContext(): Promise<TeamContext> {
  const tag = randomBytes(4).toString("hex");
  const team = await db.team.create({ data: { slug: `wh-${tag}`, name: `Webhooks ${tag}` } });
  const user = await db.user.create({ data: { email: `wh-${tag}@example.test` } });
  await db.membership.create({ data: { userId: user.id, teamId: team.id, role: "owner" } });
  return {
    user: { id: user.id, email: user.email, name: null, environment: "sandbox", activeTeamId: team.id },
    team: { id: team.id, slug: team.slug, name: team.name, reviewerBonusLimitCents: 500 },
    role: "owner",
    environment: "sandbox",
    teams: [],
  };
}

const scopeOf = (ctx: TeamContext) => ({ teamId: ctx.team.id, environment: ctx.environment });

describe("signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "evt_1", type: "WebhookTest" });

  it("verifies its own signature and refuses a changed body, another secret or an old timestamp", () => {
    const at = new Date("2026-12-06T20:00:00Z");
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1796587200,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, { now: at })).toBe(true);
    expect(verifySignature(secret, header, body.replace("evt_1", "evt_2"), { now: at })).toBe(false);
    expect(verifySignature("whsec_other", header, body, { now: at })).toBe(false);
    expect(verifySignature(secret, header, body, { now: new Date(at.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(secret, "t=1,v1=zz", body, { now: at })).toBe(false);
    expect(verifySignature(secret, undefined, body)).toBe(false);
  });
});

describe("retry schedule", () => {
  it("waits longer after each failure and gives up after the last attempt", () => {
    const failedAt = new Date("2026-12-06T20:00:00Z");
    const delays = RETRY_DELAYS_SECONDS.map((_, i) => (nextAttemptAt(i + 1, failedAt)!.getTime() - failedAt.getTime()) / 1000);
    expect(delays).toEqual([5, 30, 120, 600, 1800, 3600, 10_800]);
    expect(delays.every((d, i) => i === 0 || d > delays[i - 1]!)).toBe(true);
    expect(nextAttemptAt(MAX_DELIVERY_ATTEMPTS, failedAt)).toBeNull();
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
  });
});

describe("endpoint input", () => {
  it("takes https anywhere and http only on loopback, naming the field", () => {
    expect(DeliveryUrl.safeParse("https://hooks.example.com/hitdesk").success).toBe(true);
    expect(DeliveryUrl.safeParse("http://127.0.0.1:8080/x").success).toBe(true);
    expect(DeliveryUrl.safeParse("http://localhost/x").success).toBe(true);
    const plain = CreateWebhookInput.safeParse({ url: "http://hooks.example.com/x", eventTypes: ["HITExpired"] });
    expect(plain.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["url", "URL: must start with https:// (http:// only for localhost or 127.0.0.1)"]]);
    const garbage = CreateWebhookInput.safeParse({ url: "string", eventTypes: ["HITExpired"] });
    expect(garbage.error?.issues.map((i) => i.message)).toEqual(["URL: not a valid URL, e.g. https://example.com/hooks/hitdesk"]);
    const none = CreateWebhookInput.safeParse({ url: "https://hooks.example.com/x", eventTypes: [] });
    expect(none.error?.issues[0]).toMatchObject({ path: ["eventTypes"], message: "Events: choose at least one" });
    const unknown = CreateWebhookInput.safeParse({ url: "https://hooks.example.com/x", eventTypes: ["Nope"] });
    expect(unknown.error?.issues[0]?.path).toEqual(["eventTypes", 0]);
  });

  it("refuses a literal private, link-local or metadata address with a clear field error", async () => {
    const ctx = await teamContext();
    const issues = async (u: string) => {
      const error = await createWebhookEndpoint(ctx, { url: u, eventTypes: ["HITExpired"] }).then(
        () => null,
        (e: unknown) => e as Invalid,
      );
      expect(error === null || error instanceof Invalid).toBe(true);
      return (error?.details as { path: string; message: string }[] | undefined)?.map((i) => [i.path, i.message]);
    };
    expect(await issues("https://10.0.0.5/hooks")).toEqual([["url", "URL: 10.0.0.5 is a private address; deliveries may not reach internal networks (HITDESK_WEBHOOK_ALLOW_PRIVATE=1 allows it)"]]);
    expect((await issues("https://169.254.169.254/latest/meta-data"))?.[0]?.[1]).toMatch(/^URL: 169\.254\.169\.254 is a cloud metadata address/);
    expect((await issues("https://[fd00::1]/x"))?.[0]?.[1]).toMatch(/^URL: fd00::1 is a private address/);
    expect((await issues("https://[::ffff:192.168.0.1]/x"))?.[0]?.[1]).toMatch(/is a private address/);
    expect((await issues("https://0.0.0.0/x"))?.[0]?.[1]).toMatch(/^URL: 0\.0\.0\.0 is an unspecified address/);
    expect(await issues("https://8.8.8.8/x")).toBeUndefined();
    expect(await issues("http://127.0.0.1:8080/x")).toBeUndefined();
    expect(await db.webhookEndpoint.count({ where: { teamId: ctx.team.id } })).toBe(2);
  });
});

describe("delivery", () => {
  it("posts each queued event once across concurrent runners, signed with the endpoint's secret", async () => {
    const ctx = await teamContext();
    rx.answer([200]);
    const { endpoint, secret } = await createWebhookEndpoint(ctx, { url, eventTypes: ["JobFinished"] });
    expect((await revealWebhookSecret(ctx, endpoint.id)).secret).toBe(secret);
    const events = Array.from({ length: 6 }, (_, i) => ({ type: "JobFinished" as const, key: `job-${i}`, occurredAt: new Date(), data: { jobId: `job-${i}` } }));
    await queueWebhookEvents(scopeOf(ctx), events);
    // The same events seen again (a second sync, say) queue nothing more.
    await queueWebhookEvents(scopeOf(ctx), events);
    const before = rx.received.length;

    const attempts = await Promise.all([deliverDueWebhooks({ teamId: ctx.team.id }), deliverDueWebhooks({ teamId: ctx.team.id }), deliverDueWebhooks({ teamId: ctx.team.id })]);
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(6);
    const mine = rx.received.slice(before);
    expect(mine).toHaveLength(6);
    expect(new Set(mine.map((r) => r.headers["hitdesk-event-id"])).size).toBe(6);
    for (const r of mine) {
      expect(verifySignature(secret, r.headers["hitdesk-signature"] as string, r.body)).toBe(true);
      expect(JSON.parse(r.body)).toMatchObject({ id: r.headers["hitdesk-event-id"], type: "JobFinished", teamId: ctx.team.id, environment: "sandbox" });
    }
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })).toBe(6);
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(0);
  });

  it("retries a failed delivery with backoff, logs every attempt and stops after the last", async () => {
    const ctx = await teamContext();
    const { endpoint } = await createWebhookEndpoint(ctx, { url, eventTypes: ["HITExpired"] });
    rx.answer([500, 200]);
    const { eventId } = await sendTestWebhook(ctx, endpoint.id);
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(1);
    let [delivery] = await listWebhookDeliveries(ctx, endpoint.id);
    expect(delivery).toMatchObject({ eventId, eventType: "WebhookTest", status: "pending", attempts: 1 });
    // Not due yet: the first retry waits 5 seconds.
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(0);
    expect(new Date(delivery!.nextAttemptAt!).getTime() - new Date(delivery!.attemptLog[0]!.at).getTime()).toBe(5000);
    await db.webhookDelivery.updateMany({ where: { endpointId: endpoint.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(1);
    [delivery] = await listWebhookDeliveries(ctx, endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2, nextAttemptAt: null });
    expect(delivery!.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, "Answered HTTP 500"],
      [2, 200, null],
    ]);

    // A receiver that always fails: the delivery is marked failed after the last attempt.
    rx.answer([503]);
    await sendTestWebhook(ctx, endpoint.id);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(1);
      await db.webhookDelivery.updateMany({ where: { endpointId: endpoint.id, status: "pending" }, data: { nextAttemptAt: new Date() } });
    }
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(0);
    const failed = (await listWebhookDeliveries(ctx, endpoint.id))[0]!;
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(failed.attemptLog).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  });

  it("counts a receiver that does not answer as a failed attempt", async () => {
    const ctx = await teamContext();
    // Nothing listens on port 9 of loopback: the connection is refused.
    const { endpoint } = await createWebhookEndpoint(ctx, { url: "http://127.0.0.1:9/hooks", eventTypes: ["HITExpired"] });
    await sendTestWebhook(ctx, endpoint.id);
    await deliverDueWebhooks({ teamId: ctx.team.id });
    const [delivery] = await listWebhookDeliveries(ctx, endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery!.attemptLog[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/^Could not connect/) as unknown });
  });
});

describe("refused addresses", () => {
  it("fails a delivery to a private address at once, saying why, without retrying", async () => {
    const ctx = await teamContext();
    const { endpoint } = await createWebhookEndpoint(ctx, { url: "https://hooks.example.com/x", eventTypes: ["HITExpired"] });
    // Saved before the check existed (or while HITDESK_WEBHOOK_ALLOW_PRIVATE was set).
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: "http://10.0.0.5:8080/hooks" } });
    await sendTestWebhook(ctx, endpoint.id);
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(1);
    const [delivery] = await listWebhookDeliveries(ctx, endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
    expect(delivery!.attemptLog).toEqual([expect.objectContaining({ statusCode: null, error: "Refused: 10.0.0.5 is a private address" })]);
    expect(await deliverDueWebhooks({ teamId: ctx.team.id })).toBe(0);
  });
});

describe("pruning", () => {
  it("deletes deliveries finished more than 30 days ago, in batches, with their attempts, and keeps the rest", async () => {
    const ctx = await teamContext();
    const { endpoint } = await createWebhookEndpoint(ctx, { url, eventTypes: ["HITExpired"] });
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
    const row = (key: string, status: string, finishedAt: Date | null) => ({
      endpointId: endpoint.id,
      eventId: key,
      eventType: "HITExpired",
      body: "{}",
      status,
      finishedAt,
      createdAt: finishedAt ?? daysAgo(40),
    });
    await db.webhookDelivery.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => row(`old-ok-${i}`, "succeeded", daysAgo(31 + i))),
        row("old-failed", "failed", daysAgo(45)),
        row("recent", "succeeded", daysAgo(29)),
        // Still pending (never the case after 30 days, but never pruned either).
        row("pending", "pending", null),
      ],
    });
    const old = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, eventId: "old-failed" } });
    await db.webhookAttempt.create({ data: { deliveryId: old.id, attempt: 1, statusCode: 500, durationMs: 3 } });

    expect(await pruneWebhookDeliveries({ batch: 2 })).toBeGreaterThanOrEqual(6);
    const left = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, select: { eventId: true }, orderBy: { eventId: "asc" } });
    expect(left.map((d) => d.eventId)).toEqual(["pending", "recent"]);
    expect(await db.webhookAttempt.count({ where: { deliveryId: old.id } })).toBe(0);
  });
});

describe("MTurk events from the sync", () => {
  it("queues AssignmentSubmitted, AssignmentApproved, HITReviewable and HITExpired once each, as the cache sees them change", async () => {
    const ctx = await teamContext();
    const { endpoint } = await createWebhookEndpoint(ctx, { url, eventTypes: ["AssignmentSubmitted", "AssignmentApproved", "HITReviewable", "HITExpired"] });
    const hit = await h.createHit({ Title: "Webhook HIT", MaxAssignments: 2 });
    const worker = await h.createWorker();
    const assignmentId = await h.acceptAndSubmit(hit.HITId!, worker);
    const sync = () => syncAccount({ teamId: ctx.team.id, environment: "sandbox", client: h.client, qualifications: "never" });
    const types = async () => (await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { createdAt: "asc" } })).map((d) => d.eventType);

    await sync();
    expect(await types()).toEqual(["AssignmentSubmitted"]);
    const submitted = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(JSON.parse(submitted.body)).toMatchObject({ type: "AssignmentSubmitted", data: { HITId: hit.HITId, HITTypeId: hit.HITTypeId, AssignmentId: assignmentId, WorkerId: worker } });

    await sync();
    expect(await types()).toEqual(["AssignmentSubmitted"]);

    await h.client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    await h.client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId!, ExpireAt: new Date(0) }));
    await sync();
    // Expired with its work done, the HIT became Reviewable too.
    expect((await types()).sort()).toEqual(["AssignmentApproved", "AssignmentSubmitted", "HITExpired", "HITReviewable"]);
    await sync();
    expect(await types()).toHaveLength(4);
  });
});
