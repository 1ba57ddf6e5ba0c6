import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateHITCommand, ListAssignmentsForHITCommand, MTurkClient, paginateListHITs, type Assignment } from "@aws-sdk/client-mturk";
import type { Page } from "@playwright/test";
import pg from "pg";
import { createFreshDatabase } from "@/lib/db/fresh-database";
import { expect, login, test } from "./support/fixtures";
import { newProjectFromTemplate } from "./support/projects";
import { shellExports, startFreshServer, type FreshServer } from "./support/server";
import { ANIMAL_QUESTION } from "./support/tasks";

/**
 * Two HITdesk instances (`npm start` twice) on one Postgres database, as behind a load
 * balancer: one sign-in serves both, simulated workers and sweeps run in one of them only,
 * two bulk approvals run at once, one in each, and an instance killed mid-batch hands the job
 * to the other. The marketplace's own records show nothing done twice.
 */

const ADMIN = { email: "instances-admin@example.com", password: "instances-admin-password-1" };
const HITS = 10;
const PER_HIT = 2;
const TOTAL = HITS * PER_HIT;
const BATCH_ROWS = 40;

function postgresServer(): string {
  const url = process.env.HITDESK_TEST_DATABASE_URL;
  // Several instances need a Postgres server; the embedded database serves one. No silent skip.
  if (!url) throw new Error("e2e/several-instances.spec.ts needs HITDESK_TEST_DATABASE_URL (a Postgres server URL such as postgresql://postgres@127.0.0.1:5432/postgres)");
  return url;
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, query_timeout: 15_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The sandbox keys (`cli keys` output): one database, so the same for every instance. */
async function sandboxKeys(server: FreshServer): Promise<Record<string, string>> {
  const keys = await server.cli("keys", "--env", "sandbox");
  expect(keys.code, keys.stderr).toBe(0);
  return shellExports(keys.stdout);
}

function sdkClient(vars: Record<string, string>, endpointOf: FreshServer): MTurkClient {
  return new MTurkClient({
    endpoint: new URL(new URL(vars.HITDESK_MTURK_ENDPOINT!).pathname, endpointOf.url).toString(),
    region: "us-east-1",
    credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! },
    maxAttempts: 20,
  });
}

async function assignmentsOf(client: MTurkClient, hitIds: string[]): Promise<Assignment[]> {
  const all: Assignment[] = [];
  for (const HITId of hitIds) {
    const out = await client.send(new ListAssignmentsForHITCommand({ HITId, MaxResults: 100, AssignmentStatuses: ["Submitted", "Approved", "Rejected"] }));
    all.push(...(out.Assignments ?? []));
  }
  return all;
}

/** The process group a process belongs to (field 5 of /proc/<pid>/stat). */
function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

