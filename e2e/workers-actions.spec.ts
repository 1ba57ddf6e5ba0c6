import { CreateHITCommand, ListBonusPaymentsCommand, type MTurkClient } from "@aws-sdk/client-mturk";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db";
import { advanceClock } from "@/lib/marketplace/clock";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { htmlQuestionXml } from "@/lib/mturk-formats/placeholders";
import { findTemplate } from "@/lib/projects/templates";
import { syncAccount } from "@/lib/sync/sync-account";
import { teamSdk } from "./support/hits-seed";
import { expect, login, test } from "./support/fixtures";
import { type SeededTeam } from "./support/seed";
import { signUpWorker } from "./support/worker-accounts";

/**
 * Acting on workers through the dashboard: blocks (bulk, as a job) that the worker site obeys,
 * messages that reach the worker's inbox, and the top-up plan to the team's minimum hourly rate.
 */

async function createHit(client: MTurkClient, title: string, reward = "0.30"): Promise<string> {
  const out = await client.send(
    new CreateHITCommand({
      Title: title,
      Description: `${title} (e2e)`,
      Reward: reward,
      MaxAssignments: 1,
      LifetimeInSeconds: 86_400,
      AssignmentDurationInSeconds: 600,
      Question: htmlQuestionXml("<p>Task</p><input name='answer'>", 300),
    }),
  );
  return out.HIT!.HITId!;
}

/**
 * A batch of the team's whose HITs were each done by one of `work`'s workers, synced into the
 * cache with each assignment's accept → submit time set to the given seconds.
 */
async function workedBatch(team: SeededTeam, baseURL: string, name: string, work: { workerId: string; seconds: number }[]) {
  const client = await teamSdk(team, baseURL);
  const project = await db.project.create({ data: { teamId: team.id, name: `${name} project`, templateId: "sentiment" } });
  const version = await db.projectVersion.create({ data: { projectId: project.id, version: 1, design: findTemplate("sentiment")!.design } });
  const batch = await db.batch.create({
    data: { teamId: team.id, environment: "sandbox", projectId: project.id, projectVersionId: version.id, name, columns: ["text"], rowCount: work.length, assignmentsPerRow: 1, estimatedCostCents: 0 },
  });
  const requesterId = (await findRequesterId(team.id, "sandbox"))!;
  const assignmentIds: string[] = [];
  for (const [i, w] of work.entries()) {
    const hitId = await createHit(client, `${name} #${i + 1}`);
    await db.batchHit.create({ data: { batchId: batch.id, rowIndex: i, part: 0, hitId } });
    const a = await acceptHit({ workerId: w.workerId, hitId });
    // The worker takes w.seconds by the marketplace's clock (moved on, not waited for).
    await advanceClock(requesterId, w.seconds);
    await submitAssignment({ assignmentId: a.id, workerId: w.workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "ok" } }]) });
    assignmentIds.push(a.id);
  }
  await syncAccount({ teamId: team.id, environment: "sandbox", client, force: true });
  return { client, batchId: batch.id, projectId: project.id, assignmentIds };
}

/** A person with a worker-site account, signed in in their own browser context. */
async function workerOnSite(browser: Browser, baseURL: string, name: string): Promise<{ page: Page; workerId: string; close(): Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const { workerId } = await signUpWorker(page, { name });
  return { page, workerId, close: () => context.close() };
}

const marketplaceWorker = async (name: string) => (await createWorker({ displayName: name })).id;

