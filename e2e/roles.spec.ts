import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { findTemplate } from "@/lib/projects/templates";
import { createWorkerInvite } from "@/lib/marketplace/worker-site/workforce";
import { expect, login, test } from "./support/fixtures";
import { seedHits } from "./support/hits-seed";
import { seedMarketplaceWorker, seedQualificationType } from "./support/people-seed";
import { seedCachedAssignment, seedPendingDecision } from "./support/review-seed";
import { seedUser, uniqueEmail, type SeededTeam } from "./support/seed";

/**
 * Every route handler of the dashboard, called by every role and by an anonymous client: the
 * server itself must refuse (401/403) below the required role and act at or above it.
 */
interface RouteCase {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  route: string;
  role: Role;
  /** Path and body for one attempt; may create what the call needs (a member to remove...). */
  prepare(team: SeededTeam): Promise<{ path: string; body?: unknown }>;
}

async function extraMember(team: SeededTeam): Promise<string> {
  const user = await seedUser("extra");
  return (await db.membership.create({ data: { userId: user.id, teamId: team.id, role: "viewer" } })).id;
}

async function pendingInvite(team: SeededTeam): Promise<string> {
  const invite = await db.invite.create({
    data: { teamId: team.id, email: uniqueEmail("pending"), role: "viewer", tokenHash: uniqueEmail("hash"), createdById: team.users.owner.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return invite.id;
}

async function workerInvite(team: SeededTeam): Promise<string> {
  const requesterId = await findRequesterId(team.id, "sandbox");
  return (await createWorkerInvite(requesterId!, { label: "walk" })).id;
}

async function project(team: SeededTeam): Promise<string> {
  const p = await db.project.create({ data: { teamId: team.id, name: "Walk", templateId: "sentiment" } });
  await db.projectVersion.create({ data: { projectId: p.id, version: 1, design: findTemplate("sentiment")!.design } });
  return p.id;
}

async function batch(team: SeededTeam): Promise<string> {
  const projectId = await project(team);
  const version = await db.projectVersion.findFirstOrThrow({ where: { projectId } });
  const job = await db.job.create({ data: { teamId: team.id, environment: "sandbox", kind: "walk.none", status: "paused" } });
  const b = await db.batch.create({
    data: { teamId: team.id, environment: "sandbox", projectId, projectVersionId: version.id, name: "Walk", columns: ["text"], rowCount: 0, assignmentsPerRow: 1, estimatedCostCents: 0, jobId: job.id },
  });
  return b.id;
}

/** A batch one (cached) worker has worked on: enough to message its workers or plan a top-up. */
async function workedBatch(team: SeededTeam): Promise<string> {
  const batchId = await batch(team);
  const a = await seedCachedAssignment(team.id);
  await db.batchHit.create({ data: { batchId, rowIndex: 0, part: 0, hitId: a.hitId } });
  return batchId;
}

const batchBody = async (team: SeededTeam) => ({ projectId: await project(team), name: "Walk batch", csv: "text\nhello\n" });

/** A real HIT on the team's built-in sandbox account, in the cache. */
const walkHit = async (team: SeededTeam) => (await seedHits(team, test.info().project.use.baseURL!, ["Walk HIT"]))[0]!;

async function hitJob(team: SeededTeam, status: "succeeded" | "paused"): Promise<string> {
  return (await db.job.create({ data: { teamId: team.id, environment: "sandbox", kind: "hits.action", status, options: { action: { kind: "expire" } } } })).id;
}

const walkQualification = (team: SeededTeam) => seedQualificationType(team, test.info().project.use.baseURL!);

const CASES: RouteCase[] = [
  { method: "POST", route: "/api/me/environment", role: "viewer", prepare: async () => ({ path: "/api/me/environment", body: { environment: "sandbox" } }) },
  { method: "POST", route: "/api/me/team", role: "viewer", prepare: async (t) => ({ path: "/api/me/team", body: { teamId: t.id } }) },
  { method: "GET", route: "/api/team/balance", role: "viewer", prepare: async () => ({ path: "/api/team/balance" }) },
  { method: "GET", route: "/api/sync", role: "viewer", prepare: async () => ({ path: "/api/sync" }) },
  { method: "POST", route: "/api/sync", role: "viewer", prepare: async () => ({ path: "/api/sync", body: {} }) },
  { method: "GET", route: "/api/audit/export", role: "admin", prepare: async () => ({ path: "/api/audit/export?action=member." }) },
  { method: "PATCH", route: "/api/team", role: "admin", prepare: async () => ({ path: "/api/team", body: { reviewerBonusLimitCents: 700 } }) },
  { method: "POST", route: "/api/team/invites", role: "admin", prepare: async () => ({ path: "/api/team/invites", body: { email: uniqueEmail("walk"), role: "viewer" } }) },
  { method: "DELETE", route: "/api/team/invites/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/invites/${await pendingInvite(t)}` }) },
  { method: "PATCH", route: "/api/team/members/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/members/${await extraMember(t)}`, body: { role: "reviewer" } }) },
  { method: "DELETE", route: "/api/team/members/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/members/${await extraMember(t)}` }) },
  { method: "PUT", route: "/api/team/connections/[environment]", role: "admin", prepare: async () => ({ path: "/api/team/connections/sandbox", body: { kind: "builtin" } }) },
  { method: "PUT", route: "/api/team/connections/[environment]", role: "owner", prepare: async () => ({ path: "/api/team/connections/production", body: { kind: "builtin" } }) },
  { method: "POST", route: "/api/team/connections/[environment]/test", role: "admin", prepare: async () => ({ path: "/api/team/connections/sandbox/test", body: {} }) },
  { method: "GET", route: "/api/team/workforce", role: "viewer", prepare: async () => ({ path: "/api/team/workforce" }) },
  { method: "PATCH", route: "/api/team/workforce", role: "admin", prepare: async () => ({ path: "/api/team/workforce", body: { paused: true } }) },
  { method: "GET", route: "/api/team/workforce/invites", role: "admin", prepare: async () => ({ path: "/api/team/workforce/invites" }) },
  { method: "POST", route: "/api/team/workforce/invites", role: "admin", prepare: async () => ({ path: "/api/team/workforce/invites", body: { label: "walk" } }) },
  { method: "DELETE", route: "/api/team/workforce/invites/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/workforce/invites/${await workerInvite(t)}` }) },
  { method: "POST", route: "/api/projects", role: "admin", prepare: async () => ({ path: "/api/projects", body: { name: "Walk", design: findTemplate("sentiment")!.design } }) },
  { method: "PUT", route: "/api/projects/[id]", role: "admin", prepare: async (t) => ({ path: `/api/projects/${await project(t)}`, body: { name: "Walk 2", design: findTemplate("sentiment")!.design } }) },
  { method: "POST", route: "/api/projects/[id]/try", role: "admin", prepare: async (t) => ({ path: `/api/projects/${await project(t)}/try`, body: { values: { text: "Hi" } } }) },
  { method: "POST", route: "/api/batches/preview", role: "admin", prepare: async (t) => ({ path: "/api/batches/preview", body: await batchBody(t) }) },
  { method: "POST", route: "/api/batches", role: "admin", prepare: async (t) => ({ path: "/api/batches", body: await batchBody(t) }) },
  { method: "GET", route: "/api/batches/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/batches/${await batch(t)}` }) },
  { method: "POST", route: "/api/batches/[id]/control", role: "admin", prepare: async (t) => ({ path: `/api/batches/${await batch(t)}/control`, body: { action: "resume" } }) },
  { method: "GET", route: "/api/batches/[id]/results", role: "viewer", prepare: async (t) => ({ path: `/api/batches/${await batch(t)}/results` }) },
  { method: "GET", route: "/api/hits/results", role: "viewer", prepare: async () => ({ path: "/api/hits/results?status=Assignable" }) },
  { method: "GET", route: "/api/hits/jobs", role: "viewer", prepare: async () => ({ path: "/api/hits/jobs" }) },
  { method: "POST", route: "/api/hits/jobs", role: "admin", prepare: async (t) => ({ path: "/api/hits/jobs", body: { action: { kind: "expire" }, hitIds: [await walkHit(t)] } }) },
  { method: "GET", route: "/api/hits/jobs/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/hits/jobs/${await hitJob(t, "succeeded")}` }) },
  { method: "POST", route: "/api/hits/jobs/[id]", role: "admin", prepare: async (t) => ({ path: `/api/hits/jobs/${await hitJob(t, "paused")}`, body: { action: "cancel" } }) },
  { method: "POST", route: "/api/hits/[hitId]/actions", role: "admin", prepare: async (t) => ({ path: `/api/hits/${await walkHit(t)}/actions`, body: { action: { kind: "expire" } } }) },
  { method: "POST", route: "/api/hits/[hitId]/copy", role: "admin", prepare: async (t) => ({ path: `/api/hits/${await walkHit(t)}/copy`, body: {} }) },
  { method: "POST", route: "/api/team/deposits", role: "owner", prepare: async () => ({ path: "/api/team/deposits", body: { amount: "1.00" } }) },
  { method: "GET", route: "/api/review/queue", role: "viewer", prepare: async () => ({ path: "/api/review/queue?group=hit" }) },
  { method: "GET", route: "/api/review/assignments/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/review/assignments/${(await seedCachedAssignment(t.id)).assignmentId}` }) },
  { method: "POST", route: "/api/review/decisions", role: "reviewer", prepare: async (t) => ({ path: "/api/review/decisions", body: { action: "approve", assignmentIds: [(await seedCachedAssignment(t.id)).assignmentId] } }) },
  { method: "POST", route: "/api/review/decisions/undo", role: "reviewer", prepare: async (t) => ({ path: "/api/review/decisions/undo", body: { decisionIds: [await seedPendingDecision(t.id, "scheduled")] } }) },
  { method: "POST", route: "/api/review/decisions/confirm", role: "reviewer", prepare: async (t) => ({ path: "/api/review/decisions/confirm", body: { decisionIds: [await seedPendingDecision(t.id, "awaiting_confirmation")] } }) },
  {
    method: "POST",
    route: "/api/review/bonuses",
    role: "reviewer",
    prepare: async (t) => ({ path: "/api/review/bonuses", body: { assignmentIds: [(await seedCachedAssignment(t.id)).assignmentId], amount: "0.10", reason: "Walk", requestKey: uniqueEmail("key"), preview: true } }),
  },
  {
    method: "POST",
    route: "/api/review/results-csv",
    role: "reviewer",
    prepare: async (t) => ({ path: "/api/review/results-csv", body: { csv: `AssignmentId,Approve,Reject\n${(await seedCachedAssignment(t.id)).assignmentId},x,\n`, preview: true } }),
  },
  {
    method: "POST",
    route: "/api/review/bonus-csv",
    role: "reviewer",
    prepare: async (t) => {
      const a = await seedCachedAssignment(t.id);
      return { path: "/api/review/bonus-csv", body: { csv: `WorkerId,AssignmentId,Amount,Reason\n${a.workerId},${a.assignmentId},0.10,Walk\n`, preview: true } };
    },
  },
  {
    method: "GET",
    route: "/api/review/jobs/[id]",
    role: "viewer",
    prepare: async (t) => ({ path: `/api/review/jobs/${(await db.job.create({ data: { teamId: t.id, environment: "sandbox", kind: "review.walk", status: "succeeded" } })).id}` }),
  },
  { method: "GET", route: "/api/review/settings", role: "viewer", prepare: async () => ({ path: "/api/review/settings" }) },
  { method: "PATCH", route: "/api/review/settings", role: "admin", prepare: async () => ({ path: "/api/review/settings", body: { undoWindowSeconds: 10 } }) },
  { method: "GET", route: "/api/review/feedback-templates", role: "viewer", prepare: async () => ({ path: "/api/review/feedback-templates" }) },
  { method: "POST", route: "/api/review/feedback-templates", role: "reviewer", prepare: async () => ({ path: "/api/review/feedback-templates", body: { label: uniqueEmail("tpl").slice(0, 40), text: "Walk" } }) },
  {
    method: "POST",
    route: "/api/qualifications",
    role: "admin",
    prepare: async () => ({ path: "/api/qualifications", body: { name: uniqueEmail("walk"), description: "Walk", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } } }),
  },
  { method: "GET", route: "/api/qualifications/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}` }) },
  {
    method: "PATCH",
    route: "/api/qualifications/[id]",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}`, body: { description: "Walked", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } } }),
  },
  { method: "DELETE", route: "/api/qualifications/[id]", role: "admin", prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}` }) },
  { method: "POST", route: "/api/qualifications/[id]/status", role: "admin", prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/status`, body: { status: "Inactive" } }) },
  {
    method: "POST",
    route: "/api/qualifications/[id]/ops",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/ops`, body: { ops: [{ op: "grant", workerId: await seedMarketplaceWorker(), value: 5 }] } }),
  },
  {
    method: "POST",
    route: "/api/qualifications/[id]/ops",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/ops`, body: { ops: [{ op: "revoke", workerId: await seedMarketplaceWorker(), reason: "Walk" }, { op: "grant", workerId: await seedMarketplaceWorker(), value: 1 }] } }),
  },
  {
    method: "POST",
    route: "/api/qualifications/[id]/grant-agreement",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/grant-agreement`, body: { source: { kind: "all" }, minPercent: 80, value: 1, preview: true } }),
  },
  {
    method: "POST",
    route: "/api/qualifications/[id]/scores-csv",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/scores-csv`, body: { csv: "WorkerId,Value\nA1B2C3D4E5F6G7,5\n", preview: true } }),
  },
  {
    method: "POST",
    route: "/api/qualifications/[id]/grant-batch",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/grant-batch`, body: { batchId: await batch(t), value: 1, preview: true } }),
  },
  {
    method: "GET",
    route: "/api/qualifications/jobs/[id]",
    role: "viewer",
    prepare: async (t) => ({ path: `/api/qualifications/jobs/${(await db.job.create({ data: { teamId: t.id, environment: "sandbox", kind: "qualifications.ops", status: "succeeded" } })).id}` }),
  },
  { method: "GET", route: "/api/workers/export", role: "viewer", prepare: async () => ({ path: "/api/workers/export?blocked=blocked" }) },
  { method: "POST", route: "/api/workers/blocks", role: "admin", prepare: async () => ({ path: "/api/workers/blocks", body: { action: "block", workerIds: [await seedMarketplaceWorker()], reason: "Walk" } }) },
  { method: "POST", route: "/api/workers/messages", role: "admin", prepare: async () => ({ path: "/api/workers/messages", body: { workerIds: [await seedMarketplaceWorker()], subject: "Walk", body: "Hello" } }) },
  { method: "POST", route: "/api/workers/blocks/csv", role: "admin", prepare: async () => ({ path: "/api/workers/blocks/csv", body: { csv: `WorkerId,Reason\n${await seedMarketplaceWorker()},Walk\n` } }) },
  {
    method: "GET",
    route: "/api/workers/jobs/[id]",
    role: "admin",
    prepare: async (t) => ({ path: `/api/workers/jobs/${(await db.job.create({ data: { teamId: t.id, environment: "sandbox", kind: "workers.block", status: "succeeded" } })).id}` }),
  },
  {
    method: "POST",
    route: "/api/workers/jobs/[id]",
    role: "admin",
    prepare: async (t) => ({ path: `/api/workers/jobs/${(await db.job.create({ data: { teamId: t.id, environment: "sandbox", kind: "workers.block", status: "paused", options: { action: "block" } } })).id}`, body: { action: "cancel" } }),
  },
  { method: "POST", route: "/api/batches/[id]/messages", role: "admin", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/messages`, body: { subject: "Walk", body: "Hello" } }) },
  { method: "GET", route: "/api/batches/[id]/top-up", role: "reviewer", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/top-up` }) },
  { method: "POST", route: "/api/batches/[id]/top-up", role: "reviewer", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/top-up`, body: { expectedTotalCents: 0 } }) },
  // Last: creating a team makes it the caller's active team.
  { method: "POST", route: "/api/teams", role: "viewer", prepare: async () => ({ path: "/api/teams", body: { name: "Side project" } }) },
];

/** Routes guarded by something other than a team session, each with its own tests. */
const OTHERWISE_GUARDED = [
  /^\/api\/auth\//, // Auth.js itself
  /^\/api\/health$/, // liveness, no data
  /^\/api\/mturk\//, // the built-in marketplace: SigV4 per requester (test/marketplace)
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

test("every route handler is in this walk or guarded otherwise", () => {
  const apiDir = path.join(process.cwd(), "app", "api");
  const missing: string[] = [];
  for (const file of routeFiles(apiDir)) {
    const route = "/api/" + path.relative(apiDir, path.dirname(file)).split(path.sep).join("/");
    if (OTHERWISE_GUARDED.some((re) => re.test(route))) continue;
    const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    for (const method of methods) {
      if (!CASES.some((c) => c.method === method && c.route === route)) missing.push(`${method} ${route}`);
    }
  }
  expect(missing).toEqual([]);
});

async function call(request: APIRequestContext, c: RouteCase, target: { path: string; body?: unknown }) {
  const res = await request.fetch(target.path, { method: c.method, data: target.body === undefined ? undefined : target.body });
  return res.status();
}

test("anonymous clients are refused everywhere", async ({ playwright, team, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const c of CASES) {
    expect(await call(anonymous, c, await c.prepare(team)), `${c.method} ${c.route}`).toBe(401);
  }
  await anonymous.dispose();
});

for (const role of ROLES) {
  test(`a ${role} is allowed exactly what the role permits`, async ({ page, team }) => {
    await login(page, team.users[role]);
    for (const c of CASES) {
      const status = await call(page.request, c, await c.prepare(team));
      const label = `${role}: ${c.method} ${c.route} (needs ${c.role})`;
      if (hasRole(role, c.role)) expect(status, label).toBeLessThan(300);
      else expect(status, label).toBe(403);
    }
  });
}

test("a viewer sees settings read-only, without the admin controls", async ({ page, team }) => {
  await login(page, team.users.viewer);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change" })).toHaveCount(0);
  await expect(page.getByLabel("Team name", { exact: true })).toBeDisabled();
});
