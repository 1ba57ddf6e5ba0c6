import "server-only";
import { hasRole, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Forbidden, NotFound } from "@/lib/errors";
import type { Job } from "@/lib/generated/prisma/client";
import { jobHandler } from "@/lib/jobs/job-registry";
import type { JobAction, JobContext, JobHandler, JobStatus, JobTally } from "@/lib/jobs/job-types";
import type { EnvironmentName } from "@/lib/scope";

export interface JobScope {
  teamId: string;
  environment: EnvironmentName;
}

/** A job as every progress display shows it; dates as ISO strings, as they travel to the browser. */
export interface JobView extends JobTally {
  id: string;
  kind: string;
  status: JobStatus;
  unit: string;
  doneAs: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** What the member asking may do to it now (by role and by the job's status). */
  actions: JobAction[];
}

const FAILURES_SHOWN = 100;

/** Which transitions each status allows. */
export const ACTION_FROM: Record<JobAction, JobStatus[]> = {
  pause: ["queued", "running"],
  resume: ["paused"],
  cancel: ["queued", "running", "paused"],
};

export function jobContext(job: Job): JobContext {
  return { jobId: job.id, teamId: job.teamId, environment: job.environment, options: job.options, createdById: job.createdById };
}

/**
 * A job of this team and environment with the handler of its kind, or 404 (a job id from
 * elsewhere reveals nothing); 403 when the member's role may not see jobs of this kind.
 */
export async function findJob(scope: JobScope, jobId: string, role: Role): Promise<{ job: Job; handler: JobHandler }> {
  const job = await db.job.findFirst({ where: { id: jobId, teamId: scope.teamId, environment: scope.environment } });
  const handler = job && jobHandler(job.kind);
  if (!job || !handler) throw new NotFound("No such job");
  if (!hasRole(role, handler.access.read)) throw new Forbidden(`This needs the ${handler.access.read} role; you are ${role}`);
  return { job, handler };
}

export async function jobTally(job: Job, handler: JobHandler): Promise<JobTally> {
  if (handler.tally) return handler.tally(jobContext(job), job.status as JobStatus);
  const failed = job.failed
    ? await db.jobItem.findMany({ where: { jobId: job.id, status: "failed" }, orderBy: { seq: "asc" }, take: FAILURES_SHOWN, select: { seq: true, input: true, error: true } })
    : [];
  return {
    total: job.total,
    done: job.done,
    failed: job.failed,
    failures: failed.map((f) => ({ item: handler.describeItem?.(f.input) ?? `Item ${f.seq + 1}`, error: f.error ?? "failed" })),
  };
}

/** The one view of a job's progress: counts, failures by item, and what this member may do. */
export async function jobView(scope: JobScope, jobId: string, role: Role): Promise<JobView> {
  const { job, handler } = await findJob(scope, jobId, role);
  const status = job.status as JobStatus;
  const control = handler.access.control;
  const actions = control && hasRole(role, control.role) ? control.actions.filter((a) => ACTION_FROM[a].includes(status)) : [];
  return {
    id: job.id,
    kind: job.kind,
    status,
    unit: handler.unit ?? "items",
    doneAs: handler.doneAs ?? "done",
    lastError: job.lastError,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    ...(await jobTally(job, handler)),
    actions,
  };
}
