/**
 * `npm run bench:marketplace`: the built-in marketplace's throughput and latency with 10,000
 * HITs stored — GetHIT, ListHITs (MaxResults 100) and CreateHIT from 10 concurrent SDK
 * clients over HTTP. Postgres: DATABASE_URL if set (a fresh database is created on that
 * server), else the embedded database in memory. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";
import { CreateHITCommand, GetHITCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";

const HITS = 10_000;
const CLIENTS = 10;
const SECONDS_PER_OP = 8;

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { entityId } = await import("@/lib/marketplace/ids");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { htmlQuestionXml } = await import("@/lib/batches/placeholders");

/** Time from request to response inside the marketplace, without the SDK clients' own work. */
let serverTimes: number[] = [];
const { server, port } = await serveMarketplace({ onHandled: (ms) => serverTimes.push(ms) });
const endpoint = `http://127.0.0.1:${port}/api/mturk/sandbox`;

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

const clients = Array.from({ length: CLIENTS }, () => new MTurkClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, maxAttempts: 1 }));
let tokens: string[] = [];
{
  let next: string | undefined;
  do {
    const page = await clients[0]!.send(new ListHITsCommand({ MaxResults: 100, NextToken: next }));
    next = page.NextToken;
    if (next) tokens.push(next);
  } while (next && tokens.length < 99);
}
const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)]!;

async function measure(name: string, call: (client: MTurkClient) => Promise<unknown>) {
  const latencies: number[] = [];
  serverTimes = [];
  let errors = 0;
  const until = Date.now() + SECONDS_PER_OP * 1000;
  const started = Date.now();
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < until) {
        const t = performance.now();
        try {
          await call(client);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const q = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  };
  const result = { rps: Math.round(latencies.length / elapsed), p50_ms: q(latencies, 0.5), p99_ms: q(latencies, 0.99), server_p50_ms: q(serverTimes, 0.5), errors };
  console.log(
    `${name.padEnd(10)} ${String(result.rps).padStart(6)} req/s   p50 ${result.p50_ms} ms   p99 ${result.p99_ms} ms   server p50 ${result.server_p50_ms} ms   errors ${errors}`,
  );
  return result;
}

console.log(`${CLIENTS} concurrent clients, ${SECONDS_PER_OP} s per operation, ${HITS} HITs stored, database: ${benchDb.kind === "postgres" ? "Postgres server" : "embedded"}`);
const get = await measure("GetHIT", (c) => c.send(new GetHITCommand({ HITId: pick(ids) })));
const list = await measure("ListHITs", (c) => c.send(new ListHITsCommand({ MaxResults: 100, NextToken: pick(tokens) })));
let n = 0;
const create = await measure("CreateHIT", (c) =>
  c.send(new CreateHITCommand({ Title: "Bench create", Description: "Created by the benchmark", Reward: "0.05", LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 300, Question: question, UniqueRequestToken: `bench-${n++}` })),
);

for (const c of clients) c.destroy();
server.close();
await db.$disconnect();
await benchDb.close();
tokens = [];
console.log(
  JSON.stringify({
    bench: "marketplace",
    hits_stored: HITS,
    clients: CLIENTS,
    database: benchDb.kind,
    get_hit_rps: get.rps,
    get_hit_p50_ms: get.p50_ms,
    get_hit_p99_ms: get.p99_ms,
    get_hit_server_p50_ms: get.server_p50_ms,
    list_hits_rps: list.rps,
    list_hits_p50_ms: list.p50_ms,
    list_hits_p99_ms: list.p99_ms,
    list_hits_server_p50_ms: list.server_p50_ms,
    create_hit_rps: create.rps,
    create_hit_p50_ms: create.p50_ms,
    create_hit_p99_ms: create.p99_ms,
    create_hit_server_p50_ms: create.server_p50_ms,
    errors: get.errors + list.errors + create.errors,
  }),
);
