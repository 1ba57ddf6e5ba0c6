import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { CONTROL_STRINGS, MALFORMED_BODIES, PATH_SEGMENTS, deepJson, hugeString, mutations, queryVariants } from "@/test/support/fuzz-inputs";
import { findControlCharacter } from "@/lib/http/control-characters";
import { eventStreamAnswer } from "./support/event-stream";
import { expect, login, test } from "./support/fixtures";
import { teamRowCounts } from "./support/tenant-fingerprint";

/**
 * Every dashboard route handler (discovered from app/api/**\/route.ts), called by a signed-in
 * owner from HITdesk's own origin with hostile input: bodies that are not JSON, fields of the
 * wrong type, NUL and other control characters, huge strings, deep nesting, 10 MB and oversized
 * bodies, hostile query strings and path segments. No answer may be a 5xx, and a refused request
 * must not change a single row (row counts of every table, before and after each write).
 * The MTurk API (/api/mturk) has its own fuzz suite; Auth.js (/api/auth) its own CSRF.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Route {
  method: Method;
  route: string;
}

const SKIP = [/^\/api\/auth\//, /^\/api\/mturk\//];
// Reads neither query nor body: what it is sent cannot reach anything (still no 5xx allowed).
const READS_NO_INPUT = new Set(["/api/health"]);
// Answer with an endless event stream: their status is read, then the call hangs up.
const EVENT_STREAMS = new Set(["/api/live"]);
const ID = "fuzz-missing-id";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

function discoverRoutes(): Route[] {
  const apiDir = path.join(process.cwd(), "app", "api");
  return routeFiles(apiDir).flatMap((file) => {
    const route = "/api/" + path.relative(apiDir, path.dirname(file)).split(path.sep).join("/");
    if (SKIP.some((re) => re.test(route))) return [];
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => ({ method: m[1] as Method, route }));
  });
}

/** A well-formed body per route, so that spoiling one field at a time reaches the schema's depths. */
const SAMPLE: Record<string, Record<string, unknown>> = {
  "POST /api/me/environment": { environment: "sandbox" },
  "POST /api/me/team": { teamId: ID },
  "POST /api/me/getting-started": { hidden: true },
  "PATCH /api/team": { reviewerBonusLimitCents: 700, name: "Fuzzed team" },
  "POST /api/team/invites": { email: "fuzz@example.com", role: "viewer" },
  "PATCH /api/team/members/[id]": { role: "reviewer" },
  // Built-in only: a fuzzed body that happened to pass must not point the team at real AWS.
  "PUT /api/team/connections/[environment]": { kind: "builtin" },
  "POST /api/team/api-keys": { name: "fuzz key", environment: "both" },
  "PATCH /api/team/api-keys/[id]": { environment: "sandbox" },
  "POST /api/team/webhooks": { url: "http://127.0.0.1:9/fuzz", description: "fuzz", eventTypes: ["HITExpired"] },
  "PATCH /api/team/webhooks/[id]": { enabled: false, eventTypes: ["HITReviewable"] },
  "POST /api/team/api-keys/[id]/rotate": { keepOldSecret: false },
  "POST /api/notifications/read": { ids: [ID] },
  "PUT /api/notifications/preferences": { preferences: [{ type: "BatchFinished", inApp: true, email: false }] },
  "PATCH /api/team/workforce": { paused: true },
  "POST /api/team/workforce/invites": { label: "fuzz" },
  "POST /api/team/deposits": { amount: "1.00" },
  "POST /api/projects": { name: "Fuzz", design: { kind: "html" } },
  "PUT /api/projects/[id]": { name: "Fuzz", design: { kind: "html" } },
  "PATCH /api/projects/[id]": { archived: true },
  "POST /api/projects/[id]/try": { values: { text: "Hi" } },
  "POST /api/batches/preview": { projectId: ID, name: "Fuzz batch", csv: "text\nhello\n" },
  "POST /api/batches": { projectId: ID, name: "Fuzz batch", csv: "text\nhello\n" },
  "POST /api/batches/[id]/messages": { subject: "Fuzz", body: "Hello" },
  "POST /api/batches/[id]/top-up": { expectedTotalCents: 0 },
  "POST /api/hits/jobs": { action: { kind: "expire" }, hitIds: [ID] },
  "POST /api/hits/[hitId]/actions": { action: { kind: "expire" } },
  "POST /api/review/decisions": { action: "reject", assignmentIds: [ID], feedback: "Not good" },
  "POST /api/review/decisions/undo": { decisionIds: [ID] },
  "POST /api/review/decisions/confirm": { decisionIds: [ID] },
  "POST /api/review/bonuses": { assignmentIds: [ID], amount: "0.10", reason: "Fuzz", requestKey: "fuzz-key", preview: true },
  "POST /api/review/results-csv": { csv: `AssignmentId,Approve,Reject\n${ID},x,\n`, preview: true },
  "POST /api/review/bonus-csv": { csv: `WorkerId,AssignmentId,Amount,Reason\nA1B2C3D4E5F6G7,${ID},0.10,Fuzz\n`, preview: true },
  "PATCH /api/review/settings": { undoWindowSeconds: 10 },
  "POST /api/review/feedback-templates": { label: "fuzz", text: "Fuzz" },
  "POST /api/qualifications": { name: "Fuzz qualification", description: "Fuzz", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } },
  "PATCH /api/qualifications/[id]": { description: "Fuzz", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } },
  "POST /api/qualifications/[id]/status": { status: "Inactive" },
  "POST /api/qualifications/[id]/ops": { ops: [{ op: "grant", workerId: "A1B2C3D4E5F6G7", value: 5 }] },
  "POST /api/qualifications/[id]/grant-agreement": { source: { kind: "all" }, minPercent: 80, value: 1, preview: true },
  "POST /api/qualifications/[id]/scores-csv": { csv: "WorkerId,Value\nA1B2C3D4E5F6G7,5\n", preview: true },
  "POST /api/qualifications/[id]/grant-batch": { batchId: ID, value: 1, preview: true },
  "POST /api/workers/blocks": { action: "block", workerIds: ["A1B2C3D4E5F6G7"], reason: "Fuzz" },
  "POST /api/workers/messages": { workerIds: ["A1B2C3D4E5F6G7"], subject: "Fuzz", body: "Hello" },
  "POST /api/workers/blocks/csv": { csv: "WorkerId,Reason\nA1B2C3D4E5F6G7,Fuzz\n" },
  "POST /api/jobs/[id]": { action: "cancel" },
  "POST /api/teams": { name: "Fuzz team" },
};

