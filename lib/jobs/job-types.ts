import type { EnvironmentName } from "@/lib/auth/roles";

export const JOB_STATUSES = ["queued", "running", "paused", "cancelled", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobContext {
  jobId: string;
  teamId: string;
  environment: EnvironmentName;
  options: unknown;
  createdById: string | null;
}

/**
 * What a kind of job does with each item. processItem must be idempotent: after a crash an item
 * whose result was not recorded runs again (MTurk calls carry a UniqueRequestToken derived
 * from the job and item, so a repeat is recognised by the marketplace).
 */
export interface JobHandler {
  kind: string;
  /** Items in flight at once. */
  concurrency: number;
  processItem(ctx: JobContext, input: unknown, seq: number): Promise<unknown>;
  /** Runs once when the last item is done (or the job is cancelled). */
  onFinish?(ctx: JobContext, status: "succeeded" | "cancelled"): Promise<void>;
}

/** A failure that will not go away by retrying (bad input, refused by MTurk): the item fails at once. */
export class PermanentItemError extends Error {}
