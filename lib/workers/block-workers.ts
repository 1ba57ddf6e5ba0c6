import "server-only";
import { CreateWorkerBlockCommand, DeleteWorkerBlockCommand } from "@aws-sdk/client-mturk";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import type { BlockInput } from "@/lib/workers/worker-action-input";

type Actor = Pick<TeamContext, "team" | "user" | "environment">;

/**
 * Blocks or unblocks each worker through MTurk, then the cache; each change is audited (the
 * audit log is the block history MTurk does not keep). Per-worker outcomes: one refusal does
 * not stop the rest.
 */
export async function blockWorkers(ctx: Actor, input: z.output<typeof BlockInput>): Promise<{ results: { workerId: string; ok: boolean; message: string }[] }> {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const results = [];
  for (const workerId of [...new Set(input.workerIds)]) {
    try {
      await sendMturk(
        scope.teamId,
        scope.environment,
        input.action === "block" ? new CreateWorkerBlockCommand({ WorkerId: workerId, Reason: input.reason }) : new DeleteWorkerBlockCommand({ WorkerId: workerId, Reason: input.reason }),
      );
    } catch (e) {
      if (!(e instanceof MturkError) || e.kind !== "request") throw e;
      results.push({ workerId, ok: false, message: e.message });
      continue;
    }
    const now = new Date();
    const key = { teamId_environment_workerId: { ...scope, workerId } };
    if (input.action === "block") {
      await db.cachedWorkerBlock.upsert({ where: key, create: { ...scope, workerId, reason: input.reason, firstSeenAt: now, syncedAt: now }, update: { reason: input.reason, forgottenAt: null, firstSeenAt: now, syncedAt: now } });
    } else {
      await db.cachedWorkerBlock.updateMany({ where: { ...scope, workerId, forgottenAt: null }, data: { forgottenAt: now, syncedAt: now } });
    }
    await recordAudit(ctx, `worker.${input.action}`, workerId, { reason: input.reason });
    results.push({ workerId, ok: true, message: input.action === "block" ? "Blocked" : "Unblocked" });
  }
  return { results };
}
