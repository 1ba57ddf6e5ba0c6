/**
 * `npm run bench:pages`: the `/hits` list at 10,000 HITs, seeded straight into the cache with
 * SQL. Times the function the page calls (`listHits`, which reads the filter menus with the page) on first, middle, last and deep pages of several sorts, each against the raw SQL
 * of the same rows: the one statement that reads those 50 rows in order, sent through `pg`.
 * Then starts HITdesk (`npm start`, which builds first if the sources changed) on the same database and views
 * `/hits`, `/review` and `/workers` in Chromium: RSC requests per view, and the server's CPU per
 * browser view against the CPU of the page's own document request.
 * Postgres: DATABASE_URL if set (a fresh database on that server, dropped afterwards), else the
 * embedded database. Ends with one JSON line.
 */
import { chromium } from "@playwright/test";
import os from "node:os";
import pg from "pg";
import { randomBytes } from "node:crypto";
import type { HitCursor as Cursor, HitListQuery as Query } from "@/lib/hits/hit-filter";
import { openBenchDatabase } from "./bench-database";
import { startServerProcess } from "./server-process";

const HITS = 10_000;
const RUNS = 40;

const benchDb = await openBenchDatabase();
const { db } = await import("@/lib/db");
const { databaseUrl } = await import("@/lib/db/url");
const { dataDir } = await import("@/lib/data-dir");
const { listHits } = await import("@/lib/hits/list-hits");
const { HitListQuery, hitCursorParam, HIT_PAGE_SIZE } = await import("@/lib/hits/hit-filter");
const { createUser } = await import("@/lib/users/create-user");
const { createTeam } = await import("@/lib/teams/create-team");

const password = `bench-${randomBytes(8).toString("hex")}`;
const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
const owner = await createUser({ email, password, name: "Bench" });
const team = await createTeam({ name: `Pages benchmark ${randomBytes(3).toString("hex")}`, ownerUserId: owner.id });
await db.user.update({ where: { id: owner.id }, data: { activeTeamId: team.id } });
const scope = { teamId: team.id, environment: "sandbox" as const };
console.log(`Seeding ${HITS.toLocaleString("en-US")} HITs...`);
// Creation times in bursts (batches create many HITs in the same second), so sort keys tie as they do in use.
await db.$executeRaw`
  INSERT INTO "CachedHit" ("teamId", "environment", "hitId", "hitTypeId", "title", "description", "rewardCents", "maxAssignments", "status", "reviewStatus",
    "assignmentsPending", "assignmentsAvailable", "assignmentsCompleted", "createdAt", "expiresAt", "requesterAnnotation", "syncedAt")
  SELECT ${team.id}, 'sandbox', 'H' || upper(md5(g::text)), 'T' || g % 20, 'Task ' || (g % 700) || ' of set ' || g % 13, 'Bench HIT', 5 + g % 50, 3,
    (ARRAY['Assignable', 'Unassignable', 'Reviewable', 'Reviewing', 'Disposed'])[1 + g % 5], 'NotReviewed', 0, g % 3, g % 4,
    timestamp '2026-01-01' + ((g / 25) || ' minutes')::interval, timestamp '2026-03-01' + ((g % 997) || ' minutes')::interval,
    CASE WHEN g % 4 = 0 THEN 'bench run ' || g % 9 END, now()
  FROM generate_series(1, ${HITS}) g`;
await db.syncState.create({ data: { teamId: team.id, environment: "sandbox", hitsSyncedAt: new Date() } });
// As autovacuum would after a sync of this size.
await db.$executeRawUnsafe(`VACUUM ANALYZE "CachedHit"`);

const raw = new pg.Client({ connectionString: databaseUrl() });
await raw.connect();

const COLUMNS = { created: `"createdAt"`, expires: `"expiresAt"`, title: "title", reward: `"rewardCents"`, status: "status" } as const;
const TYPES = { created: "timestamp(3)", expires: "timestamp(3)", title: "text", reward: "int", status: "text" } as const;

/** The baseline: the one statement that reads a page's rows in order, after the previous page's last row. */
async function rawPage(query: Query, after: Cursor | null): Promise<string[]> {
  const column = COLUMNS[query.sort];
  const dir = query.dir === "asc" ? "ASC" : "DESC";
  const cmp = query.dir === "asc" ? ">" : "<";
  const params: unknown[] = [scope.teamId];
  let keyset = "";
  if (after) {
    params.push(after.value, after.hitId);
    keyset = `AND (${column}, "hitId") ${cmp} ($2::${TYPES[query.sort]}, $3)`;
  }
  const { rows } = await raw.query<{ hitId: string }>(
    `SELECT "hitId", "hitTypeId", title, "rewardCents", "maxAssignments", status, "assignmentsPending", "assignmentsAvailable", "assignmentsCompleted",
       "createdAt", "expiresAt", "requesterAnnotation", "forgottenAt"
     FROM "CachedHit" WHERE "teamId" = $1 AND environment = 'sandbox' ${keyset}
     ORDER BY ${column} ${dir}, "hitId" ${dir} LIMIT ${HIT_PAGE_SIZE}`,
    params,
  );
  return rows.map((r) => r.hitId);
}

