import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Job } from "@/lib/generated/prisma/client";
import { jobFinishedEvent } from "@/lib/jobs/job-finished-event";
import { PermanentItemError, type JobContext, type JobHandler } from "@/lib/jobs/job-types";
import { jobContext } from "@/lib/jobs/job-view";
import { MturkError } from "@/lib/mturk/errors";
import { withCallerRetries } from "@/lib/mturk/retry-layer";
import { notifyJobEnded } from "@/lib/notifications/job-notifications";
import { queueWebhookEvents } from "@/lib/webhooks/webhook-event";

const LEASE_MS = 30_000;
// How often a runner confirms it still holds the job: pause and cancel take effect this fast.
const CHECK_MS = 1000;
const PAGE = 200;
const MAX_ATTEMPTS = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the oldest runnable job whose lease is free (queued, or running with an expired lease:
 * its previous runner died) and holds it with a lease. FOR UPDATE SKIP LOCKED lets several
 * app instances take different jobs at once. A job whose options carry a `notBefore` time (ISO
 * string) waits until then: a rejection waits out its undo window this way.
 */
async function claimJob(runnerId: string, kinds: string[], teamId: string | null): Promise<Job | null> {
  const rows = await db.$queryRaw<Job[]>`
    UPDATE "Job" SET "lockedBy" = ${runnerId}, "lockedUntil" = now() + (${LEASE_MS} * interval '1 millisecond'),
      status = 'running', "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
    WHERE id = (
      SELECT id FROM "Job"
      WHERE status IN ('queued', 'running') AND ("lockedUntil" IS NULL OR "lockedUntil" < now()) AND kind = ANY(${kinds})
        AND (${teamId}::text IS NULL OR "teamId" = ${teamId})
        AND (options->>'notBefore' IS NULL OR (options->>'notBefore')::timestamptz <= now())
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`;
  return rows[0] ?? null;
}

/** Extends the lease while we still hold it; false when the job was paused, cancelled or taken over. */
async function renewLease(jobId: string, runnerId: string): Promise<boolean> {
  const renewed = await db.job.updateMany({
    where: { id: jobId, lockedBy: runnerId, status: "running" },
    data: { lockedUntil: new Date(Date.now() + LEASE_MS) },
  });
  return renewed.count === 1;
}

function retryable(e: unknown): boolean {
  if (e instanceof PermanentItemError) return false;
  if (e instanceof MturkError) return e.retryable;
  return true;
}

/** Runs one item to an outcome, absorbing throttling and transient faults with backoff. */
async function runItem(handler: JobHandler, ctx: JobContext, item: { seq: number; input: unknown; attempts: number }): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
  for (let attempt = item.attempts; ; attempt++) {
    try {
      // This loop is the items' only retry layer: MTurk calls inside make one request each.
      return { ok: true, result: (await withCallerRetries(() => handler.processItem(ctx, item.input, item.seq))) ?? null };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!retryable(e) || attempt + 1 >= MAX_ATTEMPTS) return { ok: false, error: message };
      await db.jobItem.update({ where: { jobId_seq: { jobId: ctx.jobId, seq: item.seq } }, data: { attempts: attempt + 1, error: message } });
      await sleep(Math.min(30_000, 250 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/**
 * Works through a claimed job: pending items in order, `concurrency` at a time, each outcome
 * recorded as soon as it is known. Stops between items when the job is paused or cancelled or
 * the lease is lost; the next claim resumes with the items still pending.
 */
async function runJob(job: Job, handler: JobHandler, runnerId: string, signal?: AbortSignal): Promise<void> {
  const ctx = jobContext(job);
  let lastRenew = Date.now();
  let stop = false;
  for (;;) {
    const items = await db.jobItem.findMany({ where: { jobId: job.id, status: "pending" }, orderBy: { seq: "asc" }, take: PAGE, select: { seq: true, input: true, attempts: true } });
    if (items.length === 0) break;
    let next = 0;
    const lane = async () => {
      while (!stop && !signal?.aborted && next < items.length) {
        const item = items[next++]!;
        const outcome = await runItem(handler, ctx, item);
        await db.$transaction([
          db.jobItem.update({
            where: { jobId_seq: { jobId: job.id, seq: item.seq } },
            data: outcome.ok ? { status: "done", result: outcome.result as object, error: null } : { status: "failed", error: outcome.error },
          }),
          db.job.update({ where: { id: job.id }, data: outcome.ok ? { done: { increment: 1 } } : { failed: { increment: 1 }, lastError: `Item ${item.seq + 1}: ${outcome.error}` } }),
        ]);
        if (Date.now() - lastRenew > CHECK_MS) {
          lastRenew = Date.now();
          if (!(await renewLease(job.id, runnerId))) stop = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, handler.concurrency) }, lane));
    if (stop || signal?.aborted) {
      // Paused, cancelled or shutting down: hand the lease back so a resume (or the next
      // server) picks the job up at once instead of waiting for the lease to expire.
      await db.job.updateMany({ where: { id: job.id, lockedBy: runnerId }, data: { lockedBy: null, lockedUntil: null } });
      return;
    }
  }
  const [finished] = await db.job.updateManyAndReturn({
    where: { id: job.id, lockedBy: runnerId, status: "running" },
    data: { status: "succeeded", finishedAt: new Date(), lockedBy: null, lockedUntil: null },
  });
  if (finished) {
    await queueWebhookEvents(finished, [jobFinishedEvent(finished, "succeeded")]);
    await notifyJobEnded(finished);
    await handler.onFinish?.(ctx, "succeeded");
  }
}

export interface RunJobsOptions {
  runnerId?: string;
  /** Once aborted, the runner finishes the items in flight, hands its job back and returns. */
  signal?: AbortSignal;
  /** Only this team's jobs (a test runs its own team's jobs, not those of tests beside it). */
  teamId?: string;
}

/**
 * One pass of a runner: claims and runs jobs until none is runnable. Returns how many it ran.
 * `handlers` maps kinds to handlers; jobs of other kinds are left for runners that know them.
 */
export async function runJobsOnce(handlers: Record<string, JobHandler>, options: RunJobsOptions = {}): Promise<number> {
  const { runnerId = randomUUID(), signal, teamId = null } = options;
  let ran = 0;
  for (;;) {
    if (signal?.aborted) return ran;
    const job = await claimJob(runnerId, Object.keys(handlers), teamId);
    if (!job) return ran;
    ran++;
    const handler = handlers[job.kind]!;
    try {
      await runJob(job, handler, runnerId, signal);
    } catch (e) {
      // A bug or a lost database: leave the job to be claimed again once the lease expires.
      console.error(`[jobs] job ${job.id} (${job.kind}) stopped`, e);
      await db.job.updateMany({ where: { id: job.id, lockedBy: runnerId }, data: { lastError: e instanceof Error ? e.message : String(e) } }).catch(() => {});
      return ran;
    }
    const after = await db.job.findUnique({ where: { id: job.id }, select: { status: true } });
    if (after?.status === "cancelled") await handler.onFinish?.(jobContext(job), "cancelled");
  }
}
