import "server-only";
import type { Job } from "@/lib/generated/prisma/client";
import type { WebhookEvent } from "@/lib/webhooks/webhook-event";

/** The JobFinished webhook event of a job that ended: ran to the end ("succeeded") or was cancelled. */
export function jobFinishedEvent(job: Pick<Job, "id" | "kind" | "subjectId" | "total" | "done" | "failed" | "finishedAt">, status: "succeeded" | "cancelled"): WebhookEvent {
  const at = job.finishedAt ?? new Date();
  return {
    type: "JobFinished",
    key: job.id,
    occurredAt: at,
    data: { jobId: job.id, kind: job.kind, status, subjectId: job.subjectId, total: job.total, done: job.done, failed: job.failed, EventTimestamp: at.toISOString() },
  };
}