/** What OFFSET paging (before keyset pages) spent on the same page, for comparison. */
async function offsetPage(query: Query, pageNumber: number): Promise<void> {
  const column = COLUMNS[query.sort];
  const dir = query.dir === "asc" ? "ASC" : "DESC";
  await raw.query(
    `SELECT * FROM "CachedHit" WHERE "teamId" = $1 AND environment = 'sandbox' ORDER BY ${column} ${dir}, "hitId" ${dir} LIMIT ${HIT_PAGE_SIZE} OFFSET ${(pageNumber - 1) * HIT_PAGE_SIZE}`,
    [scope.teamId],
  );
  await raw.query(`SELECT count(*) FROM "CachedHit" WHERE "teamId" = $1 AND environment = 'sandbox'`, [scope.teamId]);
}

/**
 * The median time of each function, run in turns (a, b, c, a, b, c, ...) so that a moment of
 * other load on the machine falls on all of them alike rather than on one.
 */
type Run = () => Promise<unknown>;
async function medians(...runs: [Run, Run, Run]): Promise<[number, number, number]> {
  const times = runs.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, run] of runs.entries()) {
      const started = performance.now();
      await run();
      times[k]!.push(performance.now() - started);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!) as [number, number, number];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
interface Measured {
  page: string;
  page_ms: number;
  sql_ms: number;
  ratio: number;
  offset_sql_ms: number;
}
const measured: Measured[] = [];

for (const [sort, dir] of [
  ["created", "desc"],
  ["title", "asc"],
  ["status", "desc"],
] as const) {
  // Walk the whole list once by cursor, keeping where each page starts.
  const base = { sort, dir };
  const starts: (Cursor | null)[] = [null];
  // As the page's "Next" link does: the cursor, and where the next page starts.
  const nextOf = (page: Awaited<ReturnType<typeof listHits>>) => ({ after: hitCursorParam(page.next!), start: String(page.start! + page.items.length) });
  for (let page = await listHits(scope, HitListQuery.parse(base)); page.next; page = await listHits(scope, HitListQuery.parse({ ...base, ...nextOf(page) }))) starts.push(page.next);
  if (starts.length !== HITS / HIT_PAGE_SIZE) throw new Error(`Walked ${starts.length} pages of ${sort} ${dir}, expected ${HITS / HIT_PAGE_SIZE}`);
  for (const pageNumber of [1, 2, 100, 199, 200]) {
    const after = starts[pageNumber - 1]!;
    const query = HitListQuery.parse({ ...base, ...(after ? { after: hitCursorParam(after), start: String((pageNumber - 1) * HIT_PAGE_SIZE) } : {}) });
    const page = await listHits(scope, query);
    const expected = await rawPage(query, after);
    if (page.items.map((h) => h.hitId).join() !== expected.join()) throw new Error(`${sort} ${dir} page ${pageNumber}: the page and the raw SQL differ`);
    if (page.start !== (pageNumber - 1) * HIT_PAGE_SIZE || page.total !== HITS) throw new Error(`${sort} ${dir} page ${pageNumber}: shown as from ${page.start} of ${page.total}`);
    for (let i = 0; i < 5; i++) await Promise.all([listHits(scope, query), rawPage(query, after)]); // warm up
    const [pageMs, sqlMs, offsetMs] = await medians(
      () => listHits(scope, query),
      () => rawPage(query, after),
      () => offsetPage(query, pageNumber),
    );
    const row = { page: `${sort} ${dir} p${pageNumber}`, page_ms: round(pageMs), sql_ms: round(sqlMs), ratio: round(pageMs / sqlMs), offset_sql_ms: round(offsetMs) };
    measured.push(row);
    console.log(
      `${row.page.padEnd(20)} page ${row.page_ms.toFixed(2)} ms · raw SQL ${row.sql_ms.toFixed(2)} ms · ratio ${row.ratio.toFixed(2)} · OFFSET paging's SQL ${row.offset_sql_ms.toFixed(2)} ms`,
    );
  }
  // The last page, reached by its own link.
  const lastQuery = HitListQuery.parse({ ...base, last: "1" });
  const lastPage = await listHits(scope, lastQuery);
  if (lastPage.items[0]?.hitId !== (await rawPage(HitListQuery.parse(base), starts.at(-1)!))[0]) throw new Error(`${sort} ${dir}: the last page is not the walk's last`);
}

await raw.end();

/**
 * The browser half: a production build of HITdesk on this database, and Chromium viewing each
 * page as a person does. Server CPU is read from /proc for the server's whole process group;
 * "the page itself" is the same page fetched as one document request with the same session.
 */
