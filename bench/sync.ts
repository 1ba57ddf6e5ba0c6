/**
 * `npm run bench:sync`: the sync and the cache it fills, at the size of a busy account — the
 * seed of bench/seed-account.ts (12,000 HITs in 22 batches, 100,000 submitted assignments).
 * The first (full) sync runs three times, for three teams reading the same account through the
 * real SDK: in-process (InProcessMturkApi, as HITdesk's own client reaches its built-in
 * marketplace), over HTTP on plain node:http (lib/marketplace/node-server.ts, what `npm start`
 * serves the API on), and over HTTP through Next's route (app/api/mturk/[env], the production
 * build under `next start`: how the dashboard reached its own marketplace before it went
 * in-process), to compare calls per second and CPU per call. HITdesk's processes get one core
 * for these syncs (taskset), the database server the rest. Their calls are compared with the
 * fewest the API allows (one ListHITs page per 100 HITs, one ListAssignmentsForHIT and one
 * ListBonusPayments per HIT with work, the account-wide lists). Then the transport alone
 * (GetHIT, in-process against over HTTP), a re-sync with nothing changed, and the review queue's
 * pages (the function behind /review, each filter reviewers use) at 10 concurrent requests. Postgres: DATABASE_URL if set
 * (a fresh database on that server, dropped afterwards), else the embedded database in memory.
 * Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { MTurkClient } from "@aws-sdk/client-mturk";
import { buildIfNeeded, nextBin } from "../scripts/build-if-needed";
import { startServerProcess } from "./server-process";

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { databaseUrl } = await import("@/lib/db/url");
const { dataDir } = await import("@/lib/data-dir");
const { masterSecret } = await import("@/lib/crypto");
const { LeaderLock } = await import("@/lib/db/leader-lock");
const { InProcessMturkApi } = await import("@/lib/marketplace/admin");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { measureQueue, describeCases, p95ByCase } = await import("./measure-queue");
const { seedAccount, queueCases, SEEDED_HITS, SEEDED_ASSIGNMENTS, HITS_WITH_WORK } = await import("./seed-account");

const { server, port } = await serveMarketplace();
const endpoint = `http://127.0.0.1:${port}/api/mturk/sandbox`;

// Next's route: built now, so that no build falls within a measurement.
buildIfNeeded(process.cwd());

// The account both teams read, connected as Settings → Marketplace does it.
const keys = await provisionRequester(`bench-${randomBytes(4).toString("hex")}`, "sandbox", "Sync benchmark");
const newTeam = (name: string) => db.team.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name } });
const newClient = (inProcess: boolean, at = endpoint) =>
  new MTurkClient({
    endpoint: at,
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

// ---- The first sync: over HTTP, in-process, then through Next's route (the last finds the database warmest).
async function firstSync(label: string, client: MTurkClient, serverCpuMs: () => number = () => 0) {
  const team = await newTeam(label);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = serverCpuMs();
  const result = await syncAccount({ teamId: team.id, environment: "sandbox", client });
  const seconds = (performance.now() - started) / 1000;
  // HITdesk's CPU (client, marketplace and cache writes, in this process and a separate server's;
  // not Postgres'): less moved by other load than wall time.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerCall = ((cpu.user + cpu.system) / 1000 + serverCpuMs() - serverCpuBefore) / result.calls;
  console.log(
    `First sync ${label.padEnd(12)} ${seconds.toFixed(1)} s   ${result.calls.toLocaleString("en-US")} calls (${Math.round(result.calls / seconds)}/s, ${cpuMsPerCall.toFixed(2)} ms CPU per call) ${JSON.stringify(result.callsByOperation)}   ${result.hits} HITs, ${result.assignments} assignments`,
  );
  return { team, client, result, seconds, callsPerSecond: result.calls / seconds, cpuMsPerCall };
}
// HITdesk's processes get one core for the three syncs, the database server the rest: HITdesk
// serves the dashboard and its marketplace from one process, and a separate Next server on a core
// of its own would run beside the client as no deployment of it does.
const ONE_CORE = "0";
const pinThisProcess = (cores: string) => {
  const pinned = spawnSync("taskset", ["--all-tasks", "--pid", "--cpu-list", cores, String(process.pid)], { encoding: "utf8" });
  if (pinned.status !== 0) throw new Error(`taskset failed: ${pinned.stderr}`);
};
pinThisProcess(ONE_CORE);
const http = await firstSync("over HTTP", newClient(false));
const inProcess = await firstSync("in-process", newClient(true));
// Next's server runs its background loops as any server does; none may change the account while it is
// read. On Postgres this process holds the marketplace's leadership, so the server runs no sweeps (on
// the embedded database every process leads: its sweeps run, and nothing falls due this soon after
// the seed); and the account's simulated workers are paused, or they would take its fresh HITs.
await db.mkSimulatedWorkforce.updateMany({ where: { requesterId: keys.requesterId }, data: { paused: true } });
const marketplaceLeader = new LeaderLock("marketplace-background");
await marketplaceLeader.lead();
const nextPort = 3950 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const nextServer = await startServerProcess("taskset", ["--cpu-list", ONE_CORE, process.execPath, nextBin(process.cwd()), "start", "--hostname", "127.0.0.1"], {
  port: nextPort,
  env: {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl(),
    HITDESK_SECRET: masterSecret(),
    HITDESK_DATA_DIR: dataDir(),
    HITDESK_URL: `http://127.0.0.1:${nextPort}`,
    HITDESK_SYNC_INTERVAL_SECONDS: "0",
    HITDESK_SIMULATED_WORKERS: "0",
  },
  healthPath: "/api/health",
  timeoutMs: 120_000,
});
const throughNextClient = newClient(false, `${nextServer.url}/api/mturk/sandbox`);
const throughNext = await firstSync("through Next", throughNextClient, () => nextServer.cpuMs());
throughNextClient.destroy();
await nextServer.stop();
await marketplaceLeader.release();
pinThisProcess(`0-${os.availableParallelism() - 1}`);
const full = inProcess.result;
for (const other of [http, throughNext]) {
  if (other.result.calls !== full.calls || other.result.assignments !== full.assignments) throw new Error("The account changed between the first syncs: their figures do not compare");
}
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
const inProcessVsNextRatio = inProcess.callsPerSecond / throughNext.callsPerSecond;
const nextCpuRatio = throughNext.cpuMsPerCall / inProcess.cpuMsPerCall;
console.log(
  `               calls ${full.calls} against a lower bound of ${lowerBound}: ${callsRatio.toFixed(3)}×; in-process ${inProcessVsNextRatio.toFixed(2)}× the calls per second through Next (${nextCpuRatio.toFixed(2)}× fewer CPU ms per call), ${inProcessRatio.toFixed(2)}× over plain HTTP (${cpuRatio.toFixed(2)}×)`,
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
    next_full_sync_s: Math.round(throughNext.seconds * 10) / 10,
    next_full_sync_calls_per_s: Math.round(throughNext.callsPerSecond),
    in_process_vs_next_ratio: Math.round(inProcessVsNextRatio * 100) / 100,
    in_process_ratio: Math.round(inProcessRatio * 100) / 100,
    cpu_ms_per_call: Math.round(inProcess.cpuMsPerCall * 100) / 100,
    http_cpu_ms_per_call: Math.round(http.cpuMsPerCall * 100) / 100,
    next_cpu_ms_per_call: Math.round(throughNext.cpuMsPerCall * 100) / 100,
    in_process_cpu_ratio: Math.round(cpuRatio * 100) / 100,
    in_process_vs_next_cpu_ratio: Math.round(nextCpuRatio * 100) / 100,
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
