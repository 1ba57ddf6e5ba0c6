import "server-only";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Conflict, Forbidden } from "@/lib/errors";
import { jobFinishedEvent } from "@/lib/jobs/job-finished-event";
import type { JobAction, JobActor } from "@/lib/jobs/job-types";
import { ACTION_FROM, findJob, jobContext, jobTally, jobView, type JobView } from "@/lib/jobs/job-view";
import { queueWebhookEvents } from "@/lib/webhooks/webhook-event";

const TO: Record<JobAction, "paused" | "queued" | "cancelled"> = { pause: "paused", resume: "queued", cancel: "cancelled" };
const PAST: Record<JobAction, string> = { pause: "paused", resume: "resumed", cancel: "cancelled" };

/**
 * Pause, resume or cancel, if this member's role may do that to jobs of this kind. The runner
 * checks the status about every second, between items, so the change takes effect within a
 * second; items already sent are not undone.
 */
export async function controlJob(actor: JobActor, jobId: string, action: JobAction): Promise<JobView> {
  const scope = { teamId: actor.team.id, environment: actor.environment };
  const { job, handler } = await findJob(scope, jobId, actor.role);
  const control = handler.access.control;
  if (!control?.actions.includes(action)) throw new Conflict(`Jobs of this kind cannot be ${PAST[action]}`);
  if (!hasRole(actor.role, control.role)) throw new Forbidden(`This needs the ${control.role} role; you are ${actor.role}`);
  const before = await jobTally(job, handler);
  const moved = await db.job.updateManyAndReturn({
    where: { id: jobId, ...scope, status: { in: ACTION_FROM[action] } },
    data: { status: TO[action], ...(action === "cancel" ? { finishedAt: new Date() } : {}) },
  });
  if (moved.length !== 1) {
    const now = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } });
    throw new Conflict(`This job is ${now.status}; it cannot be ${PAST[action]}`);
  }
  // A cancelled job is finished: its receivers hear so as for one that ran to the end.
  if (action === "cancel") await queueWebhookEvents(scope, [jobFinishedEvent(moved[0]!, "cancelled")]);
  await handler.onControl?.(actor, jobContext(job), action, before);
  return jobView(scope, jobId, actor.role);
}
