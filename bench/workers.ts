/**
 * `npm run bench:workers`: the workers page's query at the size of a large workforce — 20,000
 * workers and 500,000 assignments (with 10,000 HITs and 20,000 bonuses) seeded straight into the
 * cache with SQL. Measures the aggregate rebuild a sync triggers, then 200 page requests at 10
 * concurrent across sorts, filters, searches and pages. Postgres: DATABASE_URL if set (a fresh
 * database on that server, dropped afterwards), else the embedded database. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";

const WORKERS = 20_000;
const ASSIGNMENTS = 500_000;
const HITS = 10_000;
const REQUESTS = 200;
const CONCURRENCY = 10;

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { listWorkers } = await import("@/lib/workers/list-workers");
const { refreshWorkerStats } = await import("@/lib/workers/refresh-worker-stats");
const { WorkersQuery, WORKER_SORTS } = await import("@/lib/workers/workers-query");

const team = await db.team.create({ data: { slug: `bench-${randomBytes(4).toString("hex")}`, name: "Workers benchmark" } });
const teamId = team.id;

console.log(`Seeding ${WORKERS.toLocaleString("en-US")} workers, ${ASSIGNMENTS.toLocaleString("en-US")} assignments...`);
const seedStarted = performance.now();
await db.$executeRaw`
  INSERT INTO "CachedHit" ("teamId", "environment", "hitId", "hitTypeId", "title", "description", "rewardCents", "maxAssignments", "status", "reviewStatus",
    "assignmentsPending", "assignmentsAvailable", "assignmentsCompleted", "createdAt", "expiresAt", "syncedAt")
  SELECT ${teamId}, 'sandbox', 'H' || lpad(g::text, 29, '0'), 'T1', 'Bench ' || g, 'Bench HIT', 5 + g % 50, 50, 'Reviewable', 'NotReviewed', 0, 0, 50,
    now() - interval '60 days', now() + interval '1 day', now()
  FROM generate_series(1, ${HITS}) g`;
await db.$executeRaw`
  INSERT INTO "CachedAssignment" ("teamId", "environment", "assignmentId", "hitId", "hitTypeId", "workerId", "status", "acceptTime", "submitTime", "approvalTime", "rejectionTime", "syncedAt")
  SELECT ${teamId}, 'sandbox', 'A' || lpad(g::text, 29, '0'), 'H' || lpad((1 + g % ${HITS})::text, 29, '0'), 'T1',
    'A' || upper(lpad(to_hex(1 + (g::bigint * 7919) % ${WORKERS}), 13, '0')),
    CASE WHEN g % 10 = 0 THEN 'Rejected' WHEN g % 10 = 1 THEN 'Submitted' ELSE 'Approved' END,
    t, t + ((30 + g % 600) || ' seconds')::interval,
    CASE WHEN g % 10 > 1 THEN t + interval '1 day' END,
    CASE WHEN g % 10 = 0 THEN t + interval '1 day' END,
    now()
  FROM (SELECT g, now() - ((g % 86400) || ' minutes')::interval AS t FROM generate_series(1, ${ASSIGNMENTS}) g) s`;
await db.$executeRaw`
  INSERT INTO "CachedBonusPayment" ("teamId", "environment", "bonusKey", "hitId", "assignmentId", "workerId", "amountCents", "reason", "grantTime", "syncedAt")
  SELECT ${teamId}, 'sandbox', 'B' || g, 'H' || lpad((1 + g % ${HITS})::text, 29, '0'), 'A' || lpad(g::text, 29, '0'),
    'A' || upper(lpad(to_hex(1 + (g::bigint * 7919) % ${WORKERS}), 13, '0')), 25, 'Bench', now(), now()
  FROM generate_series(1, 20000) g`;
await db.$executeRaw`INSERT INTO "CachedWorkerBlock" ("teamId", "environment", "workerId", "reason", "firstSeenAt", "syncedAt")
  SELECT ${teamId}, 'sandbox', 'A' || upper(lpad(to_hex(g), 13, '0')), 'Bench', now(), now() FROM generate_series(1, 200) g`;
// As autovacuum would after a sync of this size.
await db.$executeRaw`ANALYZE "CachedAssignment", "CachedHit", "CachedBonusPayment", "CachedWorkerBlock"`;
console.log(`Seeded in ${Math.round((performance.now() - seedStarted) / 100) / 10} s`);

const buildStarted = performance.now();
await refreshWorkerStats(teamId, "sandbox", { force: true });
const rebuildSeconds = (performance.now() - buildStarted) / 1000;
const workers = await db.workerStat.count({ where: { teamId } });
console.log(`Aggregates built in ${Math.round(rebuildSeconds * 10) / 10} s (${workers.toLocaleString("en-US")} workers); brought up to date once per sync`);
// After a sync that changed little: the aggregate runs again, but unchanged rows are not rewritten.
const againStarted = performance.now();
await refreshWorkerStats(teamId, "sandbox", { force: true });
const againSeconds = (performance.now() - againStarted) / 1000;
console.log(`Brought up to date again in ${Math.round(againSeconds * 10) / 10} s with nothing changed`);

const scope = { teamId, environment: "sandbox" as const };
const queryOf = (i: number) =>
  WorkersQuery.parse({
    sort: WORKER_SORTS[i % WORKER_SORTS.length],
    dir: i % 2 ? "asc" : "desc",
    page: 1 + (i % 40),
    ...(i % 5 === 0 ? { q: "A00000000" + (i % 9) } : {}),
    ...(i % 7 === 0 ? { blocked: "blocked" } : {}),
    ...(i % 11 === 0 ? { minSubmitted: 20 } : {}),
  });
for (let i = 0; i < 20; i++) await listWorkers(scope, queryOf(i)); // warm the pool and caches
const latencies: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const t = performance.now();
      await listWorkers(scope, queryOf(i));
      latencies.push(performance.now() - t);
    }
  }),
);
const sorted = latencies.sort((a, b) => a - b);
const quantile = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
console.log(`Workers page   p50 ${quantile(0.5)} ms   p95 ${quantile(0.95)} ms   (${REQUESTS} requests, ${CONCURRENCY} concurrent, page of 50 with an exact total)`);

await db.$disconnect();
await benchDb.close();
console.log(
  JSON.stringify({
    bench: "workers",
    workers,
    assignments: ASSIGNMENTS,
    p50_ms: quantile(0.5),
    p95_ms: quantile(0.95),
    rebuild_s: Math.round(rebuildSeconds * 10) / 10,
    rebuild_unchanged_s: Math.round(againSeconds * 10) / 10,
    database: benchDb.kind,
  }),
);
