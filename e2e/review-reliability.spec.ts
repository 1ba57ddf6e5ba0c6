import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateHITCommand, GetAccountBalanceCommand, GetAssignmentCommand, ListAssignmentsForHITCommand, ListBonusPaymentsCommand, MTurkClient, type Assignment } from "@aws-sdk/client-mturk";
import type { Browser, Page } from "@playwright/test";
import pg from "pg";
import { runningEmbeddedDatabase } from "@/lib/db/embedded";
import { signedPost } from "@/test/marketplace/signed-post";
import { expect, login, test } from "./support/fixtures";
import { shellExports, startFreshServer, type FreshServer } from "./support/server";
import { ANIMAL_QUESTION } from "./support/tasks";

/**
 * Review under failure. A fresh install whose sandbox answers five calls a second: simulated
 * workers submit a batch, a bulk approval and a bonus CSV are each cut off by killing every
 * process of the install mid-job, and after a restart the marketplace (through the AWS SDK and
 * its own ledger) shows each assignment decided once and each bonus paid once.
 */

const ADMIN = { email: "review-admin@example.com", password: "review-admin-password-1" };
const HITS = 20;
const PER_HIT = 2;
const TOTAL = HITS * PER_HIT;
const REWARD_CENTS = 5;
const BONUS_CENTS = 10;

interface SandboxKeys {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

async function sandboxKeys(server: FreshServer): Promise<SandboxKeys> {
  const keys = await server.cli("keys", "--env", "sandbox");
  expect(keys.code, keys.stderr).toBe(0);
  const vars = shellExports(keys.stdout);
  return { endpoint: vars.HITDESK_MTURK_ENDPOINT!, accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! };
}

function sdkClient({ endpoint, ...credentials }: SandboxKeys): MTurkClient {
  // The install is rate-limited to five calls a second, and restarts under these calls.
  return new MTurkClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 20 });
}

/**
 * Moves the sandbox's clock on (HITDesk.AdvanceClock, test mode only): simulated workers finish
 * tasks at times drawn on the requester's clock, so their work falls due without waiting for it.
 */
async function advanceSandboxClock(keys: SandboxKeys, seconds: number): Promise<void> {
  const res = await signedPost({
    url: keys.endpoint,
    target: "HITDesk.AdvanceClock",
    body: JSON.stringify({ Seconds: seconds }),
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
  });
  const body = await res.text();
  // Five calls a second: a throttled advance is simply the next poll's.
  if (!res.ok && !body.includes("ThrottlingException")) throw new Error(`AdvanceClock failed: ${res.status} ${body}`);
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
  await expect.poll(async () => (await jobOf(server, jobId)).done, { timeout: 60_000, intervals: [200] }).toBeGreaterThanOrEqual(5);
  const before = await jobOf(server, jobId);
  expect(before.done, "the job finished before the crash: make the marketplace slower").toBeLessThan(before.total);
  const killedAt = Date.now();
  await within(60_000, server.stop({ keepData: true, crash: true }), () => `Killing the install did not end it:\n${server.output().slice(-4000)}`);
  const again = await startFreshServer(port, env, server.dataDir);
  const restartedAt = Date.now();
  const atRestart = (await jobOf(again, jobId)).done;
  expect(atRestart, "the job finished before the crash: make the marketplace slower").toBeLessThan(before.total);
  // The embedded database served only the killed server: its lease is released at start-up and
  // the job resumes at once (not when the 30 s lease would have run out).
  expect(again.output()).toContain("Resuming 1 job(s) interrupted when HITdesk last stopped.");
  try {
    await expect.poll(async () => (await jobOf(again, jobId)).done, { timeout: 20_000, intervals: [500] }).toBeGreaterThan(atRestart);
    const resumedAt = Date.now();
    await expect.poll(async () => (await jobOf(again, jobId)).status, { timeout: 120_000, intervals: [1000] }).toBe("succeeded");
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    test.info().annotations.push({
      type: "crash",
      description: `job ${jobId} killed at ${atRestart} of ${before.total}; up again after ${s(restartedAt - killedAt)}, resumed ${s(resumedAt - restartedAt)} later, finished ${s(Date.now() - resumedAt)} after that`,
    });
  } catch (e) {
    const rows = await query(again, `SELECT status, count(*)::int AS n FROM "JobItem" WHERE "jobId" = $1 GROUP BY status`, [jobId]).catch(() => []);
    const job = await jobOf(again, jobId).catch(() => null);
    // The caller's cleanup stops the killed server, not this one: a left-over would hold the port.
    await again.stop();
    throw new Error(`${(e as Error).message}\njob: ${JSON.stringify(job)}\nitems: ${JSON.stringify(rows)}\nserver output after the restart:\n${again.output().slice(-4000)}`);
  }
  return again;
}

