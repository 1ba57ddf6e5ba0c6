import "server-only";
import { plural } from "@/lib/format";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { PermanentItemError, type JobContext, type JobHandler, type JobStatus, type JobTally } from "@/lib/jobs/job-types";
import type { Actor, Scope } from "@/lib/scope";
import { blockWorker, BlockRefused } from "@/lib/workers/block-workers";
import { notifyChunk, PER_CALL, type MessageFailure } from "@/lib/workers/message-workers";
import { parseBlockCsv } from "@/lib/workers/parse-block-csv";
import type { BatchMessageInput, BlockInput, MessageInput } from "@/lib/workers/worker-action-input";

export const BLOCK_JOB = "workers.block";
export const MESSAGE_JOB = "workers.message";

type BlockItem = { workerId: string; reason: string };
type MessageItem = { workerIds: string[] };

/** The member who started the job (kept in its options), as the actor of its per-worker audit entries. */
function jobActor(ctx: JobContext): Actor {
  const { actorEmail } = ctx.options as { actorEmail: string };
  return { team: { id: ctx.teamId }, user: { id: ctx.createdById, email: actorEmail }, environment: ctx.environment } as Actor;
}

/** One worker blocked or unblocked per item; a marketplace refusal fails that item only. */
export const blockJobHandler: JobHandler = {
  kind: BLOCK_JOB,
  concurrency: 4,
  unit: "workers",
  // Admin, like the actions that start these jobs: the failures name workers and what MTurk said.
  access: { read: "admin", control: { role: "admin", actions: ["cancel"] } },
  describeItem: (raw) => (raw as BlockItem).workerId,
  async onControl(actor, ctx, _action, before) {
    await recordAudit(actor, "worker.bulk-cancel", ctx.jobId, { done: before.done, total: before.total });
  },
  async processItem(ctx, raw) {
    const { action } = ctx.options as { action: "block" | "unblock" };
    const item = raw as BlockItem;
    try {
      await blockWorker(jobActor(ctx), action, item.workerId, item.reason);
    } catch (e) {
      if (e instanceof BlockRefused) throw new PermanentItemError(e.message);
      throw e;
    }
    return { workerId: item.workerId };
  },
};

/**
 * Failures of a message job: those MTurk reported per worker, whole calls that never got through,
 * and (once `withUnsent`, for a cancelled job) the calls never made.
 */
async function messageFailures(jobId: string, withUnsent = false): Promise<MessageFailure[]> {
  const items = await db.jobItem.findMany({
    where: { jobId, status: { in: withUnsent ? ["done", "failed", "pending"] : ["done", "failed"] } },
    orderBy: { seq: "asc" },
    select: { input: true, status: true, result: true, error: true },
  });
  return items.flatMap((i) =>
    i.status === "done"
      ? ((i.result as { failures?: MessageFailure[] } | null)?.failures ?? [])
      : (i.input as MessageItem).workerIds.map((workerId) =>
          i.status === "pending" ? { workerId, type: "NotSent", message: "Cancelled before it was sent" } : { workerId, type: "HardFailure", message: i.error ?? "Not sent" },
        ),
  );
}

/** Writes what became of each recipient onto the stored message. */
async function recordMessageOutcome(jobId: string, messageId: string, cancelled: boolean): Promise<void> {
  await db.workerMessage.update({ where: { id: messageId }, data: { failures: (await messageFailures(jobId, cancelled)) as never } });
}

/** A message job counted in workers, with what failed for whom. */
async function messageTally(jobId: string, status: JobStatus): Promise<JobTally> {
  const items = await db.jobItem.findMany({ where: { jobId }, select: { input: true, status: true } });
  const count = (s: string) => items.filter((i) => i.status === s).reduce((n, i) => n + (i.input as MessageItem).workerIds.length, 0);
  const failures = await messageFailures(jobId, status === "cancelled");
  const handled = count("done") + count("failed") + (status === "cancelled" ? count("pending") : 0);
  return {
    total: count("pending") + count("done") + count("failed"),
    done: handled - failures.length,
    failed: failures.length,
    failures: failures.slice(0, 200).map((f) => ({ item: f.workerId, error: `${f.type}: ${f.message}` })),
  };
}

/** One NotifyWorkers call of ≤ 100 workers per item; the stored message gets every failure at the end. */
export const messageJobHandler: JobHandler = {
  kind: MESSAGE_JOB,
  concurrency: 2,
  unit: "workers",
  access: { read: "admin", control: { role: "admin", actions: ["cancel"] } },
  tally: (ctx, status) => messageTally(ctx.jobId, status),
  /** A cancelled message's record names every worker it never reached. */
  async onControl(actor, ctx, _action, before) {
    await recordMessageOutcome(ctx.jobId, (ctx.options as { messageId: string }).messageId, true);
    await recordAudit(actor, "worker.message-cancel", ctx.jobId, { done: before.done, total: before.total });
  },
  async processItem(ctx, raw) {
    const { messageId } = ctx.options as { messageId: string };
    const message = await db.workerMessage.findFirst({ where: { id: messageId, teamId: ctx.teamId, environment: ctx.environment }, select: { subject: true, body: true } });
    if (!message) throw new PermanentItemError(`No message ${messageId}`);
    return { failures: await notifyChunk({ teamId: ctx.teamId, environment: ctx.environment }, message.subject, message.body, (raw as MessageItem).workerIds) };
  },
  async onFinish(ctx, status) {
    await recordMessageOutcome(ctx.jobId, (ctx.options as { messageId: string }).messageId, status === "cancelled");
  },
};

