import "server-only";
import { NotifyWorkersCommand } from "@aws-sdk/client-mturk";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { sendMturk } from "@/lib/mturk/send";
import type { MessageInput } from "@/lib/workers/worker-action-input";

type Actor = Pick<TeamContext, "team" | "user" | "environment">;

/** NotifyWorkers takes at most 100 workers per call. */
const PER_CALL = 100;

export interface MessageFailure {
  workerId: string;
  type: string;
  message: string;
}

/** Sends in calls of 100, keeps every per-worker failure MTurk reports, and stores the message for the record. */
export async function messageWorkers(ctx: Actor, input: z.output<typeof MessageInput>): Promise<{ id: string; sent: number; failures: MessageFailure[] }> {
  const workerIds = [...new Set(input.workerIds)];
  const failures: MessageFailure[] = [];
  for (let i = 0; i < workerIds.length; i += PER_CALL) {
    const chunk = workerIds.slice(i, i + PER_CALL);
    try {
      const out = await sendMturk(ctx.team.id, ctx.environment, new NotifyWorkersCommand({ Subject: input.subject, MessageText: input.body, WorkerIds: chunk }));
      for (const f of out.NotifyWorkersFailureStatuses ?? []) {
        failures.push({ workerId: f.WorkerId ?? "", type: f.NotifyWorkersFailureCode ?? "HardFailure", message: f.NotifyWorkersFailureMessage ?? "" });
      }
    } catch (e) {
      // A whole call refused or failed: every worker of it is reported, the other calls still go.
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
