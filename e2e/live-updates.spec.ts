import { CreateHITCommand, type MTurkClient } from "@aws-sdk/client-mturk";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { expect, login, test } from "./support/fixtures";
import { submittedBatch } from "./support/review-batch";
import { seedTeam, type SeededUser } from "./support/seed";
import { startFreshServer } from "./support/server";

/**
 * Live updates: a worker submits on the built-in marketplace while the team has pages open, and
 * every one of them shows it within seconds without a reload (the cache syncs only every minute
 * otherwise). The reviewer keeps their place in the queue; a viewer's pages update too; another
 * team's stream hears nothing.
 */

/** Well inside the background sync's minute, and the queue's own 5 s poll of the cache. */
const LIVE_MS = 4_000;
const focusedRow = (page: Page) => page.locator("[role=listbox] li[aria-selected=true]");

async function signedInPage(browser: Browser, user: SeededUser, baseURL?: string): Promise<Page> {
  const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
  await login(page, user);
  return page;
}

/** Marks the document: a reload (or a navigation) would lose the mark. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { liveMark: true }));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);

/** The raw event stream of a signed-in page's session, read in the background. */
async function readStream(page: Page): Promise<{ received: () => string; close: () => void }> {
  const { cookies } = await page.context().storageState();
  const abort = new AbortController();
  const res = await fetch(new URL("/api/live", page.url()), { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  let text = "";
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  void (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
  })().catch(() => undefined);
  return { received: () => text, close: () => abort.abort() };
}

async function hitWithRoom(client: MTurkClient, maxAssignments: number): Promise<string> {
  const { HIT } = await client.send(
    new CreateHITCommand({
      Title: "Sentiment of review #2",
      Description: "Read one product review and say whether it is positive",
      Reward: "0.10",
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 600,
      MaxAssignments: maxAssignments,
      Question: `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId"><input name="sentiment"><input type="submit"></form></body></html>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`,
    }),
  );
  return HIT!.HITId!;
}

/** A new worker of the built-in marketplace takes the HIT and submits, as on the worker site. */
async function workerSubmits(hitId: string): Promise<string> {
  const workerId = (await createWorker({ displayName: "Live e2e worker" })).id;
  const accepted = await acceptHit({ workerId, hitId });
  await submitAssignment({ assignmentId: accepted.id, workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "sentiment", value: { freeText: "positive" } }]) });
  return accepted.id;
}

function postgresServer(): string {
  const url = process.env.E2E_DATABASE_URL;
  // Two instances need a Postgres server; the embedded database serves one. No silent skip.
  if (!url) throw new Error("e2e/live-updates.spec.ts needs HITDESK_TEST_DATABASE_URL (a Postgres server URL such as postgresql://postgres@127.0.0.1:5432/postgres)");
  return url;
}

async function openQueue(page: Page, submitted: number): Promise<void> {
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText(`1–${submitted} of ${submitted} submitted`);
}

