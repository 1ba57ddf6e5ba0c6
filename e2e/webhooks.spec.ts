import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateHITCommand, UpdateNotificationSettingsCommand } from "@aws-sdk/client-mturk";
import { verifySignature } from "@/lib/http/signed-delivery";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { htmlQuestionXml } from "@/lib/mturk-formats/placeholders";
import { expect, login, test } from "./support/fixtures";
import { teamSdk } from "./support/hits-seed";
import { submittedBatch } from "./support/review-batch";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback answering with the given statuses in turn (the last one from then on). */
async function startReceiver(statuses: number[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hitdesk`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test("an admin adds a webhook; its receiver gets signed events, a failed one retried, all in the delivery log", async ({ page, team, baseURL }) => {
  const receiver = await startReceiver([500, 200]);
  try {
    await login(page, team.users.admin);
    await page.goto("/settings");
    await page.getByRole("link", { name: /Manage webhooks/ }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByText("No endpoints in this environment yet.")).toBeVisible();

    // Bad input: each field says what is wrong, and nothing is added.
    await page.getByLabel("Endpoint URL").fill("http://hooks.example.com/x");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("URL: must start with https:// (http:// only for localhost or 127.0.0.1)")).toBeVisible();
    await expect(page.getByText("Events: choose at least one")).toBeVisible();

    // A private address passes the form's own check; the server refuses it on the field.
    await page.getByLabel("Endpoint URL").fill("https://10.0.0.5/hooks");
    await page.getByRole("checkbox", { name: /HITExpired/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("URL: 10.0.0.5 is a private address; deliveries may not reach internal networks (HITDESK_WEBHOOK_ALLOW_PRIVATE=1 allows it)")).toBeVisible();
    await page.getByRole("checkbox", { name: /HITExpired/ }).uncheck();

    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByLabel("Description").fill("Lab pipeline");
    await page.getByRole("checkbox", { name: /AssignmentSubmitted/ }).check();
    await page.getByRole("checkbox", { name: /HITExpired/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secretBox = page.getByRole("region", { name: "New signing secret" });
    const secret = await secretBox.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    await secretBox.getByRole("button", { name: "Done" }).click();

    const endpoint = page.getByRole("region", { name: `Webhook ${receiver.url}` });
    await expect(endpoint).toContainText("Lab pipeline");
    await endpoint.getByRole("button", { name: "Reveal secret" }).click();
    await expect(endpoint.getByLabel("Signing secret")).toHaveValue(secret);

    // A test event: the receiver answers 500, then 200 to the retry five seconds later.
    await endpoint.getByRole("button", { name: "Send test" }).click();
    const delivery = endpoint.getByTestId("webhook-delivery").filter({ hasText: "WebhookTest" });
    await expect(delivery.getByTestId("webhook-attempt")).toHaveCount(2, { timeout: 20_000 });
    await expect(delivery.getByTestId("webhook-attempt").nth(0)).toContainText("#1");
    await expect(delivery.getByTestId("webhook-attempt").nth(0)).toContainText("HTTP 500");
    await expect(delivery.getByTestId("webhook-attempt").nth(1)).toContainText("HTTP 200");
    await expect(delivery).toContainText("succeeded");
    expect(receiver.received).toHaveLength(2);
    const [first, retry] = receiver.received as [Received, Received];
    // The same event twice: one id and one body, each attempt signed afresh.
    expect(retry.headers["hitdesk-event-id"]).toBe(first.headers["hitdesk-event-id"]);
    expect(retry.body).toBe(first.body);
    expect(retry.headers["hitdesk-delivery-attempt"]).toBe("2");
    for (const r of receiver.received) expect(verifySignature(secret, r.headers["hitdesk-signature"] as string, r.body)).toBe(true);
    expect(verifySignature("whsec_not-the-secret", retry.headers["hitdesk-signature"] as string, retry.body)).toBe(false);
    expect(JSON.parse(retry.body)).toMatchObject({ type: "WebhookTest", teamId: team.id, environment: "sandbox" });

    // MTurk's own event: a worker submits, the sync sees it, the receiver gets AssignmentSubmitted.
    const { assignments } = await submittedBatch(team, baseURL!, [["positive"]]);
    expect((await page.request.post("/api/sync", { data: {} })).ok()).toBe(true);
    await expect(endpoint.getByTestId("webhook-delivery").filter({ hasText: "AssignmentSubmitted" })).toContainText("succeeded", { timeout: 15_000 });
    const submitted = receiver.received.find((r) => r.headers["hitdesk-event-type"] === "AssignmentSubmitted")!;
    expect(verifySignature(secret, submitted.headers["hitdesk-signature"] as string, submitted.body)).toBe(true);
    expect(JSON.parse(submitted.body)).toMatchObject({
      type: "AssignmentSubmitted",
      data: { AssignmentId: assignments[0]!.assignmentId, HITId: assignments[0]!.hitId, WorkerId: assignments[0]!.workerId },
    });
    await page.screenshot({ path: "test-results/webhooks.png", fullPage: true });
  } finally {
    await receiver.close();
  }
});

test("the built-in marketplace POSTs MTurk's event document to an HTTP notification destination, signed with the secret shown in Settings", async ({ page, team, baseURL }) => {
  const receiver = await startReceiver([200]);
  try {
    const client = await teamSdk(team, baseURL!);
    await login(page, team.users.owner);
    await page.goto("/settings/webhooks");
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "MTurk notifications to your own URL" }) });
    await card.getByRole("button", { name: "Reveal signing secret" }).click();
    const secret = await card.getByLabel("Marketplace notification signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    const { HIT } = await client.send(
      new CreateHITCommand({
        Title: "Notified task",
        Description: "d",
        Reward: "0.10",
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 600,
        Question: htmlQuestionXml("<input name='answer'>", 300),
      }),
    );
    // The SDK passes Transport through unchecked: HITdesk's extension needs no patched client.
    await client.send(
      new UpdateNotificationSettingsCommand({
        HITTypeId: HIT!.HITTypeId!,
        Notification: { Destination: receiver.url, Transport: "HTTP" as never, Version: "2014-08-15", EventTypes: ["AssignmentSubmitted"] },
        Active: true,
      }),
    );
    const workerId = (await createWorker({ displayName: "Notified worker" })).id;
    const assignment = await acceptHit({ workerId, hitId: HIT!.HITId! });
    await submitAssignment({ assignmentId: assignment.id, workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "yes" } }]) });

    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [message] = receiver.received as [Received];
    expect(verifySignature(secret, message.headers["hitdesk-signature"] as string, message.body)).toBe(true);
    expect(JSON.parse(message.body)).toMatchObject({
      EventDocId: message.headers["hitdesk-event-id"],
      EventDocVersion: "2014-08-15",
      Events: [{ EventType: "AssignmentSubmitted", HITTypeId: HIT!.HITTypeId, HITId: HIT!.HITId, AssignmentId: assignment.id }],
    });

    // Settings → Webhooks lists the marketplace's message, delivered, with its destination.
    const log = page.getByRole("table", { name: "HTTP notification deliveries" });
    const row = log.getByTestId("marketplace-delivery").filter({ hasText: "AssignmentSubmitted" });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("succeeded", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(row).toContainText(receiver.url);
    await expect(row).toContainText("HTTP 200");
    await page.getByRole("heading", { name: "Built-in marketplace notifications (HTTP destinations)" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/webhooks-marketplace-deliveries.png", fullPage: true });
    client.destroy();
  } finally {
    await receiver.close();
  }
});

test("a reviewer cannot see or manage webhooks", async ({ page, team }) => {
  await login(page, team.users.reviewer);
  await page.goto("/settings/webhooks");
  await expect(page.getByText("Webhooks need the admin role.")).toBeVisible();
  expect((await page.request.get("/api/team/webhooks")).status()).toBe(403);
});