test("a bulk approval and a bonus CSV survive the server being killed mid-way: each assignment decided once, each bonus paid once", async ({ browser }) => {
  test.setTimeout(900_000);
  const port = 3330;
  // Five calls a second: 40 approvals or bonuses take about ten seconds, long enough to kill mid-way.
  const env = { HITDESK_ADMIN_EMAIL: ADMIN.email, HITDESK_ADMIN_PASSWORD: ADMIN.password, HITDESK_MARKETPLACE_FAULTS_SANDBOX: JSON.stringify({ rateLimitPerSecond: 5, burst: 1 }) };
  const started = Date.now();
  const phases: string[] = [];
  const phase = (name: string) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
  let server = await startFreshServer(port, env);
  try {
    phase("started");
    const keys = await sandboxKeys(server);
    const client = sdkClient(keys);
    const balanceBefore = Number((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance);

    // Simulated workers submit a batch (switched on, a CLI run of seconds, while it is created).
    const workforceOn = server.cli("workforce", "--env", "sandbox", "--workers", "60", "--pace", "300", "--seed", "7");
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
          Question: ANIMAL_QUESTION,
        }),
      );
      hitIds.push(HIT!.HITId!);
    }
    const workforce = await workforceOn;
    expect(workforce.code, workforce.stderr).toBe(0);
    phase("HITs created");
    // Ten simulated seconds a second: a task falls due within 51 s of being accepted (85% of the
    // 60 s allotted), a few polls after it is taken and before its deadline. The install's own
    // table is polled (twenty SDK calls take four seconds at five a second); the SDK then confirms.
    await expect
      .poll(
        async () => {
          await advanceSandboxClock(keys, 10);
          return (await query<{ n: number }>(server, `SELECT count(*)::int AS n FROM mk_assignment WHERE "hitId" = ANY($1) AND status = 'Submitted'`, [hitIds]))[0]!.n;
        },
        { timeout: 240_000, intervals: [1000] },
      )
      .toBe(TOTAL);
    phase("submitted");
    // Switched off while the SDK confirms (every assignment is taken: nothing is left to do).
    const workforceOff = server.cli("workforce", "--env", "sandbox", "--workers", "off");
    const submitted = await assignmentsOf(client, hitIds);
    expect(submitted.filter((a) => a.AssignmentStatus === "Submitted")).toHaveLength(TOTAL);
    expect((await workforceOff).code).toBe(0);

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
    phase("approval queued");

    server = await crashMidJob(server, approval.jobId, env, port);
    phase("approval done after a crash");
    expect(await jobOf(server, approval.jobId)).toMatchObject({ done: TOTAL, failed: 0 });
    const afterApproval = await assignmentsOf(client, hitIds);
    expect(afterApproval).toHaveLength(TOTAL);
    expect(afterApproval.every((a) => a.AssignmentStatus === "Approved")).toBe(true);
    for (const a of submitted.slice(0, 3)) expect((await client.send(new GetAssignmentCommand({ AssignmentId: a.AssignmentId! }))).Assignment!.AssignmentStatus).toBe("Approved");
    // The marketplace's ledger: one reward (and one fee) per assignment, whatever was retried.
    const rewards = await query<{ refId: string; n: number }>(server, `SELECT "refId", count(*)::int AS n FROM mk_ledger_entry WHERE kind = 'reward' AND "refId" = ANY($1) GROUP BY "refId"`, [
      submitted.map((a) => a.AssignmentId!),
    ]);
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
    phase("bonuses queued");

    server = await crashMidJob(server, bonus.jobId, env, port);
    phase("bonuses done after a crash");
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
    // MTurk's sandbox reports $10,000.00 whatever is spent; the overview shows the spend from the ledger.
    expect(balanceBefore).toBe(10000);
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    page = await signIn(browser, server);
    await page.goto("/");
    const spent = (spentCents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
    await expect(page.getByTestId("sandbox-spend")).toHaveText(`Sandbox: $10,000.00 test balance · $${spent} spent`);
    await page.context().close();

    // The same file again pays nothing.
    page = await signIn(browser, server);
    await page.goto("/review");
    await page.getByText("Bulk and CSV").click();
    await page.getByLabel("Bonus CSV").setInputFiles(csv);
    await page.getByRole("button", { name: /^Apply bonuses-/ }).click();
    await expect(page.getByTestId("bonus-csv-summary")).toHaveText(`0 bonuses queued; ${TOTAL} were already paid or queued, and are not paid again.`);
    await page.context().close();
    phase("checked");
    test.info().annotations.push({ type: "phases", description: phases.join(", ") });
    client.destroy();
  } finally {
    await server.stop();
  }
});