/** Blocks or unblocks several workers as a durable job with progress. */
export async function startBlockJob(ctx: Actor, input: z.output<typeof BlockInput>): Promise<{ jobId: string; total: number }> {
  const workerIds = [...new Set(input.workerIds)];
  return enqueueBlocks(
    ctx,
    input.action,
    workerIds.map((workerId) => ({ workerId, reason: input.reason })),
    { source: "selection", reason: input.reason },
  );
}

/** A CSV of blocks, checked whole first: any bad row refuses the file and nothing is sent. */
export async function startBlockCsvJob(ctx: Actor, csv: string): Promise<{ jobId: string; total: number }> {
  const parsed = parseBlockCsv(csv);
  if (!parsed.ok)
    throw new Invalid(
      `The CSV was not used; nothing was blocked. ${parsed.errors.slice(0, 20).join("; ")}${parsed.errors.length > 20 ? `; and ${parsed.errors.length - 20} more` : ""}`,
      parsed.errors,
    );
  return enqueueBlocks(ctx, "block", parsed.blocks, { source: "csv" });
}

async function enqueueBlocks(ctx: Actor, action: "block" | "unblock", items: BlockItem[], detail: Record<string, string>) {
  const job = await enqueueJob({
    teamId: ctx.team.id,
    environment: ctx.environment,
    kind: BLOCK_JOB,
    subjectId: "workers",
    options: { action, actorEmail: ctx.user.email },
    createdById: ctx.user.id,
    items,
  });
  await recordAudit(ctx, `worker.bulk-${action}`, `${items.length} workers`, { jobId: job.id, ...detail, workerIds: items.map((i) => i.workerId) });
  return { jobId: job.id, total: items.length };
}

/**
 * A message to many workers: stored for the record, then sent by a durable job in calls of 100.
 * The message and its job are written together, so neither exists without the other.
 */
export async function startMessageJob(ctx: Actor, input: z.output<typeof MessageInput>, batchId?: string): Promise<{ jobId: string; messageId: string; total: number }> {
  const workerIds = [...new Set(input.workerIds)];
  const chunks: MessageItem[] = [];
  for (let i = 0; i < workerIds.length; i += PER_CALL) chunks.push({ workerIds: workerIds.slice(i, i + PER_CALL) });
  const { job, message } = await db.$transaction(async (tx) => {
    const message = await tx.workerMessage.create({
      data: { teamId: ctx.team.id, environment: ctx.environment, subject: input.subject, body: input.body, workerIds, sentById: ctx.user.id, sentByEmail: ctx.user.email },
    });
    const job = await enqueueJob(
      {
        teamId: ctx.team.id,
        environment: ctx.environment,
        kind: MESSAGE_JOB,
        subjectId: batchId ? `batch:${batchId}` : "workers",
        options: { messageId: message.id, workers: workerIds.length },
        createdById: ctx.user.id,
        items: chunks,
      },
      tx,
    );
    await recordAudit(ctx, "worker.message", `${workerIds.length} workers`, { messageId: message.id, jobId: job.id, subject: input.subject, ...(batchId ? { batchId } : {}) }, tx);
    return { job, message };
  });
  return { jobId: job.id, messageId: message.id, total: workerIds.length };
}

/** Everyone with an assignment in the batch (as of the last sync); the caller checks the batch is the team's. */
async function batchWorkers(scope: Scope, batchId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ workerId: string }[]>`
    SELECT DISTINCT a."workerId" FROM "BatchHit" bh
    JOIN "CachedAssignment" a ON a."teamId" = ${scope.teamId} AND a.environment = ${scope.environment}::"Environment" AND a."hitId" = bh."hitId"
    WHERE bh."batchId" = ${batchId} ORDER BY a."workerId"`;
  return rows.map((r) => r.workerId);
}

export async function batchWorkerCount(scope: Scope, batchId: string): Promise<number> {
  return (await batchWorkers(scope, batchId)).length;
}

export async function messageBatch(ctx: Actor, batchId: string, input: z.output<typeof BatchMessageInput>) {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const batch = await db.batch.findFirst({ where: { id: batchId, ...scope }, select: { id: true } });
  if (!batch) throw new NotFound("No batch of this team has that id in this environment");
  const workers = await batchWorkers(scope, batchId);
  if (workers.length === 0) throw new Conflict("No one has worked on this batch yet (as of the last sync)");
  return startMessageJob(ctx, { ...input, workerIds: workers }, batchId);
}

export interface RecentWorkerJob {
  id: string;
  /** What it does, for the list: "Block 40 workers", "Message “Thanks” to 120 workers". */
  label: string;
  status: string;
  createdAt: Date;
}

/** The team's latest bulk block and message jobs, so their progress outlives the page that started them. */
export async function recentWorkerJobs(scope: Scope, take = 5): Promise<RecentWorkerJob[]> {
  const jobs = await db.job.findMany({
    where: { teamId: scope.teamId, environment: scope.environment, kind: { in: [BLOCK_JOB, MESSAGE_JOB] } },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, kind: true, status: true, total: true, options: true, createdAt: true },
  });
  const messageIds = jobs.flatMap((j) => (j.kind === MESSAGE_JOB ? [(j.options as { messageId: string }).messageId] : []));
  const messages = new Map((await db.workerMessage.findMany({ where: { id: { in: messageIds } }, select: { id: true, subject: true, workerIds: true } })).map((m) => [m.id, m]));
  const workers = (n: number) => plural(n, "worker");
  return jobs.map((j) => {
    const o = j.options as { action?: string; messageId?: string };
    const m = o.messageId ? messages.get(o.messageId) : undefined;
    const label = j.kind === BLOCK_JOB ? `${o.action === "unblock" ? "Unblock" : "Block"} ${workers(j.total)}` : `Message “${m?.subject ?? "?"}” to ${workers(m?.workerIds.length ?? 0)}`;
    return { id: j.id, label, status: j.status, createdAt: j.createdAt };
  });
}
