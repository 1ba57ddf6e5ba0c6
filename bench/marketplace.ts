/**
 * `npm run bench:marketplace`: the built-in marketplace's throughput and latency with 10,000
 * HITs stored — GetHIT, ListHITs (MaxResults 100) and CreateHIT from 10 and then 50 concurrent
 * SDK clients over HTTP — as ratios to a bare server measured in the same run: node:http + pg,
 * SigV4 checked with @smithy/signature-v4, one indexed read (bench/marketplace-baseline.ts).
 * Both servers run in child processes (HITdesk's on serveMarketplace, bench/marketplace-server.ts),
 * the SDK clients in this one. Postgres: DATABASE_URL if set (a fresh database is created on
 * that server), else the embedded database. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { CreateHITCommand, GetHITCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";

const HITS = 10_000;
const CONCURRENCY = [10, 50];
const SECONDS_PER_RUN = 6;
const WARMUP_SECONDS = 1;

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { databaseUrl } = await import("@/lib/db/url");
const { entityId } = await import("@/lib/marketplace/ids");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { htmlQuestionXml } = await import("@/lib/mturk-formats/placeholders");

const keys = await provisionRequester(`bench-${randomBytes(4).toString("hex")}`, "sandbox", "Benchmark");
const question = htmlQuestionXml("<p>Benchmark task</p><input name='answer'>", 400);
const type = await db.mkHitType.create({
  data: { id: entityId(), requesterId: keys.requesterId, title: "Bench", description: "Benchmark HIT", rewardCents: 5, assignmentDurationSec: 300, autoApprovalDelaySec: 86400, fingerprint: "bench" },
});
console.log(`Seeding ${HITS} HITs...`);
const ids: string[] = [];
const now = new Date();
for (let start = 0; start < HITS; start += 1000) {
  const rows = Array.from({ length: Math.min(1000, HITS - start) }, () => {
    const id = entityId();
    ids.push(id);
    return {
      id,
      requesterId: keys.requesterId,
      hitTypeId: type.id,
      hitGroupId: type.id,
      question,
      questionKind: "HTMLQuestion",
      maxAssignments: 3,
      underTenAtCreation: true,
      assignmentsAvailable: 3,
      expiresAt: new Date(now.getTime() + 86400_000),
      createdAt: now,
      title: "Bench",
      description: "Benchmark HIT",
      rewardCents: 5,
      assignmentDurationSec: 300,
      autoApprovalDelaySec: 86400,
    };
  });
  await db.mkHit.createMany({ data: rows });
}
await db.$disconnect();

/** A server in a child process, on this run's database; resolves once it listens. */
async function startChild(file: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL(file, import.meta.url), {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    env: { ...process.env, DATABASE_URL: databaseUrl(), ...extraEnv },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}) before listening`)));
  });
  return { child, port };
}

const baseline = await startChild("./marketplace-baseline.ts", {
  BASELINE_ACCESS_KEY_ID: keys.accessKeyId,
  BASELINE_SECRET_ACCESS_KEY: keys.secretAccessKey,
  BASELINE_REQUESTER_ID: keys.requesterId,
});
const hitdesk = await startChild("./marketplace-server.ts");
const clientsFor = (port: number, n: number) =>
  Array.from(
    { length: n },
    () =>
      new MTurkClient({
        endpoint: `http://127.0.0.1:${port}/api/mturk/sandbox`,
        region: "us-east-1",
        credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
        maxAttempts: 1,
      }),
  );

const tokens: string[] = [];
{
  const [client] = clientsFor(hitdesk.port, 1);
  let next: string | undefined;
  do {
    const page = await client!.send(new ListHITsCommand({ MaxResults: 100, NextToken: next }));
    next = page.NextToken;
    if (next) tokens.push(next);
  } while (next && tokens.length < 99);
  client!.destroy();
}
const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)]!;

const serverP50 = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    child.once("message", (m) => resolve((m as { server_p50_ms: number }).server_p50_ms));
    child.send("times");
  });

interface Run {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  server_p50_ms?: number;
}

