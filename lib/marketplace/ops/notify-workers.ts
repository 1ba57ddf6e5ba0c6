import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { sendWorkerMessage } from "@/lib/marketplace/worker-inbox";

const MAX_WORKERS = 100;
const MAX_SUBJECT = 200;
const MAX_MESSAGE = 4096;

const invalid = (message: string) => new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", message);

/**
 * Messages workers' inboxes. Like MTurk, only workers who have done work for the caller
 * (a Submitted, Approved or Rejected assignment) can be reached; others, and unknown ids,
 * come back as HardFailure entries while the rest are delivered.
 */
const NotifyWorkers: OperationHandler = async (raw, ctx) => {
  const input = raw as { Subject: string; MessageText: string; WorkerIds: string[] };
  // MTurk's documented maximums; the model sets no minimum, so an empty text or list is sent as is.
  if (input.Subject.length > MAX_SUBJECT) throw invalid(`Subject must be at most ${MAX_SUBJECT} characters.`);
  if (input.MessageText.length > MAX_MESSAGE) throw invalid(`MessageText must be at most ${MAX_MESSAGE} characters.`);
  const ids = [...new Set(input.WorkerIds)];
  if (ids.length > MAX_WORKERS) throw invalid(`WorkerIds can name at most ${MAX_WORKERS} workers.`);

  const known = new Set((await db.mkWorker.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((w) => w.id));
  const worked = new Set(
    (
      await db.mkAssignment.findMany({
        where: { requesterId: ctx.requester.id, workerId: { in: ids }, status: { in: ["Submitted", "Approved", "Rejected"] } },
        distinct: ["workerId"],
        select: { workerId: true },
      })
    ).map((a) => a.workerId),
  );
  const failures: { NotifyWorkersFailureCode: "HardFailure"; NotifyWorkersFailureMessage: string; WorkerId: string }[] = [];
  await db.$transaction(async (tx) => {
    for (const workerId of ids) {
      if (!known.has(workerId)) {
        failures.push({ NotifyWorkersFailureCode: "HardFailure", NotifyWorkersFailureMessage: `Worker ${workerId} does not exist.`, WorkerId: workerId });
      } else if (!worked.has(workerId)) {
        failures.push({ NotifyWorkersFailureCode: "HardFailure", NotifyWorkersFailureMessage: "Cannot send a message to a worker who has not worked for you.", WorkerId: workerId });
      } else {
        await sendWorkerMessage(tx, { requesterId: ctx.requester.id, workerId, subject: input.Subject, message: input.MessageText, at: ctx.now });
      }
    }
  });
  return { NotifyWorkersFailureStatuses: failures };
};

export const notifyWorkerOperations = { NotifyWorkers } satisfies Record<string, OperationHandler>;
