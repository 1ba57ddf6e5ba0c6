import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  MTurkClient,
  type Assignment,
} from "@aws-sdk/client-mturk";
import type { Browser, Page } from "@playwright/test";
import pg from "pg";
import { runningEmbeddedDatabase } from "@/lib/db/embedded";
import { expect, login, test } from "./support/fixtures";
import { submittedBatch } from "./support/review-batch";
import { startFreshServer, type FreshServer } from "./support/server";

/**
 * Review under failure. A fresh install whose sandbox answers five calls a second: simulated
 * workers submit a batch, a bulk approval and a bonus CSV are each cut off by killing every
 * process of the install mid-job, and after a restart the marketplace (through the AWS SDK and
 * its own ledger) shows each assignment decided once and each bonus paid once. Then two
 * reviewers decide the same assignment at the same moment: one wins, the other is told.
 */

const ADMIN = { email: "review-admin@example.com", password: "review-admin-password-1" };
const HITS = 20;
const PER_HIT = 2;
const TOTAL = HITS * PER_HIT;
const REWARD_CENTS = 5;
const BONUS_CENTS = 10;

// A task simulated workers can answer (a gold answer and two choices).
const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><head><meta name="hitdesk:gold" content='{"animal": "cat"}'></head><body>
<form method="post" action="https://workersandbox.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId">
<p>Which animal is in the photo?</p>
<label><input type="radio" name="animal" value="cat"> Cat</label><label><input type="radio" name="animal" value="dog"> Dog</label>
<button>Submit</button></form></body></html>]]></HTMLContent><FrameHeight>300</FrameHeight></HTMLQuestion>`;

function sdkClient(server: FreshServer): MTurkClient {
  const keys = server.cli("keys", "--env", "sandbox");
  expect(keys.code, keys.stderr).toBe(0);
  const vars = Object.fromEntries(keys.stdout.trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return new MTurkClient({
    endpoint: vars.HITDESK_MTURK_ENDPOINT!,
    region: "us-east-1",
    credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! },
    // The install is rate-limited to five calls a second, and restarts under these calls.
    maxAttempts: 20,
  });
}

/** The install's own database (the embedded one its server serves), read-only by convention. */
async function query<T>(server: FreshServer, sql: string, params: unknown[] = []): Promise<T[]> {
  const url = runningEmbeddedDatabase(server.dataDir);
  if (!url) throw new Error("The install's database is not running");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, query_timeout: 15_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function assignmentsOf(client: MTurkClient, hitIds: string[]): Promise<Assignment[]> {
  const all: Assignment[] = [];
  for (const HITId of hitIds) {
    const out = await client.send(new ListAssignmentsForHITCommand({ HITId, MaxResults: 100, AssignmentStatuses: ["Submitted", "Approved", "Rejected"] }));
    all.push(...(out.Assignments ?? []));
  }
  return all;
}

async function signIn(browser: Browser, server: FreshServer): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await login(page, ADMIN);
  return page;
}

type JobRow = { id: string; status: string; total: number; done: number; failed: number; lastError: string | null; lockedUntil: Date | null };

async function jobOf(server: FreshServer, jobId: string): Promise<JobRow> {
  const [row] = await query<JobRow>(server, `SELECT id, status, total, done, failed, "lastError", "lockedUntil" FROM "Job" WHERE id = $1`, [jobId]);
  return row!;
}

/** Awaits `work`, failing with `explain()` after `ms` instead of hanging. */
async function within<T>(ms: number, work: Promise<T>, explain: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(explain())), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process of the install once the job is part-way, restarts on the same data, and waits for it to finish. */
async function crashMidJob(server: FreshServer, jobId: string, env: Record<string, string>, port: number): Promise<FreshServer> {
  await expect
    .poll(async () => (await jobOf(server, jobId)).done, { timeout: 60_000, intervals: [200] })
    .toBeGreaterThanOrEqual(5);
  const before = await jobOf(server, jobId);
  expect(before.done, "the job finished before the crash: make the marketplace slower").toBeLessThan(before.total);
  const killedAt = Date.now();
  await within(60_000, server.stop({ keepData: true, crash: true }), () => `Killing the install did not end it:\n${server.output().slice(-4000)}`);
  const again = await startFreshServer(port, env, server.dataDir);
  const restartedAt = Date.now();
  const atRestart = (await jobOf(again, jobId)).done;
  expect(atRestart, "the job finished before the crash: make the marketplace slower").toBeLessThan(before.total);
  // A crashed runner's lease lasts 30 s: the job resumes at the latest then.
  try {
    await expect
      .poll(async () => (await jobOf(again, jobId)).done, { timeout: 90_000, intervals: [500] })
      .toBeGreaterThan(atRestart);
    const resumedAt = Date.now();
    await expect
      .poll(async () => (await jobOf(again, jobId)).status, { timeout: 120_000, intervals: [1000] })
      .toBe("succeeded");
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    test.info().annotations.push({
      type: "crash",
      description: `job ${jobId} killed at ${atRestart} of ${before.total}; up again after ${s(restartedAt - killedAt)}, resumed ${s(resumedAt - restartedAt)} later, finished ${s(Date.now() - resumedAt)} after that`,
    });
  } catch (e) {
    const rows = await query(again, `SELECT status, count(*)::int AS n FROM "JobItem" WHERE "jobId" = $1 GROUP BY status`, [jobId]).catch(() => []);
    throw new Error(`${(e as Error).message}\njob: ${JSON.stringify(await jobOf(again, jobId).catch(() => null))}\nitems: ${JSON.stringify(rows)}\nserver output after the restart:\n${again.output().slice(-4000)}`);
  }
  return again;
}

test("a bulk approval and a bonus CSV survive the server being killed mid-way: each assignment decided once, each bonus paid once", async ({ browser }) => {
  test.setTimeout(900_000);
  const port = 3330;
  // Five calls a second: 40 approvals or bonuses take about ten seconds, long enough to kill mid-way.
  const env = { HITDESK_ADMIN_EMAIL: ADMIN.email, HITDESK_ADMIN_PASSWORD: ADMIN.password, HITDESK_MARKETPLACE_FAULTS_SANDBOX: JSON.stringify({ rateLimitPerSecond: 5, burst: 1 }) };
  let server = await startFreshServer(port, env);
  try {
    const client = sdkClient(server);
    const balanceBefore = Number((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance);

    // Simulated workers submit a batch.
    const hitIds: string[] = [];
    for (let i = 0; i < HITS; i++) {
      const { HIT } = await client.send(
        new CreateHITCommand({
          Title: `Animal in photo #${i + 1}`,
          Description: "Say which animal the photo shows",
          Reward: `0.0${REWARD_CENTS}`,
          LifetimeInSeconds: 3600,
          AssignmentDurationInSeconds: 60,
          AutoApprovalDelayInSeconds: 7 * 86_400,
          MaxAssignments: PER_HIT,
          Question: QUESTION,
        }),
      );
      hitIds.push(HIT!.HITId!);
    }
    const workforce = server.cli("workforce", "--env", "sandbox", "--workers", "60", "--pace", "300", "--seed", "7");
    expect(workforce.code, workforce.stderr).toBe(0);
    await expect
      .poll(async () => (await assignmentsOf(client, hitIds)).filter((a) => a.AssignmentStatus === "Submitted").length, { timeout: 240_000, intervals: [3000] })
      .toBe(TOTAL);
    expect(server.cli("workforce", "--env", "sandbox", "--workers", "off").code).toBe(0);
    const submitted = await assignmentsOf(client, hitIds);

    // The queue shows them; approve all matching, as one durable job.
    let page = await signIn(browser, server);
    await page.goto("/review");
    await expect(page.getByTestId("queue-count")).toHaveText(`1–${TOTAL} of ${TOTAL} submitted`, { timeout: 60_000 });
    await page.getByText("Bulk and CSV").click();
    const decided = page.waitForResponse((r) => r.url().endsWith("/api/review/decisions") && r.request().method() === "POST");
    await page.getByRole("button", { name: `Approve all ${TOTAL} matching` }).click();
    const approval = (await (await decided).json()) as { jobId: string; decisions: unknown[] };
    expect(approval.decisions).toHaveLength(TOTAL);
    await page.context().close();

    server = await crashMidJob(server, approval.jobId, env, port);
    expect(await jobOf(server, approval.jobId)).toMatchObject({ done: TOTAL, failed: 0 });
    const afterApproval = await assignmentsOf(client, hitIds);
    expect(afterApproval).toHaveLength(TOTAL);
    expect(afterApproval.every((a) => a.AssignmentStatus === "Approved")).toBe(true);
    for (const a of submitted.slice(0, 3)) expect((await client.send(new GetAssignmentCommand({ AssignmentId: a.AssignmentId! }))).Assignment!.AssignmentStatus).toBe("Approved");
    // The marketplace's ledger: one reward (and one fee) per assignment, whatever was retried.
    const rewards = await query<{ refId: string; n: number }>(server, `SELECT "refId", count(*)::int AS n FROM mk_ledger_entry WHERE kind = 'reward' AND "refId" = ANY($1) GROUP BY "refId"`, [submitted.map((a) => a.AssignmentId!)]);
    expect(rewards).toHaveLength(TOTAL);
    expect(rewards.every((r) => r.n === 1)).toBe(true);
    const approvals = await query<{ status: string; n: number }>(server, `SELECT status, count(*)::int AS n FROM "PaymentLedgerEntry" WHERE kind = 'approval' GROUP BY status`);
    expect(approvals).toEqual([{ status: "paid", n: TOTAL }]);
    const decisions = await query<{ n: number }>(server, `SELECT count(*)::int AS n FROM "ReviewDecision" WHERE status = 'sent'`);
    expect(decisions[0]!.n).toBe(TOTAL);

    // A bonus CSV for every assignment, cut off the same way.
    const csv = path.join(os.tmpdir(), `bonuses-${Date.now()}.csv`);
    writeFileSync(csv, `WorkerId,AssignmentId,Amount,Reason\n${submitted.map((a) => `${a.WorkerId},${a.AssignmentId},0.${BONUS_CENTS},"Thanks, ${a.WorkerId}"`).join("\n")}\n`);
    page = await signIn(browser, server);
    await page.goto("/review");
    await page.getByText("Bulk and CSV").click();
    await page.getByLabel("Bonus CSV").setInputFiles(csv);
    await expect(page.getByTestId("bonus-csv-summary")).toContainText(`${TOTAL} bonuses: $4.00`);
    const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/review/bonus-csv") && r.request().method() === "POST" && r.request().postDataJSON().preview !== true);
    await page.getByRole("button", { name: /^Apply bonuses-/ }).click();
    const bonus = (await (await uploaded).json()) as { jobId: string; queued: number };
    expect(bonus.queued).toBe(TOTAL);
    await page.context().close();

    server = await crashMidJob(server, bonus.jobId, env, port);
    expect(await jobOf(server, bonus.jobId)).toMatchObject({ done: TOTAL, failed: 0 });
    for (const a of submitted) {
      const { BonusPayments } = await client.send(new ListBonusPaymentsCommand({ AssignmentId: a.AssignmentId!, MaxResults: 100 }));
      expect(BonusPayments, `bonuses of ${a.AssignmentId}`).toHaveLength(1);
      expect(BonusPayments![0]).toMatchObject({ WorkerId: a.WorkerId, BonusAmount: `0.${BONUS_CENTS}` });
    }
    const paid = await query<{ kind: string; n: number; cents: number }>(
      server,
      `SELECT kind, count(*)::int AS n, sum("amountCents")::int AS cents FROM mk_ledger_entry WHERE kind IN ('bonus', 'bonus_fee', 'reward', 'reward_fee') GROUP BY kind ORDER BY kind`,
    );
    expect(paid.find((r) => r.kind === "bonus")).toEqual({ kind: "bonus", n: TOTAL, cents: -TOTAL * BONUS_CENTS });
    expect(paid.find((r) => r.kind === "reward")).toEqual({ kind: "reward", n: TOTAL, cents: -TOTAL * REWARD_CENTS });
    const spentCents = -paid.reduce((sum, r) => sum + r.cents, 0);
    const balanceAfter = Number((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance);
    expect(Math.round((balanceBefore - balanceAfter) * 100)).toBe(spentCents);

    // The same file again pays nothing.
    page = await signIn(browser, server);
    await page.goto("/review");
    await page.getByText("Bulk and CSV").click();
    await page.getByLabel("Bonus CSV").setInputFiles(csv);
    await page.getByRole("button", { name: /^Apply bonuses-/ }).click();
    await expect(page.getByTestId("bonus-csv-summary")).toHaveText(`0 bonuses queued; ${TOTAL} were already paid or queued, and are not paid again.`);
    await page.context().close();
    client.destroy();
  } finally {
    await server.stop();
  }
});

