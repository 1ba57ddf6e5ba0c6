/**
 * `npm run bench:sync`: the sync and the cache it fills, at the size of a busy account — the
 * seed of bench/seed-account.ts (12,000 HITs in 22 batches, 100,000 submitted assignments).
 * The first (full) sync runs twice, for two teams reading the same account through the real
 * SDK: in-process (InProcessMturkApi, as HITdesk's own client reaches its built-in marketplace)
 * and over HTTP (lib/marketplace/node-server.ts), to compare calls per second. Its calls are
 * compared with the fewest the API allows (one ListHITs page per 100 HITs, one
 * ListAssignmentsForHIT and one ListBonusPayments per HIT with work, the account-wide lists).
 * Then the transport alone (GetHIT, in-process against over HTTP), a re-sync with nothing changed, and the review queue's pages (the function behind
 * /review, each filter reviewers use) at 10 concurrent requests. Postgres: DATABASE_URL if set
 * (a fresh database on that server, dropped afterwards), else the embedded database in memory.
 * Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { MTurkClient } from "@aws-sdk/client-mturk";

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { InProcessMturkApi } = await import("@/lib/marketplace/admin");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { measureQueue, describeCases, p95ByCase } = await import("./measure-queue");
const { seedAccount, queueCases, SEEDED_HITS, SEEDED_ASSIGNMENTS, HITS_WITH_WORK } = await import("./seed-account");

const { server, port } = await serveMarketplace();
const endpoint = `http://127.0.0.1:${port}/api/mturk/sandbox`;

// The account both teams read, connected as Settings → Marketplace does it.
const keys = await provisionRequester(`bench-${randomBytes(4).toString("hex")}`, "sandbox", "Sync benchmark");
const newTeam = (name: string) => db.team.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name } });
const newClient = (inProcess: boolean) =>
  new MTurkClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 6,
    retryMode: "adaptive",
    ...(inProcess ? { requestHandler: new InProcessMturkApi() } : {}),
  });

console.log(`Seeding ${SEEDED_HITS.toLocaleString("en-US")} HITs and ${SEEDED_ASSIGNMENTS.toLocaleString("en-US")} submitted assignments...`);
const seedStarted = performance.now();
const seeded = await seedAccount(keys.requesterId);
console.log(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

// ---- The first sync, over HTTP then in-process (the second finds the marketplace's pages warm).
async function firstSync(label: string, inProcess: boolean) {
  const team = await newTeam(label);
  const client = newClient(inProcess);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await syncAccount({ teamId: team.id, environment: "sandbox", client });
  const seconds = (performance.now() - started) / 1000;
  // This process's CPU (client, marketplace and cache writes; not Postgres): less moved by other load than wall time.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / result.calls;
  console.log(
    `First sync ${label.padEnd(11)} ${seconds.toFixed(1)} s   ${result.calls.toLocaleString("en-US")} calls (${Math.round(result.calls / seconds)}/s, ${cpuMsPerCall.toFixed(2)} ms CPU per call) ${JSON.stringify(result.callsByOperation)}   ${result.hits} HITs, ${result.assignments} assignments`,
  );
  return { team, client, result, seconds, callsPerSecond: result.calls / seconds, cpuMsPerCall };
}
const http = await firstSync("over HTTP", false);
const inProcess = await firstSync("in-process", true);
const full = inProcess.result;
// The fewest calls that copy this account: the per-HIT lists only for HITs with work; the
// account-wide lists (blocks, qualification types and requests) as made.
const perHit = ["ListHITs", "ListAssignmentsForHIT", "ListBonusPayments"];
const accountWide = Object.entries(full.callsByOperation)
  .filter(([op]) => !perHit.includes(op))
  .reduce((sum, [, n]) => sum + n, 0);
const lowerBound = Math.ceil(SEEDED_HITS / 100) + 2 * HITS_WITH_WORK + accountWide;
const callsRatio = full.calls / lowerBound;
const inProcessRatio = inProcess.callsPerSecond / http.callsPerSecond;
const cpuRatio = http.cpuMsPerCall / inProcess.cpuMsPerCall;
console.log(
  `               calls ${full.calls} against a lower bound of ${lowerBound}: ${callsRatio.toFixed(3)}×; in-process ${inProcessRatio.toFixed(2)}× the calls per second over HTTP, ${cpuRatio.toFixed(2)}× fewer CPU ms per call`,
);
// The transport alone, on the call where it weighs most: GetHIT (one indexed read, a small
// answer) from 8 concurrent callers, the two clients in turns, 3 rounds of 2,000 calls each.
const { GetHITCommand } = await import("@aws-sdk/client-mturk");
const someHits = (await db.cachedHit.findMany({ where: { teamId: inProcess.team.id }, select: { hitId: true }, take: 100 })).map((h) => h.hitId);
const getHitRates = { http: [] as number[], inProcess: [] as number[] };
for (let round = 0; round < 3; round++) {
  for (const [path, client] of [
    ["http", http.client],
    ["inProcess", inProcess.client],
  ] as const) {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 2000) await client.send(new GetHITCommand({ HITId: someHits[next++ % someHits.length] }));
      }),
    );
    getHitRates[path].push(2000 / ((performance.now() - started) / 1000));
  }
}
const bestOf = (rates: number[]) => Math.max(...rates);
const getHitRatio = bestOf(getHitRates.inProcess) / bestOf(getHitRates.http);
console.log(`GetHIT alone    in-process ${Math.round(bestOf(getHitRates.inProcess))}/s, over HTTP ${Math.round(bestOf(getHitRates.http))}/s (best of 3 rounds, 8 at once): ${getHitRatio.toFixed(2)}×`);
http.client.destroy();

// What autovacuum does after a bulk insert; without it the visibility map is empty and every
// count reads the heap instead of the index alone.
await db.$executeRawUnsafe(`VACUUM ANALYZE "CachedHit", "CachedAssignment"`);

const resyncStarted = performance.now();
const resync = await syncAccount({ teamId: inProcess.team.id, environment: "sandbox", client: inProcess.client });
const resyncSeconds = (performance.now() - resyncStarted) / 1000;
console.log(`No-change sync ${resyncSeconds.toFixed(2)} s   ${resync.calls} calls ${JSON.stringify(resync.callsByOperation)}   ${resync.changedHits} changed HITs`);

// ---- The review queue: the page the /review route serves, with the filters reviewers use.
const queue = await measureQueue({ teamId: inProcess.team.id, environment: "sandbox" }, queueCases(seeded));
console.log(`Review queue   p50 ${queue.p50} ms   p95 ${queue.p95} ms   (1,300 pages of 50 with a count, 10 at once), by filter:`);
console.log(describeCases(queue, "  "));
console.log(
  `               load average while measured: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

inProcess.client.destroy();
server.close();
await db.$disconnect();
await benchDb.close();
console.log(
  JSON.stringify({
    bench: "sync",
    hits: full.hits,
    assignments: full.assignments,
    full_sync_s: Math.round(inProcess.seconds * 10) / 10,
    full_sync_calls: full.calls,
    full_sync_calls_lower_bound: lowerBound,
    full_sync_calls_ratio: Math.round(callsRatio * 1000) / 1000,
    full_sync_calls_per_s: Math.round(inProcess.callsPerSecond),
    http_full_sync_s: Math.round(http.seconds * 10) / 10,
    http_full_sync_calls_per_s: Math.round(http.callsPerSecond),
    in_process_ratio: Math.round(inProcessRatio * 100) / 100,
    cpu_ms_per_call: Math.round(inProcess.cpuMsPerCall * 100) / 100,
    http_cpu_ms_per_call: Math.round(http.cpuMsPerCall * 100) / 100,
    in_process_cpu_ratio: Math.round(cpuRatio * 100) / 100,
    get_hit_in_process_ratio: Math.round(getHitRatio * 100) / 100,
    resync_calls: resync.calls,
    resync_s: Math.round(resyncSeconds * 100) / 100,
    queue_p50_ms: queue.p50,
    queue_p95_ms: queue.p95,
    queue_p95_ms_by_filter: p95ByCase(queue),
    load_average: Math.round(os.loadavg()[0]! * 10) / 10,
    database: benchDb.kind,
  }),
);
