import { type Role } from "@/lib/auth/roles";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createApiKey } from "@/lib/marketplace/admin";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { findTemplate } from "@/lib/projects/templates";
import { createWorkerInvite } from "@/lib/marketplace/worker-site/workforce";
import { test } from "./fixtures";
import { seedHits } from "./hits-seed";
import { seedMarketplaceWorker, seedQualificationType } from "./people-seed";
import { seedCachedAssignment, seedPendingDecision } from "./review-seed";
import { seedUser, uniqueEmail, type SeededTeam } from "./seed";

/**
 * The authorization matrix's rows: every route handler, called by every principal (see
 * e2e/roles.spec.ts). A new route handler without a row here (or in TOKEN_ROUTES /
 * OTHERWISE_GUARDED) fails "every entry point has a row".
 *
 * One row per (method, route): the least role that may call it, and a `prepare` that makes
 * what one call needs in the given team (a member to remove, a batch...) and returns the request.
 * Another team's owner gets the very same request built from THIS team's ids and must be refused
 * (403/404) without any change to this team — unless `ownTeam` says the request names nothing of
 * this team (no ids), so the other owner simply acts on their own team.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRequest {
  path: string;
  body?: unknown;
  form?: Record<string, string>;
}

export interface RouteCase {
  method: Method;
  route: string;
  role: Role;
  /** Path and body for one attempt; may create what the call needs (a member to remove...). */
  prepare(team: SeededTeam): RouteRequest | Promise<RouteRequest>;
  /** The request carries no id of the team: another team's owner acts on their own team. */
  ownTeam?: true;
  /**
   * A CSV naming another team's ids is bad input (422 "unknown rows": not found among the
   * caller's own), not a 404 of the route. Still must change nothing.
   */
  crossTenantStatus?: 422;
  /** The answer is an endless event stream: the matrix reads its status and hangs up. */
  stream?: true;
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

/** An endpoint on a loopback port nothing listens on: a walk's test event goes nowhere. */
const webhook = async (team: SeededTeam) =>
  (await db.webhookEndpoint.create({ data: { teamId: team.id, environment: "sandbox", url: "http://127.0.0.1:9/walk", eventTypes: ["HITExpired"], secretCiphertext: encryptSecret("whsec_walk") } }))
    .id;

const apiKey = async (team: SeededTeam) => (await createApiKey(team.id, { name: uniqueEmail("walk-key"), environment: null })).key.id;

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
    data: {
      teamId: team.id,
      environment: "sandbox",
      projectId,
      projectVersionId: version.id,
      name: "Walk",
      columns: ["text"],
      rowCount: 0,
      assignmentsPerRow: 1,
      estimatedCostCents: 0,
      jobId: job.id,
    },
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

/** A job of a kind; a paused one of a kind that may be cancelled takes the walk's cancel. */
async function job(team: SeededTeam, kind: string, status: "succeeded" | "paused", options: object = {}): Promise<string> {
  return (await db.job.create({ data: { teamId: team.id, environment: "sandbox", kind, status, options } })).id;
}

/** A batch whose (empty) creation job is paused: a resume finishes it at once. */
async function pausedBatchJob(team: SeededTeam): Promise<string> {
  const batchId = await batch(team);
  const { jobId } = await db.batch.findUniqueOrThrow({ where: { id: batchId }, select: { jobId: true } });
  await db.job.update({ where: { id: jobId! }, data: { kind: "batch.create" } });
  return jobId!;
}

const walkQualification = (team: SeededTeam) => seedQualificationType(team, test.info().project.use.baseURL!);