test("work submitted on the built-in marketplace shows on open pages within seconds, without a reload", async ({ page, browser, team, baseURL }) => {
  // One HIT fully submitted, one with room for more work, both in a batch of the team's.
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive", "negative"]]);
  const openHitId = await hitWithRoom(client, 2);
  const batch = await db.batch.create({
    data: { teamId: team.id, environment: "sandbox", projectId: "p", projectVersionId: "v", name: "Live reviews", columns: ["text"], rowCount: 2, assignmentsPerRow: 2, estimatedCostCents: 0 },
  });
  for (const [i, hitId] of [assignments[0]!.hitId, openHitId].entries()) await db.batchHit.create({ data: { batchId: batch.id, rowIndex: i, part: 0, hitId } });

  // The reviewer's queue, their place in it: the second row focused, the first ticked.
  await login(page, team.users.reviewer);
  expect((await page.request.post("/api/sync", { data: {} })).ok()).toBe(true);
  await openQueue(page, 2);
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", assignments[0]!.assignmentId);
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", assignments[1]!.assignmentId);
  const ticked = page.locator(`[role=listbox] li[data-assignment-id="${assignments[0]!.assignmentId}"] [aria-label=selected]`);
  await expect(ticked).toBeVisible();

  // The batch page in a second tab; the overview in a viewer's browser.
  const batchPage = await page.context().newPage();
  await batchPage.goto(`/batches/${batch.id}`);
  await expect(batchPage.getByTestId("batch-work")).toContainText("2 of 4 assignments submitted");
  const overview = await signedInPage(browser, team.users.viewer);
  await expect(overview.getByTestId("needs-attention").getByRole("link", { name: "2 assignments waiting for review" })).toBeVisible();
  for (const p of [page, batchPage, overview]) await markDocument(p);
  // Streams as the server sends them: the viewer's, and another team's owner's.
  const viewerStream = await readStream(overview);
  const outsider = await signedInPage(browser, (await seedTeam()).users.owner);
  const outsiderStream = await readStream(outsider);

  // A worker takes the open HIT and submits.
  const submittedId = await workerSubmits(openHitId);
  const submittedAt = Date.now();

  await expect(page.getByTestId("queue-count")).toContainText("1–3 of 3 submitted", { timeout: LIVE_MS });
  await expect(page.locator(`[role=listbox] li[data-assignment-id="${submittedId}"]`)).toBeVisible();
  await expect(batchPage.getByTestId("batch-work")).toContainText("3 of 4 assignments submitted", { timeout: LIVE_MS });
  await expect(overview.getByTestId("needs-attention").getByRole("link", { name: "3 assignments waiting for review" })).toBeVisible({ timeout: LIVE_MS });
  test.info().annotations.push({ type: "live", description: `all three pages updated ${Date.now() - submittedAt} ms after the submit` });

  // Nothing reloaded, and the reviewer is where they were.
  for (const p of [page, batchPage, overview]) expect(await stillSameDocument(p)).toBe(true);
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", assignments[1]!.assignmentId);
  await expect(ticked).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("live-review-queue.png"), fullPage: true });
  await batchPage.screenshot({ path: test.info().outputPath("live-batch.png"), fullPage: true });

  // The team's viewer was told which HIT changed; the other team's owner was told nothing.
  expect(viewerStream.received()).toContain(`event: change\ndata: {"hitIds":["${openHitId}"]`);
  expect(outsiderStream.received()).toContain(": connected");
  expect(outsiderStream.received()).not.toContain("event: change");
  viewerStream.close();
  outsiderStream.close();
  client.destroy();
});

test("the stream is for signed-in team members only", async ({ baseURL }) => {
  expect((await fetch(new URL("/api/live", baseURL))).status).toBe(401);
});

test("a change refreshed by one instance reaches a browser on another, which still stops promptly with the stream open", async ({ browser, page, team, baseURL }) => {
  test.setTimeout(300_000);
  const databaseUrl = postgresServer();
  const { client } = await submittedBatch(team, baseURL!, [["positive"]]);
  const openHitId = await hitWithRoom(client, 3);

  // Instance A (the suite's server) alone: it refreshes this work, and so holds the live-refresh lead.
  await login(page, team.users.reviewer);
  await openQueue(page, 1);
  await workerSubmits(openHitId);
  await expect(page.getByTestId("queue-count")).toHaveText("1–2 of 2 submitted", { timeout: LIVE_MS });

  // Instance B: `npm start` on the same database and data folder (its secret), on a port of its own.
  const startedB = new Date();
  const b = await startFreshServer(3299, { DATABASE_URL: databaseUrl }, process.env.HITDESK_DATA_DIR);
  try {
    const onB = await signedInPage(browser, team.users.viewer, b.url);
    await openQueue(onB, 2);
    await markDocument(onB);
    await workerSubmits(openHitId);
    await expect(onB.getByTestId("queue-count")).toHaveText("1–3 of 3 submitted", { timeout: LIVE_MS });
    expect(await stillSameDocument(onB)).toBe(true);
    // The one lead was taken by A before B started: A refreshed, and B's browser was told.
    const leaders = await db.$queryRaw<{ backendStart: Date }[]>`
      SELECT s.backend_start AS "backendStart" FROM pg_stat_activity s JOIN pg_locks l ON l.pid = s.pid
      WHERE s.application_name = 'hitdesk leader live-refresh' AND l.locktype = 'advisory' AND l.granted`;
    expect(leaders).toHaveLength(1);
    expect(leaders[0]!.backendStart.getTime()).toBeLessThan(startedB.getTime());
  } finally {
    // B stops with the browser's stream still open: the stream ends, and npm start does not wait on it.
    const stopping = Date.now();
    await b.stop({ keepData: true });
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(b.output()).not.toContain("did not stop within");
  }
  client.destroy();
});
