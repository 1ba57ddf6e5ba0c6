import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";

/**
 * Takes back decisions not yet sent. The status change is conditional, so an undo and the
 * runner starting to send race safely: whichever moves the decision first wins, and an undo
 * that lost is told the decision was already sent.
 */
export async function undoDecisions(ctx: TeamContext, decisionIds: string[]): Promise<{ undone: string[] }> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const undone = await db.$transaction(async (tx) => {
    const rows = await tx.reviewDecision.findMany({
      where: { ...scope, id: { in: decisionIds }, status: { in: ["scheduled", "awaiting_confirmation"] } },
      select: { id: true, assignmentId: true, action: true },
    });
    if (rows.length === 0) return rows;
    await tx.reviewDecision.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, status: { in: ["scheduled", "awaiting_confirmation"] } },
      data: { status: "undone", slot: null },
    });
    await recordAudit(ctx, "assignment.undo", rows.length === 1 ? rows[0]!.assignmentId : `${rows.length} assignments`, { decisions: rows }, tx);
    return rows;
  });
  if (undone.length === 0) {
    const known = await db.reviewDecision.count({ where: { ...scope, id: { in: decisionIds } } });
    if (known === 0) throw new NotFound("No such decision in this environment");
    throw new Conflict("Too late to undo: the decision was already sent");
  }
  return { undone: undone.map((r) => r.id) };
}
