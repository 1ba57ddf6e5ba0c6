import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";

const MAX_BLOCKS = 100_000;

/** Blocks a worker from the caller's HITs; blocking again only updates the Reason (any string, as the model allows: workers never see it). */
const CreateWorkerBlock: OperationHandler = async (raw, ctx) => {
  const input = raw as { WorkerId: string; Reason: string };
  const key = { requesterId_workerId: { requesterId: ctx.requester.id, workerId: input.WorkerId } };
  const existing = await db.mkWorkerBlock.findUnique({ where: key, select: { seq: true } });
  if (!existing && (await db.mkWorkerBlock.count({ where: { requesterId: ctx.requester.id } })) >= MAX_BLOCKS) {
    throw new MturkRequestError("AWS.MechanicalTurk.WorkerBlockLimitExceeded", `You can block at most ${MAX_BLOCKS} workers.`);
  }
  await db.mkWorkerBlock.upsert({
    where: key,
    create: { requesterId: ctx.requester.id, workerId: input.WorkerId, reason: input.Reason, createdAt: ctx.now },
    update: { reason: input.Reason },
  });
  return {};
};

/** Idempotent: unblocking a worker who is not blocked succeeds. */
const DeleteWorkerBlock: OperationHandler = async (raw, ctx) => {
  const input = raw as { WorkerId: string; Reason?: string };
  await db.mkWorkerBlock.deleteMany({ where: { requesterId: ctx.requester.id, workerId: input.WorkerId } });
  return {};
};

const ListWorkerBlocks: OperationHandler = async (raw, ctx) => {
  const { limit, after } = seqCursor(raw as { NextToken?: string; MaxResults?: number });
  const rows = await db.mkWorkerBlock.findMany({
    where: { requesterId: ctx.requester.id, ...(after !== undefined ? { seq: { gt: after } } : {}) },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: { WorkerId: r.workerId, Reason: r.reason } })),
    limit,
  );
  return { NumResults: page.items.length, WorkerBlocks: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const workerBlockOperations = { CreateWorkerBlock, DeleteWorkerBlock, ListWorkerBlocks } satisfies Record<string, OperationHandler>;
