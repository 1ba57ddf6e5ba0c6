import "server-only";
import { db } from "@/lib/db";
import type { ResolvedHitAction } from "@/lib/hits/apply-hit-action";
import { HIT_ACTION_JOB } from "@/lib/hits/hit-action-job";
import type { Scope } from "@/lib/scope";

export interface RecentHitJob {
  id: string;
  action: ResolvedHitAction["kind"];
  status: string;
}

/** Bulk HIT actions of this team and environment, newest first, for the jobs panel (each shows its own progress). */
/** The recent jobs with when they were read, for the page to hand its client as the first reading. */
export async function hitJobsReading(scope: Scope): Promise<{ jobs: RecentHitJob[]; readAt: number }> {
  const readAt = Date.now();
  return { jobs: await listHitJobs(scope), readAt };
}

export async function listHitJobs(scope: Scope, take = 5): Promise<RecentHitJob[]> {
  const jobs = await db.job.findMany({
    where: { teamId: scope.teamId, environment: scope.environment, kind: HIT_ACTION_JOB },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, options: true },
  });
  return jobs.map((j) => ({ id: j.id, action: (j.options as { action: ResolvedHitAction }).action.kind, status: j.status }));
}
