import "server-only";
import { db } from "@/lib/db";
import type { ResolvedHitAction } from "@/lib/hits/apply-hit-action";
import { HIT_ACTION_JOB } from "@/lib/hits/hit-action-job";
import type { Scope } from "@/lib/hits/list-hits";
import { HttpError } from "@/lib/http-error";
import { jobProgress, type JobProgress } from "@/lib/jobs/job-control";

export interface HitJob extends Omit<JobProgress, "createdAt" | "startedAt" | "finishedAt"> {
  action: ResolvedHitAction["kind"];
  createdAt: string;
  finishedAt: string | null;
  /** The last few failures, with the reason MTurk gave. */
  failures: { hitId: string; error: string }[];
}

async function failuresOf(jobId: string) {
  const items = await db.jobItem.findMany({ where: { jobId, status: "failed" }, orderBy: { seq: "asc" }, take: 5, select: { input: true, error: true } });
  return items.map((i) => ({ hitId: (i.input as { hitId: string }).hitId, error: i.error ?? "" }));
}

function shape(job: JobProgress, options: unknown, failures: HitJob["failures"]): HitJob {
  return {
    ...job,
    action: (options as { action: ResolvedHitAction }).action.kind,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    failures,
  };
}

/** Bulk HIT actions of this team and environment, newest first, for the jobs panel. */
export async function listHitJobs(scope: Scope, take = 5): Promise<HitJob[]> {
  const jobs = await db.job.findMany({ where: { teamId: scope.teamId, environment: scope.environment, kind: HIT_ACTION_JOB }, orderBy: { createdAt: "desc" }, take });
  return Promise.all(jobs.map(async (j) => shape(j as JobProgress, j.options, j.failed ? await failuresOf(j.id) : [])));
}

export async function hitJob(scope: Scope, jobId: string): Promise<HitJob> {
  const progress = await jobProgress(scope, jobId);
  if (progress.kind !== HIT_ACTION_JOB) throw new HttpError(404, "No such job");
  const { options } = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { options: true } });
  return shape(progress, options, progress.failed ? await failuresOf(jobId) : []);
}
