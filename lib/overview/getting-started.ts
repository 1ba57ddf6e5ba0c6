import "server-only";
import { db } from "@/lib/db";

/** Audit entries looked at for trial HITs: a team tries its projects a few times, not hundreds. */
const RECENT_TRIALS = 20;

export interface GettingStartedStep {
  key: "project" | "try" | "sandbox-batch" | "invite" | "production";
  title: string;
  hint: string;
  /** Where the step is done. */
  href: string;
  action: string;
  done: boolean;
}

/**
 * A new team's first steps, each ticked from the team's own data (not from clicks on this
 * list), so a step done anywhere, by anyone in the team, counts.
 */
export async function gettingStarted(teamId: string): Promise<GettingStartedStep[]> {
  const [project, trials, sandboxBatch, invites, members, production, deposit] = await Promise.all([
    db.project.findFirst({ where: { teamId, archivedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } }),
    db.auditLog.findMany({ where: { teamId, action: "project.try" }, orderBy: { createdAt: "desc" }, take: RECENT_TRIALS, select: { detail: true } }),
    db.batch.findFirst({ where: { teamId, environment: "sandbox" }, select: { id: true } }),
    db.invite.count({ where: { teamId, revokedAt: null } }),
    db.membership.count({ where: { teamId } }),
    db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment: "production" } }, select: { kind: true } }),
    db.auditLog.findFirst({ where: { teamId, action: "marketplace.deposit" }, select: { id: true } }),
  ]);
  // Tried as a worker: a trial HIT's assignment was submitted on the worker site (as the sync saw it).
  const trialHitIds = trials.map((t) => (t.detail as { hitId?: unknown } | null)?.hitId).filter((id): id is string => typeof id === "string");
  const triedAsWorker =
    trialHitIds.length > 0 &&
    (await db.cachedAssignment.findFirst({ where: { teamId, environment: "sandbox", hitId: { in: trialHitIds }, submitTime: { not: null } }, select: { assignmentId: true } })) !== null;
  const projectHref = project ? `/projects/${project.id}` : "/projects/new";
  return [
    {
      key: "project",
      title: "Create a project",
      hint: "Start from a template: categorization, sentiment, bounding boxes, surveys and more.",
      href: "/projects/new",
      action: "Choose a template",
      done: project !== null,
    },
    {
      key: "try",
      title: "Try it as a worker",
      hint: "Publish a one-HIT trial in sandbox and submit it on the worker site, as your workers will see it.",
      href: projectHref,
      action: "Open your project",
      done: triedAsWorker,
    },
    {
      key: "sandbox-batch",
      title: "Publish a sandbox batch",
      hint: "Upload a CSV: one HIT per row, with test money.",
      href: project ? `/projects/${project.id}/batches/new` : "/projects",
      action: "Upload a CSV",
      done: sandboxBatch !== null,
    },
    { key: "invite", title: "Invite a teammate", hint: "Reviewers approve and reject; viewers only look.", href: "/settings#members", action: "Invite someone", done: invites > 0 || members > 1 },
    {
      key: "production",
      title: "Get production ready",
      hint: "Connect your AWS MTurk account, or record a deposit to fund the built-in marketplace.",
      href: "/settings#marketplace",
      action: "Open marketplace settings",
      done: (production !== null && production.kind !== "builtin") || deposit !== null,
    },
  ];
}
