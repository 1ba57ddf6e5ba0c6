import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";

async function batchOf(ctx: TeamContext, batchId: string) {
  const batch = await db.batch.findFirst({ where: { id: batchId, teamId: ctx.team.id, environment: ctx.environment } });
  if (!batch) throw new NotFound("No such batch in this environment");
  return batch;
}

/** A batch and the id of its creation job, for the batch page (which shows the job's progress). */
export async function batchSummary(ctx: TeamContext, batchId: string) {
  const batch = await batchOf(ctx, batchId);
  const [project, version] = await Promise.all([
    db.project.findUnique({ where: { id: batch.projectId }, select: { id: true, name: true } }),
    db.projectVersion.findUnique({ where: { id: batch.projectVersionId }, select: { version: true } }),
  ]);
  return {
    id: batch.id,
    name: batch.name,
    environment: batch.environment,
    project: project ? { ...project, version: version?.version ?? null } : null,
    rowCount: batch.rowCount,
    estimatedCostCents: batch.estimatedCostCents,
    jobId: batch.jobId,
  };
}

export async function listBatches(ctx: TeamContext, take = 50) {
  const batches = await db.batch.findMany({ where: { teamId: ctx.team.id, environment: ctx.environment }, orderBy: { createdAt: "desc" }, take });
  const jobs = await db.job.findMany({ where: { id: { in: batches.flatMap((b) => (b.jobId ? [b.jobId] : [])) } }, select: { id: true, status: true, done: true, failed: true, total: true } });
  const byId = new Map(jobs.map((j) => [j.id, j]));
  return batches.map((b) => ({ id: b.id, name: b.name, rowCount: b.rowCount, createdAt: b.createdAt, estimatedCostCents: b.estimatedCostCents, job: b.jobId ? (byId.get(b.jobId) ?? null) : null }));
}
