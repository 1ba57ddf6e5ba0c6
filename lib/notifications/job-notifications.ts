import "server-only";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { db } from "@/lib/db";
import type { Job } from "@/lib/generated/prisma/client";
import { notify, type NotificationEvent } from "@/lib/notifications/notify";

/**
 * Bulk jobs as their notification names them, and where to look at what they did. Keyed by the
 * kinds' names rather than the handlers' constants: the job runner calls this module, and lib/jobs
 * imports no domain (a test checks the names against the registered handlers).
 */
export const BULK_JOBS: Record<string, { what: string; unit: string; href: string }> = {
  "review.decide": { what: "Review decisions", unit: "assignment", href: "/review" },
  "review.bonus": { what: "Bonus payments", unit: "bonus", href: "/workers" },
  "hits.action": { what: "Bulk HIT action", unit: "HIT", href: "/hits" },
  "qualifications.ops": { what: "Qualification changes", unit: "change", href: "/qualifications" },
};

/**
 * A job of one item is a click in the review queue, not bulk work: the member watched it
 * happen. From two items on, the member who started it hears when it is done.
 */
const BULK_MIN_ITEMS = 2;

const plural = (n: number, unit: string) => `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : unit.endsWith("s") ? "es" : "s"}`;

/** The notification of a job that ran to its end, if its kind has one. */
export async function jobEndedEvent(job: Pick<Job, "id" | "kind" | "subjectId" | "total" | "done" | "failed" | "finishedAt" | "createdById">): Promise<NotificationEvent | null> {
  const occurredAt = job.finishedAt ?? new Date();
  if (job.kind === BATCH_CREATE_JOB) {
    const batch = job.subjectId ? await db.batch.findUnique({ where: { id: job.subjectId }, select: { id: true, name: true } }) : null;
    if (!batch) return null;
    const href = `/batches/${batch.id}`;
    if (job.failed > 0) {
      return {
        type: "BatchFailed",
        key: job.id,
        occurredAt,
        href,
        title: `Batch “${batch.name}” failed`,
        body: `${plural(job.failed, "HIT")} of ${job.total.toLocaleString("en-US")} could not be created; ${job.done.toLocaleString("en-US")} went live.`,
      };
    }
    return { type: "BatchFinished", key: job.id, occurredAt, href, title: `Batch “${batch.name}” is live`, body: `All ${plural(job.total, "HIT")} were created.` };
  }
  const bulk = BULK_JOBS[job.kind];
  if (!bulk || job.total < BULK_MIN_ITEMS) return null;
  return {
    type: "BulkJobFinished",
    key: job.id,
    occurredAt,
    href: bulk.href,
    title: `${bulk.what} finished`,
    body: job.failed > 0 ? `${job.done.toLocaleString("en-US")} of ${plural(job.total, bulk.unit)} done, ${job.failed.toLocaleString("en-US")} failed.` : `All ${plural(job.total, bulk.unit)} done.`,
    // Who started it; a job started without a member (none today) goes to every member with the role.
    userIds: job.createdById ? [job.createdById] : undefined,
  };
}

/** Notifies the members concerned that `job` ran to its end (called by the job runner). */
export async function notifyJobEnded(job: Pick<Job, "id" | "teamId" | "environment" | "kind" | "subjectId" | "total" | "done" | "failed" | "finishedAt" | "createdById">): Promise<void> {
  // The job is done whatever happens here: a notification that cannot be written is logged, not retried.
  try {
    const event = await jobEndedEvent(job);
    if (event) await notify({ teamId: job.teamId, environment: job.environment }, [event]);
  } catch (e) {
    console.error(`[notifications] job ${job.id} (${job.kind}) ended without its notification`, e);
  }
}
