import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { PermanentItemError, type JobHandler } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { applyQualificationOp } from "@/lib/qualifications/apply-qualification-op";
import type { QualificationOp } from "@/lib/qualifications/qualification-op-input";
import type { Actor } from "@/lib/scope";

export const QUALIFICATION_OPS_JOB = "qualifications.ops";

/** Bulk decisions and score changes on one type: one item per worker or request. */
export const qualificationOpsHandler: JobHandler = {
  kind: QUALIFICATION_OPS_JOB,
  concurrency: 4,
  access: { read: "viewer" },
  describeItem: (raw) => {
    const op = raw as QualificationOp;
    return "workerId" in op ? op.workerId : op.requestId;
  },
  async processItem(ctx, raw) {
    const { qualificationTypeId } = ctx.options as { qualificationTypeId: string };
    return { outcome: await applyQualificationOp({ teamId: ctx.teamId, environment: ctx.environment }, qualificationTypeId, raw as QualificationOp) };
  },
};

async function requireOwnType(ctx: Actor, qualificationTypeId: string): Promise<void> {
  const own = await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: { teamId: ctx.team.id, environment: ctx.environment, qualificationTypeId } } });
  if (!own || own.forgottenAt) throw new NotFound("No qualification type of this team has that id in this environment");
}

/** One op at once (its outcome shown on the page); several as a durable job with progress. */
export async function runQualificationOps(ctx: Actor, qualificationTypeId: string, ops: QualificationOp[], label: string = ops[0]!.op): Promise<{ outcome?: string; jobId?: string; total: number }> {
  await requireOwnType(ctx, qualificationTypeId);
  if (ops.length === 1) {
    let outcome: string;
    try {
      outcome = await applyQualificationOp({ teamId: ctx.team.id, environment: ctx.environment }, qualificationTypeId, ops[0]!);
    } catch (e) {
      if (e instanceof PermanentItemError || (e instanceof MturkError && e.kind === "request")) throw new Conflict(`The marketplace refused: ${e.message}`);
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
