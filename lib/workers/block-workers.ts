import "server-only";
import { CreateWorkerBlockCommand, DeleteWorkerBlockCommand } from "@aws-sdk/client-mturk";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import type { Actor } from "@/lib/scope";
import type { BlockInput } from "@/lib/workers/worker-action-input";

/** Refused by the marketplace for this worker (unknown worker, not blocked): the others go on. */
export class BlockRefused extends Error {}

/**
 * Blocks or unblocks one worker through MTurk, then the cache, and audits it (the audit log is
 * the block history MTurk does not keep). Safe to repeat: MTurk accepts a block twice.
 */
export async function blockWorker(ctx: Actor, action: "block" | "unblock", workerId: string, reason: string): Promise<void> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  try {
    await sendMturk(
      scope.teamId,
      scope.environment,
      action === "block" ? new CreateWorkerBlockCommand({ WorkerId: workerId, Reason: reason }) : new DeleteWorkerBlockCommand({ WorkerId: workerId, Reason: reason }),
    );
  } catch (e) {
    if (e instanceof MturkError && e.kind === "request") throw new BlockRefused(e.message);
    throw e;
  }
  const now = new Date();
  const key = { teamId_environment_workerId: { ...scope, workerId } };
  if (action === "block") {
    await db.cachedWorkerBlock.upsert({ where: key, create: { ...scope, workerId, reason, firstSeenAt: now, syncedAt: now }, update: { reason, forgottenAt: null, firstSeenAt: now, syncedAt: now } });
  } else {
    await db.cachedWorkerBlock.updateMany({ where: { ...scope, workerId, forgottenAt: null }, data: { forgottenAt: now, syncedAt: now } });
  }
  await recordAudit(ctx, `worker.${action}`, workerId, { reason });
}

/** Blocks or unblocks each worker at once, with per-worker outcomes: one refusal does not stop the rest. */
export async function blockWorkers(ctx: Actor, input: z.output<typeof BlockInput>): Promise<{ results: { workerId: string; ok: boolean; message: string }[] }> {
  const results = [];
  for (const workerId of [...new Set(input.workerIds)]) {
    try {
      await blockWorker(ctx, input.action, workerId, input.reason);
    } catch (e) {
      if (!(e instanceof BlockRefused)) throw e;
      results.push({ workerId, ok: false, message: e.message });
      continue;
    }
    results.push({ workerId, ok: true, message: input.action === "block" ? "Blocked" : "Unblocked" });
  }
  return { results };
}
