import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { enqueueDecisionJob } from "@/lib/review/decide-assignments";

/** A second reviewer confirms production rejections that wait for one; they are sent at once. */
export async function confirmRejections(ctx: TeamContext, decisionIds: string[]): Promise<{ confirmed: number; jobId: string }> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  return db.$transaction(async (tx) => {
    const rows = await tx.reviewDecision.findMany({ where: { ...scope, id: { in: decisionIds }, status: "awaiting_confirmation" }, select: { id: true, assignmentId: true, decidedById: true } });
    if (rows.length === 0) {
      const known = await tx.reviewDecision.count({ where: { ...scope, id: { in: decisionIds } } });
      if (known === 0) throw new NotFound("No such rejection in this environment");
      throw new Conflict("Nothing to confirm: these rejections were undone or already confirmed");
    }
    if (rows.some((r) => r.decidedById === ctx.user.id)) throw new Forbidden("A second reviewer must confirm a rejection you made");
    const now = new Date();
    const moved = await tx.reviewDecision.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, status: "awaiting_confirmation" },
      data: { status: "scheduled", confirmedById: ctx.user.id, notBefore: now },
    });
    if (moved.count !== rows.length) throw new Conflict("Someone else changed these rejections just now; reload and try again");
    const job = await enqueueDecisionJob(
      tx,
      ctx,
      rows.map((r) => r.id),
      now,
    );
    await recordAudit(
      ctx,
      "assignment.reject.confirm",
      rows.length === 1 ? rows[0]!.assignmentId : `${rows.length} assignments`,
      { assignmentIds: rows.map((r) => r.assignmentId), jobId: job.id },
      tx,
    );
    return { confirmed: rows.length, jobId: job.id };
  });
}
