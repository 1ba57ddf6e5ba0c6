/**
 * `npm run bench:sync`: the sync and the cache it fills, at the size of a busy account —
 * 10,000 HITs with 100,000 submitted assignments in the built-in marketplace, read by a team
 * through the real SDK over HTTP. Measures the first (full) sync, a re-sync with nothing
 * changed (its MTurk calls must stay at one ListHITs page per 100 HITs plus the block list),
 * and the review queue's pages (the function behind /review, with the filters reviewers use) at
 * 10 concurrent requests. Postgres: DATABASE_URL
 * if set (a fresh database on that server, dropped afterwards), else the embedded database in
 * memory. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { MTurkClient } from "@aws-sdk/client-mturk";

const HITS = 10_000;
const ASSIGNMENTS_PER_HIT = 10;
const WORKERS = 1_000;

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { entityId } = await import("@/lib/marketplace/ids");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { htmlQuestionXml } = await import("@/lib/batches/placeholders");
const { buildQuestionFormAnswers } = await import("@/lib/marketplace/answers");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { measureQueue, describeCases } = await import("./measure-queue");

const { server, port } = await serveMarketplace();
const endpoint = `http://127.0.0.1:${port}/api/mturk/sandbox`;

// A team connected to the built-in sandbox, as Settings → Marketplace does it.
const team = await db.team.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name: "Sync benchmark" } });
const keys = await provisionRequester(team.id, "sandbox", team.name);
const client = new MTurkClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, maxAttempts: 6, retryMode: "adaptive" });

// ---- Seeding: straight into the marketplace's tables, with the counters its operations keep.
console.log(`Seeding ${HITS.toLocaleString("en-US")} HITs and ${(HITS * ASSIGNMENTS_PER_HIT).toLocaleString("en-US")} submitted assignments...`);
const seedStarted = performance.now();
const question = htmlQuestionXml("<p>Benchmark task</p><input name='answer'>", 400);
const type = await db.mkHitType.create({
  data: { id: entityId(), requesterId: keys.requesterId, title: "Bench", description: "Benchmark HIT", rewardCents: 5, assignmentDurationSec: 300, autoApprovalDelaySec: 86400, fingerprint: "bench" },
});
const now = new Date();
for (let start = 0; start < HITS; start += 2000) {
  await db.mkHit.createMany({
    data: Array.from({ length: Math.min(2000, HITS - start) }, () => ({
      id: entityId(),
      requesterId: keys.requesterId,
      hitTypeId: type.id,
      hitGroupId: type.id,
      question,
      questionKind: "HTMLQuestion",
      maxAssignments: ASSIGNMENTS_PER_HIT,
      underTenAtCreation: ASSIGNMENTS_PER_HIT < 10,
      // Every assignment taken and submitted, none decided: Reviewable, as settleHitInTx leaves it.
      status: "Reviewable",
      assignmentsAvailable: 0,
      assignmentsPending: 0,
      assignmentsSubmitted: ASSIGNMENTS_PER_HIT,
      assignmentsCompleted: 0,
      expiresAt: new Date(now.getTime() + 7 * 86400_000),
      createdAt: new Date(now.getTime() - 86400_000),
      title: "Bench",
      description: "Benchmark HIT",
      rewardCents: 5,
      assignmentDurationSec: 300,
      autoApprovalDelaySec: 86400,
    })),
  });
}
await db.$executeRaw`
  INSERT INTO mk_worker (id, "displayName")
  SELECT 'AW' || lpad(g::text, 12, '0'), 'Bench worker ' || g FROM generate_series(0, ${WORKERS - 1}) g`;
const answer = buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "positive" } }]);
// One worker at most once per HIT (consecutive worker numbers), submit times spread over a day.
await db.$executeRaw`
  INSERT INTO mk_assignment (id, "hitId", "requesterId", "workerId", status, "acceptTime", deadline, "submitTime", "autoApprovalTime", answer)
  SELECT upper(substr(md5(h.id || ':' || g), 1, 30)), h.id, h."requesterId",
         'AW' || lpad(((h.seq * ${ASSIGNMENTS_PER_HIT} + g) % ${WORKERS})::text, 12, '0'),
         'Submitted', t - interval '2 minutes', t + interval '3 minutes', t, t + interval '1 day', ${answer}
  FROM mk_hit h CROSS JOIN generate_series(0, ${ASSIGNMENTS_PER_HIT - 1}) g
  CROSS JOIN LATERAL (SELECT ${now}::timestamp - (random() * interval '1 day') AS t) times
  WHERE h."requesterId" = ${keys.requesterId}`;
await db.$executeRawUnsafe("ANALYZE mk_hit, mk_assignment, mk_worker");
console.log(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

// ---- The sync.
const fullStarted = performance.now();
const full = await syncAccount({ teamId: team.id, environment: "sandbox", client });
const fullSeconds = (performance.now() - fullStarted) / 1000;
console.log(
  `Full sync      ${fullSeconds.toFixed(1)} s   ${full.calls.toLocaleString("en-US")} calls ${JSON.stringify(full.callsByOperation)}   ${full.hits} HITs, ${full.assignments} assignments`,
);
// What autovacuum does after a bulk insert; without it the visibility map is empty and every
// count reads the heap instead of the index alone.
await db.$executeRawUnsafe(`VACUUM ANALYZE "CachedHit", "CachedAssignment"`);

const resyncStarted = performance.now();
const resync = await syncAccount({ teamId: team.id, environment: "sandbox", client });
const resyncSeconds = (performance.now() - resyncStarted) / 1000;
console.log(`No-change sync ${resyncSeconds.toFixed(2)} s   ${resync.calls} calls ${JSON.stringify(resync.callsByOperation)}   ${resync.changedHits} changed HITs`);

// ---- The review queue: the page the /review route serves, with the filters reviewers use.
const scope = { teamId: team.id, environment: "sandbox" as const };
const someWorker = () => `AW${String(Math.floor(Math.random() * WORKERS)).padStart(12, "0")}`;
const queue = await measureQueue(scope, [
  { name: "none", filter: {} },
  { name: "by HIT", filter: { group: "hit" } },
  { name: "by worker", filter: { group: "worker" }, deep: true },
  { name: "a worker", filter: { workerId: someWorker() } },
  { name: "HIT type", filter: { hit: type.id } },
  { name: "title words", filter: { hit: "Bench" } },
  { name: "due within 6 h", filter: { dueWithinHours: 6 } },
  { name: "older than 12 h", filter: { olderThanHours: 12 }, deep: true },
  { name: "answer text", filter: { answer: "positive" } },
  { name: "answer text, no match", filter: { answer: "no such answer" } },
]);
console.log(`Review queue   p50 ${queue.p50} ms   p95 ${queue.p95} ms   (200 pages of 50 with a count, 10 at once)`);
console.log(`               p50 by filter: ${describeCases(queue)}`);
console.log(`               load average while measured: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

client.destroy();
server.close();
await db.$disconnect();
await benchDb.close();
console.log(
  JSON.stringify({
    bench: "sync",
    hits: full.hits,
    assignments: full.assignments,
    full_sync_s: Math.round(fullSeconds * 10) / 10,
    full_sync_calls: full.calls,
    resync_calls: resync.calls,
    resync_s: Math.round(resyncSeconds * 100) / 100,
    queue_p50_ms: queue.p50,
    queue_p95_ms: queue.p95,
    load_average: Math.round(os.loadavg()[0]! * 10) / 10,
    database: benchDb.kind,
  }),
);
