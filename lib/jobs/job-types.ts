import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import type { EnvironmentName } from "@/lib/scope";

export const JOB_STATUSES = ["queued", "running", "paused", "cancelled", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_ACTIONS = ["pause", "resume", "cancel"] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];
export const JobControlInput = z.object({ action: z.enum(JOB_ACTIONS) });

export interface JobContext {
  jobId: string;
  teamId: string;
  environment: EnvironmentName;
  options: unknown;
  createdById: string | null;
}

/** The member who steers a job, for the audit entries a handler writes. */
export type JobActor = Pick<TeamContext, "team" | "user" | "environment" | "role">;

/** Counts and failures of a job, in the unit its page shows (items unless the handler counts otherwise). */
export interface JobTally {
  total: number;
  done: number;
  failed: number;
  failures: { item: string; error: string }[];
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
  /**
   * Who may see jobs of this kind, and who may steer them with which actions (none: they run to
   * the end). The same roles as the actions that start them.
   */
  access: { read: Role; control?: { role: Role; actions: readonly JobAction[] } };
  processItem(ctx: JobContext, input: unknown, seq: number): Promise<unknown>;
  /** Runs once when the last item is done (or the job is cancelled). */
  onFinish?(ctx: JobContext, status: "succeeded" | "cancelled"): Promise<void>;
  /** What the counts count, as progress displays say it: "HITs" (default "items"). */
  unit?: string;
  /** What a finished item has become, as progress displays say it: "created" (default "done"). */
  doneAs?: string;
  /** How one item is named where it failed: "HIT 3ABC…", a worker id. */
  describeItem?(input: unknown): string;
  /** Counts in another unit than items (a message job counts workers, ≤ 100 per item). */
  tally?(ctx: JobContext, status: JobStatus): Promise<JobTally>;
  /** After a member paused, resumed or cancelled the job: the audit entry, a record to complete. */
  onControl?(actor: JobActor, ctx: JobContext, action: JobAction, before: JobTally): Promise<void>;
}

/** A failure that will not go away by retrying (bad input, refused by MTurk): the item fails at once. */
export class PermanentItemError extends Error {}