/** Every client calls in a loop for the run's time (after a warm-up that is not counted). */
async function measure(name: string, clients: MTurkClient[], call: (client: MTurkClient) => Promise<unknown>, server?: ChildProcess): Promise<Run> {
  const loop = async (seconds: number, latencies?: number[]) => {
    let errors = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < until) {
          const t = performance.now();
          try {
            await call(client);
            latencies?.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }),
    );
    return errors;
  };
  await loop(WARMUP_SECONDS);
  if (server) await serverP50(server);
  const latencies: number[] = [];
  const started = Date.now();
  const errors = await loop(SECONDS_PER_RUN, latencies);
  const elapsed = (Date.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  const run: Run = { rps: Math.round(latencies.length / elapsed), p50_ms: q(0.5), p99_ms: q(0.99), errors, ...(server ? { server_p50_ms: await serverP50(server) } : {}) };
  console.log(
    `${name.padEnd(14)} ${String(run.rps).padStart(6)} req/s   p50 ${run.p50_ms} ms   p99 ${run.p99_ms} ms${run.server_p50_ms !== undefined ? `   server p50 ${run.server_p50_ms} ms` : ""}   errors ${errors}`,
  );
  return run;
}

const ratio = (a: Run, b: Run) => Math.round((a.rps / b.rps) * 100) / 100;
const result: Record<string, unknown> = {
  bench: "marketplace",
  hits_stored: HITS,
  database: benchDb.kind,
  seconds_per_run: SECONDS_PER_RUN,
  loadavg_start: loadavg().map((l) => Math.round(l * 100) / 100),
};
let created = 0;
for (const n of CONCURRENCY) {
  console.log(`\n${n} concurrent SDK clients, ${SECONDS_PER_RUN} s per run, ${HITS} HITs stored, database: ${benchDb.kind}, load average ${loadavg()[0]!.toFixed(2)}`);
  const bare = clientsFor(baseline.port, n);
  const ours = clientsFor(hitdesk.port, n);
  const getHit = (c: MTurkClient) => c.send(new GetHITCommand({ HITId: pick(ids) }));
  const listHits = (c: MTurkClient) => c.send(new ListHITsCommand({ MaxResults: 100, NextToken: pick(tokens) }));
  const bareGet = await measure("bare GetHIT", bare, getHit);
  const get = await measure("GetHIT", ours, getHit, hitdesk.child);
  const bareList = await measure("bare ListHITs", bare, listHits);
  const list = await measure("ListHITs", ours, listHits, hitdesk.child);
  const create = await measure(
    "CreateHIT",
    ours,
    (c) =>
      c.send(
        new CreateHITCommand({
          Title: "Bench create",
          Description: "Created by the benchmark",
          Reward: "0.05",
          LifetimeInSeconds: 3600,
          AssignmentDurationInSeconds: 300,
          Question: question,
          UniqueRequestToken: `bench-${created++}`,
        }),
      ),
    hitdesk.child,
  );
  for (const c of [...bare, ...ours]) c.destroy();
  // CreateHIT writes; the bare server only reads: its GetHIT is the bar for CreateHIT too.
  const ratios = { getHIT_ratio: ratio(get, bareGet), listHITs_ratio: ratio(list, bareList), createHIT_ratio: ratio(create, bareGet) };
  console.log(`ratios to bare: GetHIT ${ratios.getHIT_ratio}   ListHITs ${ratios.listHITs_ratio}   CreateHIT ${ratios.createHIT_ratio}`);
  result[`c${n}`] = { ...ratios, bare_get_hit: bareGet, get_hit: get, bare_list_hits: bareList, list_hits: list, create_hit: create };
}
result.loadavg_end = loadavg().map((l) => Math.round(l * 100) / 100);

baseline.child.disconnect();
hitdesk.child.disconnect();
await Promise.all([baseline.child, hitdesk.child].map((c) => new Promise((resolve) => (c.exitCode === null ? c.once("exit", resolve) : resolve(null)))));
await benchDb.close();
console.log(JSON.stringify(result));