async function decide(page: Page, server: FreshServer, assignmentIds: string[]): Promise<string> {
  const res = await page.request.post(`${server.url}/api/review/decisions`, { data: { action: "approve", assignmentIds } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { jobId: string; decisions: unknown[] };
  expect(body.decisions).toHaveLength(assignmentIds.length);
  return body.jobId;
}

test("two instances on one Postgres share the teams and the background work, and one takes over a job from the other", async ({ browser }) => {
  test.setTimeout(420_000);
  const started = Date.now();
  const phases: string[] = [];
  const phase = (name: string) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const database = await createFreshDatabase(postgresServer(), "hitdesk_instances");
  const env = {
    DATABASE_URL: database.url,
    HITDESK_SECRET: randomBytes(32).toString("hex"),
    HITDESK_ADMIN_EMAIL: ADMIN.email,
    HITDESK_ADMIN_PASSWORD: ADMIN.password,
    // Five calls a second: jobs take seconds, long enough to watch them spread and to kill one.
    HITDESK_MARKETPLACE_FAULTS_SANDBOX: JSON.stringify({ rateLimitPerSecond: 5, burst: 1 }),
  };
  // Started together: one migrates and creates the first owner, the other waits for it.
  // Ports of their own: every fresh install in the suite has one (embedded-database has 3296).
  const servers = await Promise.all([startFreshServer(3297, env), startFreshServer(3298, env)]);
  const [a, b] = servers;
  const sql = <T>(text: string, params: unknown[] = []) => query<T>(database.url, text, params);
  try {
    expect(await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 1 }]);

    phase("started");
    // One sign-in, both instances: sessions live in the database and both share HITDESK_SECRET.
    const context = await browser.newContext({ baseURL: a.url });
    const page = await context.newPage();
    await login(page, ADMIN);
    for (const server of servers) {
      await page.goto(`${server.url}/settings`);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expect(page.getByText("My team", { exact: true }).first()).toBeVisible();
    }

    phase("signed in");
    // HITs created through both instances' endpoints, worked by one simulated workforce.
    // Keys from A, used on both (a CLI run takes seconds on a busy machine).
    const keys = await sandboxKeys(a);
    const clients = [sdkClient(keys, a), sdkClient(keys, b)];
    const hitIds: string[] = [];
    // Switched on (a CLI run of seconds) while the HITs are created.
    const workforceOn = b.cli("workforce", "--env", "sandbox", "--workers", "30", "--pace", "300", "--seed", "11");
    for (let i = 0; i < HITS; i++) {
      const { HIT } = await clients[i % 2]!.send(
        new CreateHITCommand({
          Title: `Animal in photo #${i + 1}`,
          Description: "Say which animal the photo shows",
          Reward: "0.05",
          LifetimeInSeconds: 24 * 3600,
          AssignmentDurationInSeconds: 120,
          AutoApprovalDelayInSeconds: 7 * 86_400,
          MaxAssignments: PER_HIT,
          Question: ANIMAL_QUESTION,
        }),
      );
      hitIds.push(HIT!.HITId!);
    }
    expect((await workforceOn).code).toBe(0);
    // The requester's test clock runs fast, so the simulated work falls due in seconds.
    const fastForward = setInterval(() => void sql(`UPDATE mk_requester SET "clockOffsetMs" = "clockOffsetMs" + 30000`).catch(() => undefined), 1000);
    try {
      await expect.poll(async () => (await assignmentsOf(clients[0]!, hitIds)).filter((x) => x.AssignmentStatus === "Submitted").length, { timeout: 150_000, intervals: [2000] }).toBe(TOTAL);
    } finally {
      clearInterval(fastForward);
    }
    // Switched off while the records are checked (every assignment is taken: nothing is left to do).
    const workforceOff = a.cli("workforce", "--env", "sandbox", "--workers", "off");

    phase("worked");
    // One instance led the marketplace's background work; the other never did.
    const leaders = servers.filter((s) => s.output().includes("now runs the marketplace background work"));
    expect(leaders).toHaveLength(1);
    const leaderLocks = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = 'hitdesk leader marketplace-background' AND s.datname = current_database()`,
    );
    expect(leaderLocks).toEqual([{ n: 1 }]);
    // Each assignment was submitted once, by a worker who took that HIT once.
    const submissions = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM mk_event WHERE "eventType" = 'AssignmentSubmitted' AND "hitId" = ANY($1) GROUP BY "assignmentId"`, [hitIds]);
    expect(submissions).toHaveLength(TOTAL);
    expect(submissions.every((r) => r.n === 1)).toBe(true);
    const pairs = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM mk_assignment WHERE "hitId" = ANY($1) GROUP BY "hitId", "workerId" HAVING count(*) > 1`, [hitIds]);
    expect(pairs).toEqual([]);
    expect((await workforceOff).code).toBe(0);

    phase("checked");
    // The review queue (synced by whichever instance), then two bulk approvals at once, one
    // posted to each instance: each instance's runner takes one.
    await page.goto(`${a.url}/review`);
    await expect(page.getByTestId("queue-count")).toHaveText(`1–${TOTAL} of ${TOTAL} submitted`, { timeout: 60_000 });
    const submitted = (await assignmentsOf(clients[0]!, hitIds)).map((x) => x.AssignmentId!);
    const jobIds = [await decide(page, a, submitted.slice(0, TOTAL / 2)), await decide(page, b, submitted.slice(TOTAL / 2))];
    await expect
      .poll(async () => (await sql<{ n: number }>(`SELECT count(DISTINCT split_part("lockedBy", '-', 1))::int AS n FROM "Job" WHERE id = ANY($1) AND status = 'running'`, [jobIds]))[0]!.n, {
        timeout: 30_000,
        intervals: [100],
      })
      .toBe(2);
    await expect
      .poll(async () => (await sql<{ status: string }>(`SELECT status FROM "Job" WHERE id = ANY($1)`, [jobIds])).map((j) => j.status), { timeout: 90_000, intervals: [1000] })
      .toEqual(["succeeded", "succeeded"]);
    expect((await assignmentsOf(clients[1]!, hitIds)).every((x) => x.AssignmentStatus === "Approved")).toBe(true);
    // The marketplace's ledger: one reward per assignment; HITdesk's: one paid approval each.
    const rewards = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM mk_ledger_entry WHERE kind = 'reward' AND "refId" = ANY($1) GROUP BY "refId"`, [submitted]);
    expect(rewards).toHaveLength(TOTAL);
    expect(rewards.every((r) => r.n === 1)).toBe(true);
    const approvals = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM mk_event WHERE "eventType" = 'AssignmentApproved' AND "assignmentId" = ANY($1) GROUP BY "assignmentId"`, [submitted]);
    expect(approvals).toHaveLength(TOTAL);
    expect(approvals.every((r) => r.n === 1)).toBe(true);
    expect(await sql(`SELECT status, count(*)::int AS n FROM "PaymentLedgerEntry" WHERE kind = 'approval' GROUP BY status`)).toEqual([{ status: "paid", n: TOTAL }]);

    phase("approved");
    // A batch published through A; whichever instance runs it is killed (SIGKILL, the whole
    // install) part-way, and the other finishes it once the lease runs out.
    await page.goto(a.url);
    const projectId = await newProjectFromTemplate(page, "Sentiment");
    await page.goto(`${a.url}/projects/${projectId}/batches/new`);
    const csv = path.join(os.tmpdir(), `instances-${Date.now()}.csv`);
    writeFileSync(csv, `text\n${Array.from({ length: BATCH_ROWS }, (_, i) => `Review ${i + 1}`).join("\n")}\n`);
    await page.getByLabel("CSV file").setInputFiles(csv);
    await page.getByRole("button", { name: `Publish ${BATCH_ROWS} HITs` }).click();
    await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText(/· (waiting to start|running)$/);
    const batchId = page.url().split("/batches/")[1]!;
    const [job] = await sql<{ id: string }>(`SELECT "jobId" AS id FROM "Batch" WHERE id = $1`, [batchId]);
    await expect.poll(async () => (await sql<{ done: number }>(`SELECT done FROM "Job" WHERE id = $1`, [job!.id]))[0]!.done, { timeout: 60_000, intervals: [200] }).toBeGreaterThanOrEqual(5);
    const [held] = await sql<{ lockedBy: string; done: number; total: number }>(`SELECT "lockedBy", done, total FROM "Job" WHERE id = $1`, [job!.id]);
    expect(held!.done, "the batch finished before the kill: make the marketplace slower").toBeLessThan(held!.total);
    const holder = servers.find((s) => s.pgid === processGroupOf(Number(held!.lockedBy.split("-")[0])))!;
    expect(holder, `no instance runs pid ${held!.lockedBy}`).toBeDefined();
    const survivor = holder === a ? b : a;
    await holder.stop({ keepData: true, crash: true });

    phase("killed");
    // Most of this phase is inherent: on a shared Postgres no instance can tell a dead runner
    // from a slow one, so the survivor takes the job when the dead one's 30 s lease runs out.
    await page.goto(`${survivor.url}/batches/${batchId}`);
    await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText(`All ${BATCH_ROWS} HITs created`, { timeout: 120_000 });
    const annotations: string[] = [];
    const survivorClient = sdkClient(keys, survivor);
    for await (const p of paginateListHITs({ client: survivorClient, pageSize: 100 }, {})) annotations.push(...(p.HITs ?? []).map((h) => h.RequesterAnnotation ?? ""));
    const ours = annotations.filter((x) => x.startsWith(`hitdesk:batch=${batchId};`));
    expect(ours).toHaveLength(BATCH_ROWS);
    expect(new Set(ours).size).toBe(BATCH_ROWS);
    // The survivor leads the marketplace's background work now, whoever led before.
    await expect.poll(() => survivor.output().includes("now runs the marketplace background work"), { timeout: 30_000 }).toBe(true);
    phase("taken over");
    test.info().annotations.push({ type: "phases", description: phases.join(", ") });
    for (const c of [...clients, survivorClient]) c.destroy();
    await context.close();
  } catch (error) {
    for (const s of servers) console.error(`Output of the HITdesk at ${s.url}:\n${s.output().slice(-6000)}`);
    throw error;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
});
