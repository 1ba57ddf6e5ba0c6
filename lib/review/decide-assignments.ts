import "server-only";
import { randomUUID } from "node:crypto";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { matchingAssignmentIds } from "@/lib/review/list-review-queue";
import type { DecideInput } from "@/lib/review/review-inputs";
import { reviewSettings } from "@/lib/review/review-settings";
import { workerStats, type WorkerStats } from "@/lib/review/worker-stats";

export const DECIDE_JOB_KIND = "review.decide";
const OVERRIDE_WINDOW_MS = 30 * 24 * 3600 * 1000;

export type DecideResult =
  | { confirmRequired: true; impact: WorkerStats[]; affected: number }
  | {
      confirmRequired: false;
      jobId: string | null;
      decisions: { id: string; assignmentId: string; status: string; notBefore: string }[];
      /** Assignments not decided by this request, and why. */
      skipped: { assignmentId: string; reason: string }[];
    };

/**
 * Records decisions on assignments and queues them to be sent. Rejections wait out the team's
 * undo window (or a second reviewer, in production if the team asks for it). A live decision
 * holds a unique slot per assignment, so two reviewers deciding at once cannot both get in:
 * the second insert finds the slot taken and its reviewer gets a 409.
 */
export async function decideAssignments(ctx: TeamContext, input: DecideInput): Promise<DecideResult> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const ids = "assignmentIds" in input ? [...new Set(input.assignmentIds)] : await matchingAssignmentIds(scope, input.filter);
  if (ids.length === 0) throw new NotFound("No submitted assignments match");
  const cached = await db.cachedAssignment.findMany({
    where: { ...scope, assignmentId: { in: ids } },
    select: { assignmentId: true, hitId: true, workerId: true, status: true, submitTime: true },
  });
  // Ids none of which are in this team's environment (another team's, made up) are not found:
  // whether they exist elsewhere is not this team's to learn.
  if (cached.length === 0) throw new NotFound(ids.length === 1 ? `Assignment ${ids[0]} not found in this environment` : "None of these assignments is in this environment");
  const byId = new Map(cached.map((a) => [a.assignmentId, a]));
  const skipped: { assignmentId: string; reason: string }[] = [];
  const eligible = ids.flatMap((id) => {
    const a = byId.get(id);
    const reason = !a
      ? "not found in this environment"
      : input.action === "override"
        ? a.status !== "Rejected"
          ? `is ${a.status}, not Rejected`
          : !a.submitTime || Date.now() - a.submitTime.getTime() > OVERRIDE_WINDOW_MS
            ? "was submitted more than 30 days ago"
            : null
        : a.status !== "Submitted"
          ? `was already ${a.status.toLowerCase()}`
          : null;
    if (reason) skipped.push({ assignmentId: id, reason });
    return a && !reason ? [a] : [];
  });
  if (eligible.length === 0) throw new Conflict(`Assignment ${skipped[0]!.assignmentId} ${skipped[0]!.reason}`, { skipped });

  if (input.action === "reject" && eligible.length > 1 && !input.confirmedImpact) {
    const stats = await workerStats(scope, [...new Set(eligible.map((a) => a.workerId))]);
    return { confirmRequired: true, affected: eligible.length, impact: [...stats.values()] };
  }

  const settings = await reviewSettings(ctx.team.id);
  const awaitsSecondReviewer = input.action === "reject" && ctx.environment === "production" && settings.confirmProductionRejections;
  const notBefore = new Date(Date.now() + (input.action === "reject" ? settings.undoWindowSeconds * 1000 : 0));
  const status = awaitsSecondReviewer ? "awaiting_confirmation" : "scheduled";
  const slot = input.action === "override" ? "override" : "decide";
  const feedback = input.feedback || null;

  const { jobId, inserted } = await db.$transaction(
    async (tx) => {
      const rows = eligible.map((a) => ({ id: randomUUID(), ...a }));
      const inserted: { id: string; assignmentId: string }[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        inserted.push(
          ...(await tx.$queryRaw<{ id: string; assignmentId: string }[]>`
          INSERT INTO "ReviewDecision" (id, "teamId", environment, "assignmentId", "hitId", "workerId", action, feedback, status, slot, "notBefore", "decidedById", "decidedByEmail")
          SELECT u.id, ${scope.teamId}, ${scope.environment}::"Environment", u."assignmentId", u."hitId", u."workerId", ${input.action}, ${feedback}, ${status}, ${slot}, ${notBefore}, ${ctx.user.id}, ${ctx.user.email}
          FROM unnest(${chunk.map((r) => r.id)}::text[], ${chunk.map((r) => r.assignmentId)}::text[], ${chunk.map((r) => r.hitId)}::text[], ${chunk.map((r) => r.workerId)}::text[])
            AS u(id, "assignmentId", "hitId", "workerId")
          ON CONFLICT ("teamId", environment, "assignmentId", slot) DO NOTHING
          RETURNING id, "assignmentId"`),
        );
      }
      if (inserted.length === 0) return { jobId: null, inserted };
      let jobId: string | null = null;
      if (!awaitsSecondReviewer) {
        jobId = (
          await enqueueDecisionJob(
            tx,
            ctx,
            inserted.map((d) => d.id),
            notBefore,
          )
        ).id;
      }
      await recordAudit(
        ctx,
        `assignment.${input.action}`,
        inserted.length === 1 ? inserted[0]!.assignmentId : `${inserted.length} assignments`,
        { assignmentIds: inserted.map((d) => d.assignmentId), feedback, status, notBefore: notBefore.toISOString(), jobId },
        tx,
      );
      return { jobId, inserted };
    },
    { timeout: 60_000 },
  );

  const taken = new Set(inserted.map((d) => d.assignmentId));
  for (const a of eligible) if (!taken.has(a.assignmentId)) skipped.push({ assignmentId: a.assignmentId, reason: "is being decided by someone else" });
  if (inserted.length === 0) {
    const other = await db.reviewDecision.findFirst({ where: { ...scope, assignmentId: eligible[0]!.assignmentId, slot }, select: { decidedByEmail: true, action: true } });
    throw new Conflict(`Assignment ${eligible[0]!.assignmentId} was just ${other ? `${other.action === "reject" ? "rejected" : "approved"} by ${other.decidedByEmail}` : "decided by someone else"}`, {
      skipped,
    });
  }
  return {
    confirmRequired: false,
    jobId,
    decisions: inserted.map((d) => ({ id: d.id, assignmentId: d.assignmentId, status, notBefore: notBefore.toISOString() })),
    skipped,
  };
}

/** The job that sends decisions once notBefore has passed; its items are decision ids. */
export async function enqueueDecisionJob(tx: Prisma.TransactionClient, ctx: TeamContext, decisionIds: string[], notBefore: Date): Promise<{ id: string }> {
  const job = await enqueueJob(
    {
      teamId: ctx.team.id,
      environment: ctx.environment,
      kind: DECIDE_JOB_KIND,
      options: notBefore.getTime() > Date.now() ? { notBefore: notBefore.toISOString() } : {},
      createdById: ctx.user.id,
      items: decisionIds.map((decisionId) => ({ decisionId })),
    },
    tx,
  );
  await tx.reviewDecision.updateMany({ where: { id: { in: decisionIds } }, data: { jobId: job.id } });
  return job;
}