test("two reviewers decide the same assignment at once: one wins, the other is told who did", async ({ browser, team, baseURL }) => {
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive"]]);
  const [only] = assignments;
  const reviewers = [team.users.reviewer, team.users.admin];
  const pages = await Promise.all(
    reviewers.map(async (user) => {
      const page = await (await browser.newContext()).newPage();
      await login(page, user);
      await page.goto(`/review?hitId=${only!.hitId}`);
      await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
      await expect(page.locator("[role=listbox] li[aria-selected=true]")).toHaveAttribute("data-assignment-id", only!.assignmentId);
      return page;
    }),
  );
  const [ana, ben] = pages as [Page, Page];
  // Ana approves while Ben rejects: both requests leave together.
  await ben.keyboard.press("r");
  await ben.getByLabel("Feedback to the worker").fill("The answer does not match the review.");
  await Promise.all([ana.keyboard.press("a"), ben.getByLabel("Feedback to the worker").press("Enter")]);

  const won = (p: Page) => p.getByText(/^(Approving 1 assignment\.|Rejected 1\. Press u to undo\.)$/);
  const conflict = (p: Page) => p.getByRole("alert").filter({ hasText: new RegExp(`Assignment ${only!.assignmentId} was (just (approved|rejected) by \\S+@example\\.com|already (approved|rejected))`) });
  await expect(won(ana).or(conflict(ana))).toBeVisible();
  await expect(won(ben).or(conflict(ben))).toBeVisible();
  const anaWon = await won(ana).isVisible();
  const [winner, loser] = anaWon ? [ana, ben] : [ben, ana];
  await expect(won(winner)).toBeVisible();
  await expect(conflict(loser)).toBeVisible();
  await expect(won(loser)).toHaveCount(0);
  await loser.screenshot({ path: test.info().outputPath("review-conflict.png") });

  const expected = anaWon ? "Approved" : "Rejected";
  await expect
    .poll(async () => (await client.send(new GetAssignmentCommand({ AssignmentId: only!.assignmentId }))).Assignment!.AssignmentStatus, { timeout: 30_000 })
    .toBe(expected);
  for (const p of pages) await p.context().close();
  client.destroy();
});
