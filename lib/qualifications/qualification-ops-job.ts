import "server-only";
import { recordAudit } from "@/lib/audit";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { jobProgress, type JobProgress } from "@/lib/jobs/job-control";
import { PermanentItemError, type JobHandler } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { applyQualificationOp } from "@/lib/qualifications/apply-qualification-op";
import type { QualificationOp } from "@/lib/qualifications/qualification-op-input";

export const QUALIFICATION_OPS_JOB = "qualifications.ops";

type Actor = Pick<TeamContext, "team" | "user" | "environment">;

/** Bulk decisions and score changes on one type: one item per worker or request. */
export const qualificationOpsHandler: JobHandler = {
  kind: QUALIFICATION_OPS_JOB,
  concurrency: 4,
  async processItem(ctx, raw) {
    const { qualificationTypeId } = ctx.options as { qualificationTypeId: string };
    return { outcome: await applyQualificationOp({ teamId: ctx.teamId, environment: ctx.environment }, qualificationTypeId, raw as QualificationOp) };
  },
};

async function requireOwnType(ctx: Actor, qualificationTypeId: string): Promise<void> {
  const own = await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: { teamId: ctx.team.id, environment: ctx.environment, qualificationTypeId } } });
  if (!own || own.forgottenAt) throw new HttpError(404, "No qualification type of this team has that id in this environment");
}

/** One op at once (its outcome shown on the page); several as a durable job with progress. */
export async function runQualificationOps(ctx: Actor, qualificationTypeId: string, ops: QualificationOp[], label: string = ops[0]!.op): Promise<{ outcome?: string; jobId?: string; total: number }> {
  await requireOwnType(ctx, qualificationTypeId);
  if (ops.length === 1) {
    let outcome: string;
    try {
      outcome = await applyQualificationOp({ teamId: ctx.team.id, environment: ctx.environment }, qualificationTypeId, ops[0]!);
    } catch (e) {
      if (e instanceof PermanentItemError || (e instanceof MturkError && e.kind === "request")) throw new HttpError(409, `The marketplace refused: ${e.message}`);
      throw e;
    }
    await recordAudit(ctx, `qualification.${ops[0]!.op}`, qualificationTypeId, { ...ops[0]!, outcome });
    return { outcome, total: 1 };
  }
  const job = await enqueueJob({
    teamId: ctx.team.id,
    environment: ctx.environment,
    kind: QUALIFICATION_OPS_JOB,
    subjectId: `qualification:${qualificationTypeId}`,
    options: { qualificationTypeId },
    createdById: ctx.user.id,
    items: ops,
  });
  await recordAudit(ctx, `qualification.bulk-${label}`, qualificationTypeId, { jobId: job.id, items: ops.length });
  return { jobId: job.id, total: ops.length };
}

export interface QualificationJob extends Pick<JobProgress, "id" | "status" | "total" | "done" | "failed"> {
  failures: string[];
}

export async function qualificationJob(scope: { teamId: string; environment: TeamContext["environment"] }, jobId: string): Promise<QualificationJob> {
  const job = await jobProgress(scope, jobId);
  if (job.kind !== QUALIFICATION_OPS_JOB) throw new HttpError(404, "No such job");
  const failed = job.failed ? await db.jobItem.findMany({ where: { jobId, status: "failed" }, orderBy: { seq: "asc" }, take: 10, select: { input: true, error: true } }) : [];
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    done: job.done,
    failed: job.failed,
    failures: failed.map((f) => {
      const op = f.input as QualificationOp;
      return `${"workerId" in op ? op.workerId : op.requestId}: ${f.error ?? "failed"}`;
    }),
  };
}