const QUERY_NAMES = ["q", "status", "page", "answer", "group", "sort"];

/** The route with its dynamic segments filled (environments get a real one unless fuzzed). */
function fill(route: string, segment?: string): string {
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => segment ?? (name === "environment" ? "sandbox" : ID));
}

const hasControl = (value: unknown) => findControlCharacter(value) !== null;
const decodedHasControl = (encoded: string) => {
  try {
    return hasControl(decodeURIComponent(encoded));
  } catch {
    return false;
  }
};

/**
 * Tables written by background work rather than by a request: the sync loop's per-team state and
 * the worker statistics cache (both refreshed on their own schedule for teams that exist).
 */
const BACKGROUND_TABLES = new Set(["SyncState.teamId", "WorkerStatBuild.teamId"]);

/** The tables whose counts differ, background ones left out. */
function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => after[t] !== before[t] && !BACKGROUND_TABLES.has(t));
}

/** Waits until a successful write's background effects (jobs it queued) have stopped changing rows. */
async function settled(teamId: string): Promise<void> {
  let last = JSON.stringify(await teamRowCounts(teamId));
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = JSON.stringify(await teamRowCounts(teamId));
    if (now === last) return;
    last = now;
  }
}

interface Attempt {
  label: string;
  path: string;
  /** A JSON value, or raw text sent as it is. */
  body?: { json: unknown } | { raw: string | Buffer };
  contentType?: string;
  /** NUL or another control character is in the input: the answer must be exactly 400. */
  control?: boolean;
}