const port = 3900 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const baseURL = `http://127.0.0.1:${port}`;
// This process's data folder: the server must hold the secret the seeded team's keys were sealed with.
// `npm start` builds first when the sources changed since the last build.
const server = await startServerProcess("npm", ["start"], {
  port,
  env: { HITDESK_URL: baseURL, HITDESK_DATA_DIR: dataDir(), DATABASE_URL: databaseUrl() },
  healthPath: "/api/health",
  timeoutMs: 600_000,
});
interface Viewed {
  path: string;
  rsc_requests_per_view: number;
  page_cpu_ms: number;
  view_cpu_ms: number;
  ratio: number;
}
const viewed: Viewed[] = [];
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const context = await browser.newContext({ baseURL });
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await context.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken },
    maxRedirects: 0,
  });
  if (signedIn.status() !== 302) throw new Error(`Signing in answered ${signedIn.status()}`);
  const page = await context.newPage();
  let rscRequests = 0;
  page.on("request", (r) => {
    if (r.headers()["rsc"] === "1") rscRequests++;
  });
  // Which requests of a view reach the server (not the browser's cache): what a view costs beyond its page.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let served: string[] = [];
  const fromCache = new Set<string>();
  cdp.on("Network.requestServedFromCache", (e) => fromCache.add(e.requestId));
  cdp.on("Network.responseReceived", (e) => {
    if (!fromCache.has(e.requestId) && !e.response.fromDiskCache && !e.response.fromPrefetchCache && !e.response.fromServiceWorker) served.push(`${e.type} ${new URL(e.response.url).pathname}`);
  });
  const VIEWS = 20;
  // The server's own background work (leader locks, sweeps, delivery loops) runs whatever is
  // viewed; a browser view lasts longer than a document request (it waits for the network to be
  // quiet), so that work is measured idle and taken out of both figures.
  const idleStarted = performance.now();
  const idleBefore = server.cpuMs();
  await new Promise((r) => setTimeout(r, 10_000));
  const idleCpuPerMs = (server.cpuMs() - idleBefore) / (performance.now() - idleStarted);
  console.log(`Server CPU while idle: ${round(idleCpuPerMs * 1000, 1)} ms per second (taken out of the figures below)`);
  /** Server CPU per run of `work`, less the idle rate over its duration. */
  const cpuPer = async (work: () => Promise<void>) => {
    const started = performance.now();
    const before = server.cpuMs();
    for (let i = 0; i < VIEWS; i++) await work();
    return Math.max(0, server.cpuMs() - before - idleCpuPerMs * (performance.now() - started)) / VIEWS;
  };
  for (const pagePath of ["/hits", "/review", "/workers"]) {
    // Warm up: the server's code for the page, and the browser's cache of the page's scripts
    // (loaded once by a person who has HITdesk open, not on every view).
    for (let i = 0; i < 2; i++) await context.request.get(pagePath);
    await page.goto(pagePath);
    await page.waitForLoadState("networkidle");
    const pageCpu = await cpuPer(async () => {
      if (!(await context.request.get(pagePath)).ok()) throw new Error(`${pagePath} did not load`);
    });
    rscRequests = 0;
    served = [];
    const viewCpu = await cpuPer(async () => {
      await page.goto(pagePath);
      // Prefetches go out once the page is interactive and idle: wait until the network is quiet.
      await page.waitForLoadState("networkidle");
    });
    const byRequest = new Map<string, number>();
    for (const r of served) byRequest.set(r, (byRequest.get(r) ?? 0) + 1);
    console.log(`${pagePath.padEnd(9)} requests served in ${VIEWS} views: ${[...byRequest].map(([r, n]) => `${n}× ${r}`).join(", ")}`);
    const row = { path: pagePath, rsc_requests_per_view: rscRequests / VIEWS, page_cpu_ms: round(pageCpu, 1), view_cpu_ms: round(viewCpu, 1), ratio: round(viewCpu / pageCpu) };
    viewed.push(row);
    console.log(`${pagePath.padEnd(9)} browser view ${row.view_cpu_ms} ms server CPU · the page alone ${row.page_cpu_ms} ms · ratio ${row.ratio} · ${row.rsc_requests_per_view} RSC requests per view`);
  }
  await browser.close();
} finally {
  await server.stop();
}
await db.$disconnect();
await benchDb.close();

const worst = measured.reduce((a, b) => (b.ratio > a.ratio ? b : a));
const load = os.loadavg().map((l) => round(l));
console.log(`Worst page ${worst.page}: ${worst.ratio}× its raw SQL (target ≤ 3); load average ${load.join(" ")}`);
console.log(`Worst browser view: ${Math.max(...viewed.map((v) => v.ratio))}× the server CPU of the page itself (target ≤ 2)`);
console.log(
  JSON.stringify({
    bench: "pages",
    database: benchDb.kind,
    hits: HITS,
    max_ratio: worst.ratio,
    pages: measured,
    max_view_ratio: Math.max(...viewed.map((v) => v.ratio)),
    views: viewed,
    loadavg: load,
  }),
);
