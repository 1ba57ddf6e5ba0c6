import { statSync } from "node:fs";
import path from "node:path";
import { CreateHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { runningEmbeddedDatabase } from "@/lib/db/embedded";
import { PASSWORD_FILE } from "@/lib/db/embedded-auth";
import { expect, test } from "./support/fixtures";
import { shellExports, startFreshServer, type FreshServer } from "./support/server";

/**
 * A fresh install on its embedded database, used the way that froze it: results exports
 * (each syncing its HITs from the built-in marketplace, then streaming) at the same time as
 * sign-ins, pages and health checks, one export abandoned mid-body, twice over. Then the health
 * check, with the database held by an idle transaction, and the database port's password.
 */

test.describe.configure({ mode: "serial" });

const ADMIN = { email: "embedded-admin@example.com", password: "embedded-admin-password-1" };
const HITS = 12;
const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name="answer"></form></body></html>]]></HTMLContent><FrameHeight>300</FrameHeight></HTMLQuestion>`;
const EXPORT = "/api/hits/results?environment=sandbox";

let server: FreshServer;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  server = await startFreshServer(3296, { HITDESK_ADMIN_EMAIL: ADMIN.email, HITDESK_ADMIN_PASSWORD: ADMIN.password });
});

test.afterAll(async () => {
  await server?.stop();
});

/** A signed-in script client, as a browser session would be. */
async function signedIn(playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } }): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({ baseURL: server.url });
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { ...ADMIN, csrfToken, callbackUrl: `${server.url}/` }, maxRedirects: 0 });
  expect(new URL(res.headers().location ?? "", server.url).pathname).toBe("/");
  return request;
}

const cookieHeader = async (request: APIRequestContext) => (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

/** Starts an export, reads its first bytes, and walks away: the way a cancelled download ends. */
async function abandonedExport(request: APIRequestContext): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}${EXPORT}`, { headers: { cookie: await cookieHeader(request) }, signal: abort.signal });
  await res.body!.getReader().read();
  abort.abort();
  return res.status;
}

async function fullExport(request: APIRequestContext): Promise<string[]> {
  const res = await request.get(EXPORT, { timeout: 120_000 });
  expect(res.status()).toBe(200);
  return (await res.text()).trim().split("\r\n");
}

test("concurrent results exports, sign-ins, pages and health checks all answer, again and again", async ({ playwright }) => {
  test.setTimeout(600_000);
  const keys = shellExports((await server.cli("keys", "--env", "sandbox")).stdout);
  const sdk = new MTurkClient({
    endpoint: keys.HITDESK_MTURK_ENDPOINT!,
    region: "us-east-1",
    credentials: { accessKeyId: keys.AWS_ACCESS_KEY_ID!, secretAccessKey: keys.AWS_SECRET_ACCESS_KEY! },
    maxAttempts: 10,
  });
  for (let i = 0; i < HITS; i++) {
    await sdk.send(
      new CreateHITCommand({ Title: `Embedded ${i}`, Description: "A task", Reward: "0.05", MaxAssignments: 2, LifetimeInSeconds: 86_400, AssignmentDurationInSeconds: 600, Question: QUESTION }),
    );
  }
  sdk.destroy();

  const admin = await signedIn(playwright);
  expect((await admin.post("/api/sync", { data: {}, headers: { origin: server.url } })).ok()).toBe(true);
  await expect.poll(async () => (await fullExport(admin)).length, { timeout: 120_000, intervals: [2000] }).toBe(HITS + 1);

  for (const round of [1, 2]) {
    const results = await Promise.all([
      fullExport(admin),
      fullExport(admin),
      fullExport(admin),
      abandonedExport(admin),
      abandonedExport(admin),
      signedIn(playwright).then(() => "signed in"),
      signedIn(playwright).then(() => "signed in"),
      admin.get("/login").then((r) => r.status()),
      admin.get("/hits").then((r) => r.status()),
      admin.get("/api/health").then((r) => r.status()),
    ]);
    const [a, b, c, ...rest] = results as [string[], string[], string[], ...unknown[]];
    for (const lines of [a, b, c]) {
      expect(lines, `round ${round}`).toHaveLength(HITS + 1);
      expect(lines[0]).toMatch(/^"HITId","HITTypeId"/);
    }
    expect(rest, `round ${round}`).toEqual([200, 200, "signed in", "signed in", 200, 200, 200]);
  }
  // Afterwards the database still answers everyone.
  const health = await admin.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, database: { ok: true } });
  expect((await signedIn(playwright).then(fullExport)).length).toBe(HITS + 1);
});

test("the health check answers 503 while the database is held, and 200 once it is free", async ({ playwright }) => {
  test.setTimeout(120_000);
  const request = await playwright.request.newContext({ baseURL: server.url });
  // A connection idle inside a transaction holds the embedded database (one session for all).
  const holder = new pg.Client({ connectionString: runningEmbeddedDatabase(server.dataDir)! });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`SELECT count(*) FROM "User"`);
  try {
    const started = Date.now();
    const res = await request.get("/api/health");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status()).toBe(503);
    expect(await res.json()).toEqual({ ok: false, database: { ok: false, error: "The database did not answer select 1 within 2 s." } });
  } finally {
    await holder.query("COMMIT");
    await holder.end();
  }
  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 30_000 }).toBe(200);
});

test("the database port refuses a wrong password; the data folder and the password file are the owner's alone", async () => {
  const url = new URL(runningEmbeddedDatabase(server.dataDir)!);
  url.password = "postgres";
  const stranger = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  stranger.on("error", () => {});
  await expect(stranger.connect()).rejects.toThrow(/password authentication failed/);
  await stranger.end().catch(() => {});
  expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(server.dataDir, PASSWORD_FILE)).mode & 0o777).toBe(0o600);
});
