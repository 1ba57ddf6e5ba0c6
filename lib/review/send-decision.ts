import "server-only";
import { ApproveAssignmentCommand, GetAssignmentCommand, RejectAssignmentCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { ReviewDecision } from "@/lib/generated/prisma/client";
import { PermanentItemError, type JobContext, type JobHandler } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { DECIDE_JOB_KIND } from "@/lib/review/decide-assignments";
import { decisionEvent } from "@/lib/webhooks/mturk-events";
import { webhookDeliveryWrites, type WebhookEvent } from "@/lib/webhooks/webhook-event";

const TARGET_STATUS = { approve: "Approved", override: "Approved", reject: "Rejected" } as const;

async function marketplaceStatus(d: ReviewDecision): Promise<string | undefined> {
  const out = await sendMturkPaced(d.teamId, d.environment, new GetAssignmentCommand({ AssignmentId: d.assignmentId }));
  return out.Assignment?.AssignmentStatus;
}

/** The decision reached the marketplace: ledger, decision and cache all say so. */
async function settle(d: ReviewDecision, ledgerId: string | null, outcome: string) {
  const now = new Date();
  const action = d.action as keyof typeof TARGET_STATUS;
  const ids = { HITId: d.hitId, AssignmentId: d.assignmentId, WorkerId: d.workerId };
  const event = decisionEvent(action === "reject" ? "AssignmentRejected" : "AssignmentApproved", ids, now);
  await db.$transaction([
    // The cache now knows the decision, so no sync will report it: HITdesk does.
    ...(await webhookDeliveryWrites(d, [event], (sent) => withHitType(d, sent))),
    ...(ledgerId ? [db.paymentLedgerEntry.update({ where: { id: ledgerId }, data: { status: "paid", outcome, completedAt: now } })] : []),
    db.reviewDecision.update({ where: { id: d.id }, data: { status: "sent", sentAt: now, error: null } }),
    db.cachedAssignment.updateMany({
      where: { teamId: d.teamId, environment: d.environment, assignmentId: d.assignmentId },
      data:
        action === "reject"
          ? { status: "Rejected", rejectionTime: now, requesterFeedback: d.feedback }
          : { status: "Approved", approvalTime: now, rejectionTime: null, ...(d.feedback ? { requesterFeedback: d.feedback } : {}) },
    }),
  ]);
}

async function withHitType(d: ReviewDecision, events: WebhookEvent[]): Promise<WebhookEvent[]> {
  const hit = await db.cachedHit.findUnique({ where: { teamId_environment_hitId: { teamId: d.teamId, environment: d.environment, hitId: d.hitId } }, select: { hitTypeId: true } });
  return events.map((e) => ({ ...e, data: { ...e.data, HITTypeId: hit?.hitTypeId ?? null } }));
}

/** Refused for good: the slot is freed so the assignment can be decided again. */
async function fail(d: ReviewDecision, ledgerId: string | null, message: string, actualStatus: string | undefined): Promise<never> {
  await db.$transaction([
    ...(ledgerId ? [db.paymentLedgerEntry.update({ where: { id: ledgerId }, data: { status: "failed", outcome: message, completedAt: new Date() } })] : []),
    db.reviewDecision.update({ where: { id: d.id }, data: { status: "failed", slot: null, error: message } }),
    ...(actualStatus ? [db.cachedAssignment.updateMany({ where: { teamId: d.teamId, environment: d.environment, assignmentId: d.assignmentId }, data: { status: actualStatus } })] : []),
  ]);
  throw new PermanentItemError(message);
}

/**
 * Sends one decision. Idempotent across retries and crashes: the decision moves to "sending"
 * (and an approval's ledger row is written) before the call, and a decision found already
 * "sending" is first checked against the marketplace with GetAssignment, so an approval whose
 * reply was lost is recognised instead of being sent again.
 */
export async function sendDecision(decisionId: string): Promise<{ outcome: string }> {
  const claimed = await db.reviewDecision.updateManyAndReturn({ where: { id: decisionId, status: { in: ["scheduled", "sending"] } }, data: { status: "sending" } });
  const d = claimed[0];
  if (!d) {
    const current = await db.reviewDecision.findUnique({ where: { id: decisionId }, select: { status: true } });
    return { outcome: current?.status ?? "missing" };
  }
  const action = d.action as keyof typeof TARGET_STATUS;
  const target = TARGET_STATUS[action];
  let ledgerId: string | null = null;
  let resumed = false;
  if (action !== "reject") {
    const token = `${action}:${d.assignmentId}`;
    const hit = await db.cachedHit.findUnique({ where: { teamId_environment_hitId: { teamId: d.teamId, environment: d.environment, hitId: d.hitId } }, select: { rewardCents: true } });
    const ledger = await db.paymentLedgerEntry.upsert({
      where: { teamId_environment_uniqueRequestToken: { teamId: d.teamId, environment: d.environment, uniqueRequestToken: token } },
      create: {
        teamId: d.teamId,
        environment: d.environment,
        kind: "approval",
        uniqueRequestToken: token,
        assignmentId: d.assignmentId,
        workerId: d.workerId,
        hitId: d.hitId,
        amountCents: hit?.rewardCents ?? 0,
        status: "sending",
        attempts: 1,
        decisionId: d.id,
        jobId: d.jobId,
        createdById: d.decidedById,
      },
      update: { attempts: { increment: 1 }, decisionId: d.id },
    });
    ledgerId = ledger.id;
    if (ledger.status === "paid") {
      await settle(d, null, "already paid");
      return { outcome: "already paid" };
    }
    resumed = ledger.attempts > 1;
  }

  if (resumed) {
    const status = await marketplaceStatus(d);
    if (status === target) {
      await settle(d, ledgerId, `already ${target.toLowerCase()} (GetAssignment)`);
      return { outcome: "already done" };
    }
  }
  try {
    await sendMturkPaced(
      d.teamId,
      d.environment,
      action === "reject"
        ? new RejectAssignmentCommand({ AssignmentId: d.assignmentId, RequesterFeedback: d.feedback ?? "" })
        : new ApproveAssignmentCommand({ AssignmentId: d.assignmentId, RequesterFeedback: d.feedback ?? undefined, OverrideRejection: action === "override" || undefined }),
    );
  } catch (e) {
    // Throttling and faults: the runner retries with backoff.
    if (!(e instanceof MturkError) || e.retryable) throw e;
    // Refused: perhaps because an earlier attempt whose reply was lost already did it.
    const status = await marketplaceStatus(d).catch(() => undefined);
    if (status === target) {
      await settle(d, ledgerId, `already ${target.toLowerCase()} (GetAssignment)`);
      return { outcome: "already done" };
    }
    return fail(d, ledgerId, e.message, status);
  }
  await settle(d, ledgerId, "sent");
  return { outcome: "sent" };
}

export const decideJobHandler: JobHandler = {
  kind: DECIDE_JOB_KIND,
  concurrency: 8,
  unit: "decisions",
  // Decisions, once past their undo window, are sent to the end: no one pauses or cancels them.
  access: { read: "viewer" },
  processItem: (_ctx: JobContext, input: unknown) => sendDecision((input as { decisionId: string }).decisionId),
};