function attemptsFor(r: Route): Attempt[] {
  const base = fill(r.route);
  const out: Attempt[] = [];
  if (r.route.includes("[")) {
    for (const seg of PATH_SEGMENTS)
      out.push({
        label: `path segment ${seg.slice(0, 20)}`,
        path: fill(r.route, seg),
        control: decodedHasControl(seg),
        ...(r.method === "GET" || r.method === "DELETE" ? {} : { body: { json: SAMPLE[`${r.method} ${r.route}`] ?? {} } }),
      });
  }
  if (r.method === "GET") {
    for (const q of queryVariants(QUERY_NAMES)) out.push({ label: `query ${q.slice(0, 30)}`, path: `${base}?${q}`, control: q.split("&").some((pair) => pair.split("=").some(decodedHasControl)) });
    return out;
  }
  for (const raw of MALFORMED_BODIES) out.push({ label: `malformed ${JSON.stringify(raw).slice(0, 30)}`, path: base, body: { raw } });
  out.push({ label: "text/plain body", path: base, body: { raw: "{}" }, contentType: "text/plain" });
  out.push({ label: "form body", path: base, body: { raw: "a=1&b=2" }, contentType: "application/x-www-form-urlencoded" });
  out.push({ label: "multipart body", path: base, body: { raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n' }, contentType: "multipart/form-data; boundary=x" });
  out.push({ label: "deep array nesting", path: base, body: { raw: deepJson(20_000) } });
  out.push({ label: "deep object nesting", path: base, body: { raw: deepJson(20_000, "object") } });
  out.push({ label: "10 MB of broken JSON", path: base, body: { raw: `{"a":"${hugeString(10 * 1024 * 1024)}` } });
  const sample = SAMPLE[`${r.method} ${r.route}`] ?? {};
  const firstKey = Object.keys(sample)[0] ?? "padding";
  out.push({ label: "10 MB string field", path: base, body: { json: { ...sample, [firstKey]: hugeString(10 * 1024 * 1024) } } });
  for (const m of mutations(SAMPLE[`${r.method} ${r.route}`] ?? {}, { hugeBytes: 200_000 })) {
    out.push({ label: m.label, path: base, body: { json: m.body }, control: hasControl(m.body) });
  }
  for (const s of CONTROL_STRINGS.slice(0, 3)) out.push({ label: "control string as the whole body", path: base, body: { json: s }, control: hasControl(s) });
  return out;
}

async function send(request: APIRequestContext, origin: string, method: Method, a: Attempt): Promise<APIResponse> {
  const headers: Record<string, string> = { origin, "sec-fetch-site": "same-origin" };
  let data: string | Buffer | undefined;
  if (a.body && "json" in a.body) {
    data = JSON.stringify(a.body.json);
    headers["content-type"] = "application/json";
  } else if (a.body) {
    data = a.body.raw;
    headers["content-type"] = a.contentType ?? "application/json";
  }
  return request.fetch(a.path, { method, headers, data, maxRedirects: 0, timeout: 60_000 });
}

/** A route's answer: its status, and its body only when a failure is reported. */
async function answerOf(route: string, call: () => Promise<APIResponse>, stream: () => Promise<{ status: number; text: string }>): Promise<{ status: number; text: () => Promise<string> }> {
  if (EVENT_STREAMS.has(route)) {
    const { status, text } = await stream();
    return { status, text: () => Promise.resolve(text) };
  }
  const res = await call();
  return { status: res.status(), text: () => res.text() };
}

const routes = discoverRoutes();

test("the route list covers every dashboard route handler", () => {
  // A floor, so a discovery that broke (and found few routes) fails here, not silently.
  expect(routes.length).toBeGreaterThanOrEqual(60);
  for (const r of routes)
    if (r.method !== "GET" && r.method !== "DELETE" && !SAMPLE[`${r.method} ${r.route}`])
      expect
        .soft(`${r.method} ${r.route}`, "has no sample body (fuzzed with {} only)")
        .toMatch(
          /^(POST \/api\/(sync|hits\/\[hitId\]\/copy|team\/connections\/\[environment\]\/test|team\/members\/\[id\]\/password-reset|team\/webhooks\/(\[id\]\/(secret|test)|marketplace-secret)))$/,
        );
});

// Four slices, so one failure names a smaller part and each stays within its time; each test has
// its own team, so the slices run on as many workers as are free.
test.describe.configure({ mode: "parallel" });
const SLICES = 4;
for (let slice = 0; slice < SLICES; slice++) {
  test(`hostile input to dashboard routes never gives a 5xx and a refused request changes no row (part ${slice + 1} of ${SLICES})`, async ({ page, team, baseURL }) => {
    test.setTimeout(900_000);
    await login(page, team.users.owner);
    const mine = routes.filter((_, i) => i % SLICES === slice);
    let total = 0;
    const failures: string[] = [];
    // The counts after a refused request are the counts before the next one.
    let counted: Record<string, string> | null = null;
    for (const r of mine) {
      for (const a of attemptsFor(r)) {
        const write = r.method !== "GET";
        const before = write ? (counted ?? (await teamRowCounts(team.id))) : null;
        counted = null;
        const res = await answerOf(
          r.route,
          () => send(page.request, baseURL!, r.method, a),
          () => eventStreamAnswer(page.request, new URL(a.path, baseURL)),
        );
        total++;
        const status = res.status;
        const what = `${r.method} ${r.route} [${a.label}] → ${status}`;
        if (status >= 500) failures.push(`${what}: ${(await res.text()).slice(0, 200)}`);
        if (a.control && status !== 400 && !READS_NO_INPUT.has(r.route)) failures.push(`${what}: a control character must be a 400`);
        if (write && status >= 400) {
          const after = await teamRowCounts(team.id);
          const changed = changedTables(before!, after);
          if (changed.length) failures.push(`${what}: refused, yet rows changed in ${changed.join(", ")}`);
          else counted = after;
        } else if (write) {
          await settled(team.id);
        }
      }
    }
    // The team still works for its owner after all that.
    expect((await page.request.get("/api/team/balance")).status()).toBe(200);
    expect(failures).toEqual([]);
    expect(total).toBeGreaterThan(300);
    test.info().annotations.push({ type: "requests", description: String(total) });
  });
}

test("bodies over the limit are refused with 413 before they are read", async ({ page, team, baseURL }) => {
  test.setTimeout(120_000);
  await login(page, team.users.owner);
  const before = await teamRowCounts(team.id);
  const big = Buffer.alloc(33 * 1024 * 1024, "a");
  for (const p of ["/api/batches", "/api/teams", "/api/review/results-csv"]) {
    const started = Date.now();
    const res = await send(page.request, baseURL!, "POST", { label: "33 MB", path: p, body: { raw: big } });
    expect(res.status(), p).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 32 MB/);
    expect(Date.now() - started, `${p} answered quickly`).toBeLessThan(30_000);
  }
  expect(changedTables(before, await teamRowCounts(team.id))).toEqual([]);
});

test("a NUL anywhere the issue found a 500 is a 400 that names the field", async ({ page, team, baseURL }) => {
  await login(page, team.users.owner);
  const nul = "bad\u0000text";
  const cases: { method: Method; path: string; body?: unknown; field: RegExp }[] = [
    { method: "PATCH", path: "/api/team", body: { name: nul }, field: /^name contains a control character \(U\+0000\) at character 4; remove it$/ },
    { method: "POST", path: "/api/projects", body: { name: nul, design: {} }, field: /^name / },
    { method: "POST", path: "/api/review/feedback-templates", body: { label: "x", text: nul }, field: /^text / },
    { method: "POST", path: "/api/workers/messages", body: { workerIds: ["A1B2C3D4E5F6G7"], subject: "Hi", body: nul }, field: /^body / },
    { method: "POST", path: "/api/workers/blocks", body: { action: "block", workerIds: ["A1B2C3D4E5F6G7"], reason: nul }, field: /^reason / },
    { method: "POST", path: "/api/team/invites", body: { email: "x@example.com", role: "viewer", note: nul }, field: /^note / },
    { method: "POST", path: "/api/review/decisions", body: { action: "reject", assignmentIds: [ID], feedback: nul }, field: /^feedback / },
    { method: "POST", path: "/api/review/bonuses", body: { assignmentIds: [ID], amount: "0.10", reason: nul, requestKey: "k" }, field: /^reason / },
    { method: "POST", path: "/api/batches", body: { projectId: ID, name: "B", csv: "text,label\nok,1\nbad\u0000,2\n" }, field: /^csv contains a control character \(U\+0000\) at line 3, column 4/ },
    { method: "POST", path: "/api/qualifications/x/ops", body: { ops: [{ op: "revoke", workerId: "A1B2C3D4E5F6G7", reason: nul }] }, field: /^ops\.0\.reason / },
    { method: "GET", path: "/api/review/queue?answer=%00", field: /^Query parameter answer contains a control character \(U\+0000\)/ },
    { method: "GET", path: "/api/hits/results?q=%00", field: /^Query parameter q / },
  ];
  const before = await teamRowCounts(team.id);
  for (const c of cases) {
    const res = await send(page.request, baseURL!, c.method, { label: c.path, path: c.path, ...(c.body === undefined ? {} : { body: { json: c.body } }) });
    expect(res.status(), `${c.method} ${c.path}`).toBe(400);
    expect((await res.json()).error, `${c.method} ${c.path}`).toMatch(c.field);
  }
  // Pages: the search box and filters of the dashboard.
  for (const p of ["/review?answer=%00", "/hits?q=%00", "/workers?q=a%00b", "/batches/%00"]) {
    const res = await page.request.get(p);
    expect(res.status(), p).toBe(400);
    expect(await res.text(), p).toMatch(/control character \(U\+0000\)/);
  }
  expect(changedTables(before, await teamRowCounts(team.id))).toEqual([]);
});