test("blocking a selection runs as a job with progress, and the blocked worker no longer sees the team's HITs", async ({ page, team, baseURL, browser }) => {
  test.setTimeout(120_000);
  const w = await workerOnSite(browser, baseURL!, "Blockable Worker");
  const other = await marketplaceWorker("Other worker");
  const { client } = await workedBatch(team, baseURL!, "Block run", [
    { workerId: w.workerId, seconds: 60 },
    { workerId: other, seconds: 60 },
  ]);
  const open = `Still open ${Date.now()}`;
  await createHit(client, open);
  await w.page.goto("/worker");
  await expect(w.page.getByRole("link", { name: open })).toBeVisible();

  await login(page, team.users.admin);
  await page.goto("/workers");
  await expect(page.getByTestId("worker-row")).toHaveCount(2);
  // Submitted but not yet decided: no approval rate (not a perfect 100%), times as "60 s" like everywhere.
  const cells = page.getByTestId("worker-row").filter({ hasText: other }).getByRole("cell");
  await expect(cells.nth(3)).toHaveText("0 / 0");
  await expect(cells.nth(4)).toHaveText("—");
  await expect(cells.nth(7)).toHaveText("60 s");
  await page.getByLabel(`Select ${w.workerId}`).check();
  await page.getByLabel(`Select ${other}`).check();
  await page.getByRole("button", { name: "Block or unblock…" }).click();
  await page.getByLabel("Reason").fill("Copied answers between tasks");
  await page.getByRole("button", { name: "Block 2 workers", exact: true }).click();
  const progress = page.getByTestId("worker-job-progress").filter({ hasText: "Blocking 2 workers" });
  await expect(progress.getByRole("status")).toHaveText(/All 2 workers done/);
  await expect(page.getByTestId("worker-row").filter({ hasText: "Blocked" })).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath("workers-bulk-block.png"), fullPage: true });

  // The worker site obeys the block: the team's HITs are gone for this worker.
  await w.page.goto("/worker");
  await expect(w.page.getByRole("heading", { name: "Find work" })).toBeVisible();
  await expect(w.page.getByRole("link", { name: open })).toHaveCount(0);
  expect(await db.auditLog.count({ where: { teamId: team.id, action: "worker.block" } })).toBe(2);
  expect(await db.auditLog.count({ where: { teamId: team.id, action: "worker.bulk-block" } })).toBe(1);

  // Unblocked again from their profile, they see the HITs again.
  await page.goto(`/workers/${w.workerId}`);
  await page.getByRole("button", { name: "Unblock…" }).click();
  await page.getByLabel("Reason").fill("Appeal accepted");
  await page.getByRole("button", { name: `Unblock ${w.workerId}` }).click();
  await expect(page.getByText(`Unblocked ${w.workerId}.`)).toBeVisible();
  await w.page.goto("/worker");
  await expect(w.page.getByRole("link", { name: open })).toBeVisible();
  await w.close();
  client.destroy();
});

test("a CSV of blocks with a bad row is refused whole, naming row and column", async ({ page, team }) => {
  const good = await marketplaceWorker("CSV worker");
  await login(page, team.users.admin);
  await page.goto("/workers");
  await page.getByText("Block workers from a CSV").click();
  await page.getByLabel("Blocks CSV").setInputFiles({ name: "blocks.csv", mimeType: "text/csv", buffer: Buffer.from(`WorkerId,Reason\n${good},Spam\nnobody,Spam\n`) });
  await page.getByRole("button", { name: "Block everyone in the file" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "nothing was blocked" });
  await expect(refusal).toContainText('Row 3, column WorkerId: "nobody" is not a Worker ID');
  expect(await db.cachedWorkerBlock.count({ where: { teamId: team.id } })).toBe(0);

  await page.getByLabel("Blocks CSV").setInputFiles({ name: "blocks.csv", mimeType: "text/csv", buffer: Buffer.from(`WorkerId,Reason\n${good},Spam\n`) });
  await page.getByRole("button", { name: "Block everyone in the file" }).click();
  await expect(page.getByTestId("worker-job-progress").filter({ hasText: "Blocking 1 worker from blocks.csv" }).getByRole("status")).toHaveText(/1 of 1 workers done · finished/);
  expect(await db.cachedWorkerBlock.count({ where: { teamId: team.id, workerId: good, forgottenAt: null } })).toBe(1);
  // The job outlives the page that started it.
  await page.reload();
  await page.getByText("Recent bulk actions").click();
  await expect(page.getByTestId("recent-worker-jobs").getByTestId("worker-job-progress")).toContainText(/Block 1 worker ·.*1 of 1 workers done · finished/);
});

test("messages to a selection and to a whole batch reach the workers' inboxes", async ({ page, team, baseURL, browser }) => {
  test.setTimeout(120_000);
  const w = await workerOnSite(browser, baseURL!, "Inbox Worker");
  const other = await marketplaceWorker("Other worker");
  const { client, batchId } = await workedBatch(team, baseURL!, "Message run", [
    { workerId: w.workerId, seconds: 60 },
    { workerId: other, seconds: 60 },
  ]);

  await login(page, team.users.admin);
  await page.goto("/workers");
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Message 2 workers" }).click();
  await page.getByLabel("Subject").fill("x".repeat(201));
  await page.getByLabel("Message", { exact: true }).fill("Hello");
  await page.getByRole("button", { name: "Send to 2 workers" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The subject can be at most 200 characters" })).toBeVisible();
  await page.getByLabel("Subject").fill("New batch tomorrow");
  await page.getByLabel("Message", { exact: true }).fill("Thanks for your careful work: more tasks come tomorrow at 9.");
  await page.getByRole("button", { name: "Send to 2 workers" }).click();
  await expect(page.getByTestId("worker-job-progress").filter({ hasText: 'Sending "New batch tomorrow"' }).getByRole("status")).toHaveText(/All 2 workers done/);

  await page.goto(`/batches/${batchId}`);
  await page.getByLabel("Subject").fill("About the Message run");
  await page.getByLabel("Message", { exact: true }).fill("We fixed the typo in task 2.");
  await page.getByRole("button", { name: "Send to 2 workers" }).click();
  await expect(page.getByTestId("worker-job-progress").getByRole("status")).toHaveText(/All 2 workers done/);
  await page.screenshot({ path: test.info().outputPath("batch-message.png"), fullPage: true });

  await w.page.goto("/worker/messages");
  const inbox = w.page.getByRole("list", { name: "Messages" });
  await expect(inbox).toContainText("New batch tomorrow");
  await expect(inbox).toContainText("About the Message run");
  const stored = await db.workerMessage.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } });
  expect(stored.map((m) => [m.subject, m.workerIds.length, m.failures])).toEqual([
    ["New batch tomorrow", 2, []],
    ["About the Message run", 2, []],
  ]);
  await w.close();
  client.destroy();
});

