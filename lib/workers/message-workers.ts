import "server-only";
import { NotifyWorkersCommand } from "@aws-sdk/client-mturk";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import type { Actor, Scope } from "@/lib/scope";
import type { MessageInput } from "@/lib/workers/worker-action-input";

/** NotifyWorkers takes at most 100 workers per call. */
export const PER_CALL = 100;

export interface MessageFailure {
  workerId: string;
  type: string;
  message: string;
}

/**
 * One NotifyWorkers call (≤ 100 workers) and the per-worker failures MTurk reports. A call the
 * marketplace refuses whole is a HardFailure for each of its workers; a transient fault throws,
 * so a job retries it.
 */
export async function notifyChunk(scope: Scope, subject: string, body: string, workerIds: string[]): Promise<MessageFailure[]> {
  try {
    const out = await sendMturk(scope.teamId, scope.environment, new NotifyWorkersCommand({ Subject: subject, MessageText: body, WorkerIds: workerIds }));
    return (out.NotifyWorkersFailureStatuses ?? []).map((f) => ({ workerId: f.WorkerId ?? "", type: f.NotifyWorkersFailureCode ?? "HardFailure", message: f.NotifyWorkersFailureMessage ?? "" }));
  } catch (e) {
    if (e instanceof MturkError && e.retryable) throw e;
    const message = e instanceof Error ? e.message : String(e);
    return workerIds.map((workerId) => ({ workerId, type: "HardFailure", message }));
  }
}

/** Sends in calls of 100, keeps every per-worker failure MTurk reports, and stores the message for the record. */
export async function messageWorkers(ctx: Actor, input: z.output<typeof MessageInput>): Promise<{ id: string; sent: number; failures: MessageFailure[] }> {
  const workerIds = [...new Set(input.workerIds)];
  const failures: MessageFailure[] = [];
  for (let i = 0; i < workerIds.length; i += PER_CALL) {
    const chunk = workerIds.slice(i, i + PER_CALL);
    try {
      failures.push(...(await notifyChunk({ teamId: ctx.team.id, environment: ctx.environment }, input.subject, input.body, chunk)));
    } catch (e) {
      // Even a transient fault only costs this call's workers: the other calls still go.
      const message = e instanceof Error ? e.message : String(e);
      for (const workerId of chunk) failures.push({ workerId, type: "HardFailure", message });
    }
  }
  const message = await db.workerMessage.create({
    data: { teamId: ctx.team.id, environment: ctx.environment, subject: input.subject, body: input.body, workerIds, failures: failures as never, sentById: ctx.user.id, sentByEmail: ctx.user.email },
  });
  await recordAudit(ctx, "worker.message", workerIds.length === 1 ? workerIds[0] : `${workerIds.length} workers`, { messageId: message.id, subject: input.subject, failed: failures.length });
  return { id: message.id, sent: workerIds.length - new Set(failures.map((f) => f.workerId)).size, failures };
}