export const CASES: RouteCase[] = [
  { method: "POST", route: "/api/me/environment", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/me/environment", body: { environment: "sandbox" } }) },
  { method: "POST", route: "/api/me/team", role: "viewer", prepare: (t) => ({ path: "/api/me/team", body: { teamId: t.id } }) },
  { method: "POST", route: "/api/me/getting-started", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/me/getting-started", body: { hidden: false } }) },
  // A member's own notifications and choices: the request names nothing of the team.
  { method: "GET", route: "/api/notifications", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/notifications" }) },
  { method: "POST", route: "/api/notifications/read", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/notifications/read", body: { all: true } }) },
  { method: "GET", route: "/api/notifications/preferences", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/notifications/preferences" }) },
  {
    method: "PUT",
    route: "/api/notifications/preferences",
    role: "viewer",
    ownTeam: true,
    prepare: () => ({ path: "/api/notifications/preferences", body: { preferences: [{ type: "BatchFinished", inApp: true, email: false }] } }),
  },
  { method: "GET", route: "/api/team/balance", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/team/balance" }) },
  { method: "GET", route: "/api/overview/charts", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/overview/charts?days=7&timeZone=UTC" }) },
  { method: "GET", route: "/api/sync", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/sync" }) },
  { method: "GET", route: "/api/live", role: "viewer", ownTeam: true, stream: true, prepare: () => ({ path: "/api/live" }) },
  { method: "POST", route: "/api/sync", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/sync", body: {} }) },
  { method: "GET", route: "/api/audit/export", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/audit/export?action=member." }) },
  { method: "PATCH", route: "/api/team", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team", body: { reviewerBonusLimitCents: 700 } }) },
  { method: "POST", route: "/api/team/invites", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/invites", body: { email: uniqueEmail("walk"), role: "viewer" } }) },
  { method: "DELETE", route: "/api/team/invites/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/invites/${await pendingInvite(t)}` }) },
  { method: "PATCH", route: "/api/team/members/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/members/${await extraMember(t)}`, body: { role: "reviewer" } }) },
  { method: "DELETE", route: "/api/team/members/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/members/${await extraMember(t)}` }) },
  { method: "POST", route: "/api/team/members/[id]/password-reset", role: "owner", prepare: async (t) => ({ path: `/api/team/members/${await extraMember(t)}/password-reset`, body: {} }) },
  { method: "PUT", route: "/api/team/connections/[environment]", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/connections/sandbox", body: { kind: "builtin" } }) },
  { method: "PUT", route: "/api/team/connections/[environment]", role: "owner", ownTeam: true, prepare: () => ({ path: "/api/team/connections/production", body: { kind: "builtin" } }) },
  { method: "POST", route: "/api/team/connections/[environment]/test", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/connections/sandbox/test", body: {} }) },
  { method: "GET", route: "/api/team/api-keys", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/api-keys" }) },
  { method: "POST", route: "/api/team/api-keys", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/api-keys", body: { name: uniqueEmail("walk-key"), environment: "both" } }) },
  { method: "PATCH", route: "/api/team/api-keys/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/api-keys/${await apiKey(t)}`, body: { environment: "sandbox" } }) },
  { method: "DELETE", route: "/api/team/api-keys/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/api-keys/${await apiKey(t)}` }) },
  { method: "GET", route: "/api/team/webhooks", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/webhooks" }) },
  { method: "POST", route: "/api/team/webhooks", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/webhooks", body: { url: "http://127.0.0.1:9/walk", eventTypes: ["HITExpired"] } }) },
  { method: "PATCH", route: "/api/team/webhooks/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/webhooks/${await webhook(t)}`, body: { enabled: false } }) },
  { method: "DELETE", route: "/api/team/webhooks/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/webhooks/${await webhook(t)}` }) },
  { method: "POST", route: "/api/team/webhooks/[id]/secret", role: "admin", prepare: async (t) => ({ path: `/api/team/webhooks/${await webhook(t)}/secret`, body: {} }) },
  { method: "POST", route: "/api/team/webhooks/[id]/test", role: "admin", prepare: async (t) => ({ path: `/api/team/webhooks/${await webhook(t)}/test`, body: {} }) },
  { method: "POST", route: "/api/team/webhooks/marketplace-secret", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/webhooks/marketplace-secret", body: {} }) },
  { method: "GET", route: "/api/team/webhooks/[id]/deliveries", role: "admin", prepare: async (t) => ({ path: `/api/team/webhooks/${await webhook(t)}/deliveries` }) },
  { method: "POST", route: "/api/team/api-keys/[id]/rotate", role: "admin", prepare: async (t) => ({ path: `/api/team/api-keys/${await apiKey(t)}/rotate`, body: { keepOldSecret: false } }) },
  { method: "GET", route: "/api/team/workforce", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/team/workforce" }) },
  { method: "PATCH", route: "/api/team/workforce", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/workforce", body: { paused: true } }) },
  { method: "GET", route: "/api/team/workforce/invites", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/workforce/invites" }) },
  { method: "POST", route: "/api/team/workforce/invites", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/team/workforce/invites", body: { label: "walk" } }) },
  { method: "DELETE", route: "/api/team/workforce/invites/[id]", role: "admin", prepare: async (t) => ({ path: `/api/team/workforce/invites/${await workerInvite(t)}` }) },
  { method: "POST", route: "/api/projects", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/projects", body: { name: "Walk", design: findTemplate("sentiment")!.design } }) },
  {
    method: "PUT",
    route: "/api/projects/[id]",
    role: "admin",
    prepare: async (t) => ({ path: `/api/projects/${await project(t)}`, body: { name: "Walk 2", design: findTemplate("sentiment")!.design } }),
  },
  { method: "PATCH", route: "/api/projects/[id]", role: "admin", prepare: async (t) => ({ path: `/api/projects/${await project(t)}`, body: { archived: true } }) },
  { method: "DELETE", route: "/api/projects/[id]", role: "admin", prepare: async (t) => ({ path: `/api/projects/${await project(t)}` }) },
  { method: "GET", route: "/task-preview/templates/[id]", role: "viewer", ownTeam: true, prepare: () => ({ path: "/task-preview/templates/sentiment" }) },
  { method: "POST", route: "/api/projects/[id]/try", role: "admin", prepare: async (t) => ({ path: `/api/projects/${await project(t)}/try`, body: { values: { text: "Hi" } } }) },
  { method: "POST", route: "/api/batches/preview", role: "admin", prepare: async (t) => ({ path: "/api/batches/preview", body: await batchBody(t) }) },
  { method: "POST", route: "/api/batches", role: "admin", prepare: async (t) => ({ path: "/api/batches", body: await batchBody(t) }) },
  { method: "GET", route: "/api/batches/[id]/results", role: "viewer", prepare: async (t) => ({ path: `/api/batches/${await batch(t)}/results` }) },
  { method: "GET", route: "/api/hits/results", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/hits/results?status=Assignable" }) },
  // One job route for every kind; the role each needs is its kind's (as the actions that start them).
  { method: "GET", route: "/api/jobs/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/jobs/${await job(t, "hits.action", "succeeded", { action: { kind: "expire" } })}` }) },
  { method: "GET", route: "/api/jobs/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/jobs/${await job(t, "review.decide", "succeeded")}` }) },
  { method: "GET", route: "/api/jobs/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/jobs/${await job(t, "qualifications.ops", "succeeded")}` }) },
  { method: "GET", route: "/api/jobs/[id]", role: "admin", prepare: async (t) => ({ path: `/api/jobs/${await job(t, "workers.block", "succeeded")}` }) },
  {
    method: "POST",
    route: "/api/jobs/[id]",
    role: "admin",
    prepare: async (t) => ({ path: `/api/jobs/${await job(t, "hits.action", "paused", { action: { kind: "expire" } })}`, body: { action: "cancel" } }),
  },
  { method: "POST", route: "/api/jobs/[id]", role: "admin", prepare: async (t) => ({ path: `/api/jobs/${await pausedBatchJob(t)}`, body: { action: "resume" } }) },
  { method: "POST", route: "/api/jobs/[id]", role: "admin", prepare: async (t) => ({ path: `/api/jobs/${await job(t, "workers.block", "paused", { action: "block" })}`, body: { action: "cancel" } }) },
  { method: "GET", route: "/api/hits/jobs", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/hits/jobs" }) },
  { method: "POST", route: "/api/hits/jobs", role: "admin", prepare: async (t) => ({ path: "/api/hits/jobs", body: { action: { kind: "expire" }, hitIds: [await walkHit(t)] } }) },
  { method: "POST", route: "/api/hits/[hitId]/actions", role: "admin", prepare: async (t) => ({ path: `/api/hits/${await walkHit(t)}/actions`, body: { action: { kind: "expire" } } }) },
  { method: "POST", route: "/api/hits/[hitId]/copy", role: "admin", prepare: async (t) => ({ path: `/api/hits/${await walkHit(t)}/copy`, body: {} }) },
  { method: "POST", route: "/api/team/deposits", role: "owner", ownTeam: true, prepare: () => ({ path: "/api/team/deposits", body: { amount: "1.00" } }) },
  { method: "GET", route: "/api/review/queue", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/review/queue?group=hit" }) },
  { method: "GET", route: "/api/review/assignments/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/review/assignments/${(await seedCachedAssignment(t.id)).assignmentId}` }) },
  {
    method: "POST",
    route: "/api/review/decisions",
    role: "reviewer",
    prepare: async (t) => ({ path: "/api/review/decisions", body: { action: "approve", assignmentIds: [(await seedCachedAssignment(t.id)).assignmentId] } }),
  },
  {
    method: "POST",
    route: "/api/review/decisions/undo",
    role: "reviewer",
    prepare: async (t) => ({ path: "/api/review/decisions/undo", body: { decisionIds: [await seedPendingDecision(t.id, "scheduled")] } }),
  },
  {
    method: "POST",
    route: "/api/review/decisions/confirm",
    role: "reviewer",
    prepare: async (t) => ({ path: "/api/review/decisions/confirm", body: { decisionIds: [await seedPendingDecision(t.id, "awaiting_confirmation")] } }),
  },
  {
    method: "POST",
    route: "/api/review/bonuses",
    role: "reviewer",
    prepare: async (t) => ({
      path: "/api/review/bonuses",
      body: { assignmentIds: [(await seedCachedAssignment(t.id)).assignmentId], amount: "0.10", reason: "Walk", requestKey: uniqueEmail("key"), preview: true },
    }),
  },
  {
    method: "POST",
    route: "/api/review/results-csv",
    role: "reviewer",
    crossTenantStatus: 422,
    prepare: async (t) => ({ path: "/api/review/results-csv", body: { csv: `AssignmentId,Approve,Reject\n${(await seedCachedAssignment(t.id)).assignmentId},x,\n`, preview: true } }),
  },
  {
    method: "POST",
    route: "/api/review/bonus-csv",
    role: "reviewer",
    crossTenantStatus: 422,
    prepare: async (t) => {
      const a = await seedCachedAssignment(t.id);
      return { path: "/api/review/bonus-csv", body: { csv: `WorkerId,AssignmentId,Amount,Reason\n${a.workerId},${a.assignmentId},0.10,Walk\n`, preview: true } };
    },
  },
  { method: "GET", route: "/api/review/settings", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/review/settings" }) },
  { method: "PATCH", route: "/api/review/settings", role: "admin", ownTeam: true, prepare: () => ({ path: "/api/review/settings", body: { undoWindowSeconds: 10 } }) },
  { method: "GET", route: "/api/review/feedback-templates", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/review/feedback-templates" }) },
  {
    method: "POST",
    route: "/api/review/feedback-templates",
    role: "reviewer",
    ownTeam: true,
    prepare: () => ({ path: "/api/review/feedback-templates", body: { label: uniqueEmail("tpl").slice(0, 40), text: "Walk" } }),
  },
  {
    method: "POST",
    route: "/api/qualifications",
    role: "admin",
    ownTeam: true,
    prepare: () => ({ path: "/api/qualifications", body: { name: uniqueEmail("walk"), description: "Walk", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } } }),
  },
  { method: "GET", route: "/api/qualifications/[id]", role: "viewer", prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}` }) },
  {
    method: "PATCH",
    route: "/api/qualifications/[id]",
    role: "admin",
    prepare: async (t) => ({
      path: `/api/qualifications/${await walkQualification(t)}`,
      body: { description: "Walked", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } },
    }),
  },
  { method: "DELETE", route: "/api/qualifications/[id]", role: "admin", prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}` }) },
  {
    method: "POST",
    route: "/api/qualifications/[id]/status",
    role: "admin",
    prepare: async (t) => ({ path: `/api/qualifications/${await walkQualification(t)}/status`, body: { status: "Inactive" } }),
  },
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
    prepare: async (t) => ({
      path: `/api/qualifications/${await walkQualification(t)}/ops`,
      body: {
        ops: [
          { op: "revoke", workerId: await seedMarketplaceWorker(), reason: "Walk" },
          { op: "grant", workerId: await seedMarketplaceWorker(), value: 1 },
        ],
      },
    }),
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
  { method: "GET", route: "/api/workers/export", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/workers/export?blocked=blocked" }) },
  {
    method: "POST",
    route: "/api/workers/blocks",
    role: "admin",
    ownTeam: true,
    prepare: async () => ({ path: "/api/workers/blocks", body: { action: "block", workerIds: [await seedMarketplaceWorker()], reason: "Walk" } }),
  },
  {
    method: "POST",
    route: "/api/workers/messages",
    role: "admin",
    ownTeam: true,
    prepare: async () => ({ path: "/api/workers/messages", body: { workerIds: [await seedMarketplaceWorker()], subject: "Walk", body: "Hello" } }),
  },
  {
    method: "POST",
    route: "/api/workers/blocks/csv",
    role: "admin",
    ownTeam: true,
    prepare: async () => ({ path: "/api/workers/blocks/csv", body: { csv: `WorkerId,Reason\n${await seedMarketplaceWorker()},Walk\n` } }),
  },
  { method: "POST", route: "/api/batches/[id]/messages", role: "admin", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/messages`, body: { subject: "Walk", body: "Hello" } }) },
  { method: "GET", route: "/api/batches/[id]/top-up", role: "reviewer", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/top-up` }) },
  { method: "POST", route: "/api/batches/[id]/top-up", role: "reviewer", prepare: async (t) => ({ path: `/api/batches/${await workedBatch(t)}/top-up`, body: { expectedTotalCents: 0 } }) },
  // The project editor's live preview: a form post into a sandboxed frame, outside /api.
  {
    method: "POST",
    route: "/task-preview",
    role: "viewer",
    ownTeam: true,
    prepare: () => ({ path: "/task-preview", form: { payload: JSON.stringify({ task: findTemplate("sentiment")!.design.task, values: { text: "Hi" } }) } }),
  },
  // Last: creating a team makes it the caller's active team.
  { method: "POST", route: "/api/teams", role: "viewer", ownTeam: true, prepare: () => ({ path: "/api/teams", body: { name: "Side project" } }) },
];

/**
 * Route handlers that need no session by design: they serve task content to the worker site's
 * sandboxed frame and take its submissions, authorised by the signed task token in the path
 * (signed with the install's secret, naming one worker and assignment). Every principal gets the
 * same refusal for a forged token; the happy paths are in e2e/worker-site.spec.ts.
 */
export interface TokenRouteCase {
  method: Method;
  route: string;
  path: string;
  form?: Record<string, string>;
  status: number;
}

const FORGED = "forged.token";

export const TOKEN_ROUTES: TokenRouteCase[] = [
  { method: "GET", route: "/task/[token]", path: `/task/${FORGED}`, status: 404 },
  { method: "GET", route: "/task/[token]/mturk/externalSubmit", path: `/task/${FORGED}/mturk/externalSubmit?answer=1`, status: 404 },
  { method: "POST", route: "/task/[token]/mturk/externalSubmit", path: `/task/${FORGED}/mturk/externalSubmit`, form: { answer: "1" }, status: 404 },
];

/** Routes guarded by something other than a session or a task token, each with its own tests. */
export const OTHERWISE_GUARDED = [
  /^\/api\/auth\//, // Auth.js itself
  /^\/api\/health$/, // liveness, no data
  /^\/api\/mturk\//, // the built-in marketplace: SigV4 per requester (test/marketplace)
];
