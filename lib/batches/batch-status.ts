import "server-only";
import { z } from "zod";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { controlJob, jobProgress } from "@/lib/jobs/job-control";

export const BatchControlInput = z.object({ action: z.enum(["pause", "resume", "cancel"]) });

async function batchOf(ctx: TeamContext, batchId: string) {
  const batch = await db.batch.findFirst({ where: { id: batchId, teamId: ctx.team.id, environment: ctx.environment } });
  if (!batch) throw new HttpError(404, "No such batch in this environment");
  return batch;
}

/** A batch with its creation job's progress, for the batch page (polled while it runs). */
export async function batchStatus(ctx: TeamContext, batchId: string) {
  const batch = await batchOf(ctx, batchId);
  const [job, hitsCreated, project] = await Promise.all([
    batch.jobId ? jobProgress({ teamId: ctx.team.id, environment: ctx.environment }, batch.jobId) : null,
    db.batchHit.count({ where: { batchId } }),
    db.project.findUnique({ where: { id: batch.projectId }, select: { id: true, name: true } }),
  ]);
  const version = await db.projectVersion.findUnique({ where: { id: batch.projectVersionId }, select: { version: true } });
  return {
    id: batch.id,
    name: batch.name,
    environment: batch.environment,
    project: project ? { ...project, version: version?.version ?? null } : null,
    rowCount: batch.rowCount,
    hitsPerRow: batch.hitsPerRow,
    hitsExpected: batch.rowCount * batch.hitsPerRow,
    hitsCreated,
    estimatedCostCents: batch.estimatedCostCents,
    createdAt: batch.createdAt,
    job,
  };
}

export async function controlBatch(ctx: TeamContext, batchId: string, action: z.infer<typeof BatchControlInput>["action"]) {
  const batch = await batchOf(ctx, batchId);
  if (!batch.jobId) throw new HttpError(409, "This batch has no creation job");
  const job = await controlJob({ teamId: ctx.team.id, environment: ctx.environment }, batch.jobId, action);
  await recordAudit(ctx, `batch.${action}`, batch.name, { batchId });
  return job;
}

export async function listBatches(ctx: TeamContext, take = 50) {
  const batches = await db.batch.findMany({ where: { teamId: ctx.team.id, environment: ctx.environment }, orderBy: { createdAt: "desc" }, take });
  const jobs = await db.job.findMany({ where: { id: { in: batches.flatMap((b) => (b.jobId ? [b.jobId] : [])) } }, select: { id: true, status: true, done: true, failed: true, total: true } });
  const byId = new Map(jobs.map((j) => [j.id, j]));
  return batches.map((b) => ({ id: b.id, name: b.name, rowCount: b.rowCount, createdAt: b.createdAt, estimatedCostCents: b.estimatedCostCents, job: b.jobId ? (byId.get(b.jobId) ?? null) : null }));
}
