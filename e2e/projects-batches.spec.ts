import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MTurkClient, paginateListHITs } from "@aws-sdk/client-mturk";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { shellExports, startFreshServer } from "./support/server";
import { newProjectFromTemplate } from "./support/projects";

/**
 * Creating work through the dashboard: a project from a template with a live preview, a CSV
 * batch refused whole for one bad row, its cost, a durable creation job, and a server killed
 * in the middle of a batch that resumes without creating any HIT twice.
 */

function csvFile(name: string, content: string): string {
  const file = path.join(os.tmpdir(), `${name}-${Date.now()}.csv`);
  writeFileSync(file, content);
  return file;
}

async function upload(page: Page, file: string) {
  await page.getByLabel("CSV file").setInputFiles(file);
}

test("a project from a template, previewed live, published as a CSV batch after a bad file is refused", async ({ page, team }) => {
  await login(page, team.users.admin);
  const projectId = await newProjectFromTemplate(page, "Sentiment");

  // The live preview renders the crowd-form template with the sample row, in a sandboxed frame.
  const preview = page.frameLocator('iframe[title="Worker preview"]');
  await expect(preview.getByText("The food was wonderful and the staff were kind.")).toBeVisible();
  await page.getByLabel("text", { exact: true }).fill("Cold soup, rude waiter.");
  await expect(preview.getByText("Cold soup, rude waiter.")).toBeVisible();
  await expect(preview.getByText("Accept the HIT to submit")).toBeVisible();
  // Cost per HIT: 3 assignments × ($0.03 + $0.01 fee).
  await expect(page.getByTestId("hit-cost")).toContainText("$0.12");
  await page.getByLabel("Title").fill("Rate the sentiment of a restaurant review");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await page.screenshot({ path: "test-results/project-editor.png", fullPage: true });

  // A bad file: one empty row and a missing column. Nothing is created.
  await page.getByRole("link", { name: "Publish batch" }).click();
  await upload(page, csvFile("bad", "review\nGreat pasta\n"));
  await expect(page.getByRole("region", { name: "Problems" })).toContainText('The task uses ${text} but the file has no "text" column');
  await upload(page, csvFile("bad-row", "text\nGreat pasta\n\nSlow service\n"));
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("Row 2 (line 3) is empty");
  await expect(page.getByRole("button", { name: /Publish \d+ HITs/ })).toHaveCount(0);
  expect(await db.batch.count({ where: { teamId: team.id } })).toBe(0);

  // Fixed: the cost, the first HITs, then the job.
  const rows = Array.from({ length: 12 }, (_, i) => `"Review ${i + 1}: ""fine"", really"`).join("\n");
  await upload(page, csvFile("good", `text\n${rows}\n`));
  await expect(page.getByTestId("batch-total")).toHaveText("$1.44");
  await expect(page.frameLocator('iframe[title="Row 1 preview"]').getByText('Review 1: "fine", really')).toBeVisible();
  // A sample is shown at the usual height, and opens to the whole task.
  const sample = page.locator('iframe[title="Row 1 preview"]');
  expect((await sample.boundingBox())!.height).toBe(288);
  await page.getByRole("button", { name: "Expand row 1" }).click();
  await expect.poll(async () => (await sample.boundingBox())!.height).toBeGreaterThan(400);
  await page.getByRole("button", { name: "Collapse" }).click();
  await page.screenshot({ path: "test-results/batch-new.png", fullPage: true });
  await page.getByLabel("Batch name").fill("Restaurant reviews");
  await page.getByRole("button", { name: "Publish 12 HITs" }).click();
  await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText("All 12 HITs created", { timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Batch progress" })).toHaveAttribute("aria-valuenow", "100");
  // Created is not done: the work itself shows once the cache has synced the new HITs.
  expect((await page.request.post("/api/sync", { data: {} })).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("batch-work").getByRole("status")).toHaveText("0 of 36 assignments submitted · 0 decided");
  await expect(page.getByTestId("batch-work")).toContainText("Not accepted yet36");
  await page.screenshot({ path: "test-results/batch-page.png", fullPage: true });

  const batch = await db.batch.findFirstOrThrow({ where: { teamId: team.id } });
  expect(batch).toMatchObject({ name: "Restaurant reviews", rowCount: 12, estimatedCostCents: 144, projectId });
  expect((await db.projectVersion.findUniqueOrThrow({ where: { id: batch.projectVersionId } })).version).toBe(2);
  expect(await db.batchHit.count({ where: { batchId: batch.id } })).toBe(12);
  await page.goto("/projects");
  await expect(page.getByRole("list", { name: "Batches" })).toContainText("Restaurant reviews");
});

test("production batches need the number of HITs typed, and anonymous previews are refused", async ({ page, team, playwright, baseURL }) => {
  await login(page, team.users.owner);
  const projectId = await newProjectFromTemplate(page, "Categorization");
  await page.request.post("/api/me/environment", { data: { environment: "production" } });
  await page.goto(`/projects/${projectId}/batches/new`);
  await upload(page, csvFile("prod", 'product_name,product_description\n"Lamp","A desk lamp"\n"Mug","A tea mug"\n'));
  const publish = page.getByRole("button", { name: "Publish 2 HITs" });
  await expect(publish).toBeDisabled();
  // The balance is shown against the cost before anything is typed.
  const funds = page.getByTestId("production-funds");
  await expect(funds).toContainText(/Production balance \$0\.00 · this batch may cost up to \$\d+\.\d\d/);
  await expect(funds.getByRole("link", { name: "record a deposit" })).toHaveAttribute("href", "/settings#record-deposit");
  await page.getByLabel(/Type 2 to publish 2 production HITs/).fill("2");
  await publish.click();
  // The production marketplace starts empty: the balance check refuses before anything exists.
  await expect(page.getByRole("alert").filter({ hasText: "The production balance is $0.00" })).toBeVisible();
  expect(await db.batch.count({ where: { teamId: team.id, environment: "production" } })).toBe(0);

  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.post("/task-preview", { form: { payload: "{}" } });
  expect(res.status()).toBe(401);
  await anonymous.dispose();
});

test("a batch survives the server being killed mid-way: the job resumes and no HIT is created twice", async ({ browser }) => {
  test.setTimeout(600_000);
  const admin = { HITDESK_ADMIN_EMAIL: "batch-admin@example.com", HITDESK_ADMIN_PASSWORD: "batch-admin-password-1" };
  // Five calls a second: a 40-row batch takes about eight seconds, long enough to kill it mid-way.
  const env = { ...admin, HITDESK_MARKETPLACE_FAULTS_SANDBOX: JSON.stringify({ rateLimitPerSecond: 5, burst: 1 }) };
  let server = await startFreshServer(3293, env);
  const { dataDir } = server;
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await login(page, { email: admin.HITDESK_ADMIN_EMAIL, password: admin.HITDESK_ADMIN_PASSWORD });
    const projectId = await newProjectFromTemplate(page, "Sentiment");
    await page.goto(`/projects/${projectId}/batches/new`);
    await upload(page, csvFile("restart", `text\n${Array.from({ length: 40 }, (_, i) => `Review ${i + 1}`).join("\n")}\n`));
    await page.getByRole("button", { name: "Publish 40 HITs" }).click();
    await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText(/· (waiting to start|running)$/);
    const batchId = page.url().split("/batches/")[1]!;
    await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText(/^([5-9]|[1-3]\d) of 40 HITs created/, { timeout: 60_000 });
    await context.close();

    // A crash, not a polite stop: the runner gets no chance to hand the job back.
    await server.stop({ keepData: true, crash: true });
    server = await startFreshServer(3293, env, dataDir);
    const again = await browser.newContext({ baseURL: server.url });
    const page2 = await again.newPage();
    await login(page2, { email: admin.HITDESK_ADMIN_EMAIL, password: admin.HITDESK_ADMIN_PASSWORD });
    await page2.goto(`/batches/${batchId}`);
    await expect(page2.getByTestId("batch-progress").getByRole("status")).toHaveText("All 40 HITs created", { timeout: 120_000 });

    const keys = await server.cli("keys", "--env", "sandbox");
    expect(keys.code, keys.stderr).toBe(0);
    const vars = shellExports(keys.stdout);
    const client = new MTurkClient({
      endpoint: vars.HITDESK_MTURK_ENDPOINT!,
      region: "us-east-1",
      credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! },
      maxAttempts: 10,
    });
    const annotations: string[] = [];
    for await (const p of paginateListHITs({ client, pageSize: 100 }, {})) annotations.push(...(p.HITs ?? []).map((h) => h.RequesterAnnotation ?? ""));
    const ours = annotations.filter((a) => a.startsWith(`hitdesk:batch=${batchId};`));
    expect(ours).toHaveLength(40);
    expect(new Set(ours).size).toBe(40);
    client.destroy();
    await again.close();
  } catch (error) {
    // The server's own log is what explains a stalled job: attach it to the failure.
    console.error(`Output of the HITdesk on port 3293:\n${server.output()}`);
    throw error;
  } finally {
    await server.stop();
  }
});
