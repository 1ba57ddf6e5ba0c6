import "server-only";
import { AcceptQualificationRequestCommand, AssociateQualificationWithWorkerCommand, DisassociateQualificationFromWorkerCommand, RejectQualificationRequestCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { PermanentItemError } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import type { QualificationOp } from "@/lib/qualifications/qualification-op-input";
import type { Scope } from "@/lib/scope";

/** The request's worker, from the cache: the score row accept writes belongs to them. */
async function cachedRequest(scope: Scope, qualificationTypeId: string, requestId: string) {
  const row = await db.cachedQualificationRequest.findUnique({ where: { teamId_environment_qualificationRequestId: { ...scope, qualificationRequestId: requestId } } });
  if (!row || row.qualificationTypeId !== qualificationTypeId) throw new PermanentItemError(`Request ${requestId} is not a request for this qualification type`);
  return row;
}

/**
 * One decision or score change, through MTurk, then the cache. Safe to run twice (a job item
 * after a crash): granting sets the same value again, and a request already decided or a score
 * already revoked is reported as such instead of failing.
 */
export async function applyQualificationOp(scope: Scope, qualificationTypeId: string, op: QualificationOp): Promise<string> {
  const now = new Date();
  const scoreKey = (workerId: string) => ({ teamId_environment_qualificationTypeId_workerId: { ...scope, qualificationTypeId, workerId } });
  const call = async (command: Parameters<typeof sendMturk>[2], alreadyDone: string): Promise<string | null> => {
    try {
      await sendMturk(scope.teamId, scope.environment, command);
      return null;
    } catch (e) {
      if (!(e instanceof MturkError) || e.kind !== "request") throw e;
      // Deciding a request that is no longer pending, or revoking what is not held, is refused:
      // after a crash that is the first attempt having gone through, so it is reported, not failed.
      if (alreadyDone) return `${alreadyDone}: ${e.message}`;
      throw new PermanentItemError(e.message);
    }
  };
  switch (op.op) {
    case "accept": {
      const request = await cachedRequest(scope, qualificationTypeId, op.requestId);
      const skipped = await call(new AcceptQualificationRequestCommand({ QualificationRequestId: op.requestId, IntegerValue: op.value }), "Already decided or withdrawn");
      await db.$transaction([
        db.cachedQualificationRequest.update({ where: { teamId_environment_qualificationRequestId: { ...scope, qualificationRequestId: op.requestId } }, data: { forgottenAt: now } }),
        ...(skipped
          ? []
          : [
              db.cachedQualificationScore.upsert({
                where: scoreKey(request.workerId),
                create: { ...scope, qualificationTypeId, workerId: request.workerId, integerValue: op.value, status: "Granted", grantTime: now, syncedAt: now },
                update: { integerValue: op.value, status: "Granted", forgottenAt: null, syncedAt: now },
              }),
            ]),
      ]);
      return skipped ?? `Accepted ${request.workerId} with ${op.value}`;
    }
    case "reject": {
      const request = await cachedRequest(scope, qualificationTypeId, op.requestId);
      const skipped = await call(new RejectQualificationRequestCommand({ QualificationRequestId: op.requestId, Reason: op.reason || undefined }), "Already decided or withdrawn");
      await db.cachedQualificationRequest.update({ where: { teamId_environment_qualificationRequestId: { ...scope, qualificationRequestId: op.requestId } }, data: { forgottenAt: now } });
      return skipped ?? `Rejected ${request.workerId}`;
    }
    case "grant": {
      await call(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: qualificationTypeId, WorkerId: op.workerId, IntegerValue: op.value, SendNotification: op.notify }), "");
      await db.cachedQualificationScore.upsert({
        where: scoreKey(op.workerId),
        create: { ...scope, qualificationTypeId, workerId: op.workerId, integerValue: op.value, status: "Granted", grantTime: now, syncedAt: now },
        update: { integerValue: op.value, status: "Granted", forgottenAt: null, syncedAt: now },
      });
      return `${op.workerId}: ${op.value}`;
    }
    case "revoke": {
      const skipped = await call(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: qualificationTypeId, WorkerId: op.workerId, Reason: op.reason || undefined }), "Not held");
      await db.cachedQualificationScore.updateMany({
        where: { ...scope, qualificationTypeId, workerId: op.workerId, forgottenAt: null },
        data: { forgottenAt: now, status: "Revoked", syncedAt: now },
      });
      return skipped ?? `Revoked ${op.workerId}`;
    }
  }
}
