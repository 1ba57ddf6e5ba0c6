import "server-only";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import type { JobStatus } from "@/lib/jobs/job-types";

export interface JobProgress {
  id: string;
  kind: string;
  status: JobStatus;
  subjectId: string | null;
  total: number;
  done: number;
  failed: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const PROGRESS = { id: true, kind: true, status: true, subjectId: true, total: true, done: true, failed: true, lastError: true, createdAt: true, startedAt: true, finishedAt: true } as const;

/** A job of this team and environment, or 404: a job id from elsewhere reveals nothing. */
export async function jobProgress(scope: { teamId: string; environment: EnvironmentName }, jobId: string): Promise<JobProgress> {
  const job = await db.job.findFirst({ where: { id: jobId, teamId: scope.teamId, environment: scope.environment }, select: PROGRESS });
  if (!job) throw new HttpError(404, "No such job");
  return job as JobProgress;
}

export async function listJobs(scope: { teamId: string; environment: EnvironmentName }, options: { subjectId?: string; take?: number } = {}): Promise<JobProgress[]> {
  return (await db.job.findMany({
    where: { teamId: scope.teamId, environment: scope.environment, ...(options.subjectId ? { subjectId: options.subjectId } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 20,
    select: PROGRESS,
  })) as JobProgress[];
}

const TRANSITIONS: Record<"pause" | "resume" | "cancel", { from: JobStatus[]; to: JobStatus }> = {
  pause: { from: ["queued", "running"], to: "paused" },
  resume: { from: ["paused"], to: "queued" },
  cancel: { from: ["queued", "running", "paused"], to: "cancelled" },
};

/**
 * Pause, resume or cancel. The runner checks the status about every second, between items, so
 * the change takes effect within a second; items already sent are not undone.
 */
export async function controlJob(scope: { teamId: string; environment: EnvironmentName }, jobId: string, action: keyof typeof TRANSITIONS): Promise<JobProgress> {
  const t = TRANSITIONS[action];
  const moved = await db.job.updateMany({
    where: { id: jobId, teamId: scope.teamId, environment: scope.environment, status: { in: t.from } },
    data: { status: t.to, ...(action === "cancel" ? { finishedAt: new Date() } : {}) },
  });
  const job = await jobProgress(scope, jobId);
  if (moved.count !== 1) throw new HttpError(409, `This job is ${job.status}; it cannot be ${action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`);
  return job;
}
