import "server-only";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import type { Scope } from "@/lib/scope";

/** A cached HIT with its cached assignments and, when a batch made it, the batch row it came from. */
export async function getHitDetail(scope: Scope, hitId: string) {
  const hit = await db.cachedHit.findUnique({ where: { teamId_environment_hitId: { teamId: scope.teamId, environment: scope.environment, hitId } } });
  if (!hit) throw new NotFound("No such HIT in this environment's cache");
  const [assignments, batchHit] = await Promise.all([
    db.cachedAssignment.findMany({
      where: { teamId: scope.teamId, environment: scope.environment, hitId },
      orderBy: [{ submitTime: "asc" }, { acceptTime: "asc" }],
      take: 1000,
      select: { assignmentId: true, workerId: true, status: true, acceptTime: true, submitTime: true, approvalTime: true, rejectionTime: true, requesterFeedback: true, answers: true },
    }),
    db.batchHit.findFirst({ where: { hitId }, select: { batchId: true, rowIndex: true, part: true } }),
  ]);
  const batch = batchHit
    ? await db.batch.findFirst({ where: { id: batchHit.batchId, teamId: scope.teamId, environment: scope.environment }, select: { id: true, name: true, projectId: true, columns: true } })
    : null;
  const row = batch ? await db.batchRow.findUnique({ where: { batchId_rowIndex: { batchId: batch.id, rowIndex: batchHit!.rowIndex } } }) : null;
  const project = batch ? await db.project.findFirst({ where: { id: batch.projectId, teamId: scope.teamId }, select: { id: true, name: true } }) : null;
  return {
    hit,
    assignments,
    batch:
      batch && row
        ? { id: batch.id, name: batch.name, rowNumber: row.rowIndex + 1, part: batchHit!.part + 1, columns: batch.columns as string[], values: row.values as Record<string, string>, project }
        : null,
  };
}
export type HitDetail = Awaited<ReturnType<typeof getHitDetail>>;