test("a batch under the team's minimum hourly rate is flagged and topped up once per worker", async ({ page, team, baseURL, browser }) => {
  test.setTimeout(120_000);
  const [fast, slow] = [await marketplaceWorker("Fast worker"), await marketplaceWorker("Slow worker")];
  // $0.30 a task: fast spends 60 s ($18/h), slow 2 × 180 s ($6/h).
  const { client, batchId, projectId } = await workedBatch(team, baseURL!, "Top-up run", [
    { workerId: fast, seconds: 60 },
    { workerId: slow, seconds: 180 },
    { workerId: slow, seconds: 180 },
  ]);

  await login(page, team.users.admin);
  await page.goto("/settings");
  await page.getByLabel("Minimum hourly rate (USD per hour)").fill("12.00");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText("Saved")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("settings-minimum.png"), fullPage: true });

  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("below-minimum")).toContainText("1 batch pays below your team's minimum of $12.00/h");
  await page.screenshot({ path: test.info().outputPath("project-pay.png"), fullPage: true });

  // A reviewer pays it: within the team's per-bonus limit ($5.00).
  const reviewerContext = await browser.newContext({ baseURL });
  const reviewer = await reviewerContext.newPage();
  await login(reviewer, team.users.reviewer);
  await reviewer.goto(`/batches/${batchId}`);
  await expect(reviewer.getByTestId("below-minimum")).toHaveText("This batch pays $6.00/h, below your team's minimum of $12.00/h.");
  await reviewer.getByRole("button", { name: "Plan a top-up to $12.00/h" }).click();
  const lines = reviewer.getByTestId("top-up-line");
  await expect(lines).toHaveCount(2);
  // Slow: 360 s at $12/h is $1.20, earned $0.60 → $0.60. Fast earned more than the minimum.
  await expect(lines.filter({ hasText: slow })).toContainText("$0.60");
  await expect(lines.filter({ hasText: fast }).getByRole("cell").last()).toHaveText("—");
  await expect(reviewer.getByTestId("top-up-cost")).toContainText("1 bonus: $0.60 + $0.12 fees = $0.72");
  await reviewer.screenshot({ path: test.info().outputPath("top-up-plan.png"), fullPage: true });
  await reviewer.getByRole("button", { name: "Pay $0.72 in top-ups" }).click();
  await expect(reviewer.getByTestId("worker-job-progress").getByRole("status")).toHaveText(/1 of 1 bonuses done · finished/);

  // Confirmed again (a second tab, a replayed request): nothing more is paid.
  const again = await reviewer.request.post(`/api/batches/${batchId}/top-up`, { data: { expectedTotalCents: 72 } });
  expect(await again.json()).toMatchObject({ queued: 0, jobId: null });
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "Plan a top-up to $12.00/h" }).click();
  await expect(lines.filter({ hasText: slow })).toContainText("Topped up");
  await expect(reviewer.getByText("Everyone in this batch has been paid at least the minimum")).toBeVisible();
  const slowAssignments = await db.cachedAssignment.findMany({ where: { teamId: team.id, workerId: slow }, select: { assignmentId: true } });
  let paid = 0;
  for (const a of slowAssignments) paid += ((await client.send(new ListBonusPaymentsCommand({ AssignmentId: a.assignmentId }))).BonusPayments ?? []).length;
  expect(paid).toBe(1);

  // A viewer sees the figures but no way to pay.
  const viewerContext = await browser.newContext({ baseURL });
  const viewer = await viewerContext.newPage();
  await login(viewer, team.users.viewer);
  await viewer.goto(`/batches/${batchId}`);
  await expect(viewer.getByText("Effective hourly pay")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Plan a top-up/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Send to/ })).toHaveCount(0);
  expect((await viewer.request.get(`/api/batches/${batchId}/top-up`)).status()).toBe(403);
  await reviewerContext.close();
  await viewerContext.close();
  client.destroy();
});
