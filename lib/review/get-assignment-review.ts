import "server-only";
import { GetHITCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { questionContent, type QuestionContent } from "@/lib/mturk-formats/question";
import { sendMturk } from "@/lib/mturk/send";
import { agreesWith, fieldAgreement } from "@/lib/review/answer-agreement";
import { flattenAnswers, type AnswerField } from "@/lib/review/flatten-answers";
import { hitInputs, type HitInputs } from "@/lib/review/hit-inputs";
import { workerStats, type WorkerStats } from "@/lib/review/worker-stats";
import type { Scope } from "@/lib/scope";

export interface AssignmentReview {
  assignment: {
    assignmentId: string;
    hitId: string;
    workerId: string;
    status: string;
    acceptTime: string | null;
    submitTime: string | null;
    autoApprovalTime: string | null;
    approvalTime: string | null;
    rejectionTime: string | null;
    requesterFeedback: string | null;
    answers: AnswerField[];
    /** The answers as cached (crowd-form's in taskAnswers), to fill the task back in. */
    rawAnswers: Record<string, unknown> | null;
  };
  hit: { hitId: string; hitTypeId: string; title: string; description: string; rewardCents: number; maxAssignments: number };
  /** The row of the batch that made the HIT, else a JSON RequesterAnnotation, else nothing. */
  inputs: HitInputs | null;
  question: QuestionContent | null;
  /** Answers of the other workers of the same HIT; `agrees` per field name this worker answered. */
  others: { assignmentId: string; workerId: string; status: string; answers: AnswerField[]; agrees: Record<string, boolean> }[];
  /** Per field: how many of all workers of the HIT gave this worker's value. */
  agreement: Record<string, { same: number; of: number }>;
  worker: WorkerStats;
  decisions: { id: string; action: string; status: string; feedback: string | null; decidedByEmail: string; notBefore: string; error: string | null; createdAt: string }[];
  payments: { kind: string; amountCents: number; reason: string | null; status: string; outcome: string | null; createdAt: string }[];
}

/**
 * The HIT's question, from the cache or read once with GetHIT (MTurk never changes a HIT's
 * question). Null when the marketplace has forgotten the HIT and it was never read.
 */
async function hitQuestion(scope: Scope, hitId: string): Promise<QuestionContent | null> {
  const key = { teamId_environment_hitId: { ...scope, hitId } };
  let row = await db.cachedHitQuestion.findUnique({ where: key, select: { question: true } });
  if (!row) {
    const out = await sendMturk(scope.teamId, scope.environment, new GetHITCommand({ HITId: hitId })).catch(() => undefined);
    const question = out?.HIT?.Question;
    if (!question) return null;
    // Reviewers opening several of the HIT's assignments at once all read it; the question is
    // the same, so later inserts are skipped (an upsert reads then inserts, and races).
    await db.cachedHitQuestion.createMany({ data: [{ ...scope, hitId, question, fetchedAt: new Date() }], skipDuplicates: true });
    row = { question };
  }
  try {
    return questionContent(row.question);
  } catch {
    return null;
  }
}

export async function getAssignmentReview(scope: Scope, assignmentId: string): Promise<AssignmentReview> {
  const a = await db.cachedAssignment.findUnique({ where: { teamId_environment_assignmentId: { ...scope, assignmentId } } });
  if (!a) throw new NotFound(`Assignment ${assignmentId} is not in this environment's cache`);
  const [hit, siblings, stats, decisions, payments, question] = await Promise.all([
    db.cachedHit.findUniqueOrThrow({ where: { teamId_environment_hitId: { ...scope, hitId: a.hitId } } }),
    db.cachedAssignment.findMany({
      where: { ...scope, hitId: a.hitId, assignmentId: { not: assignmentId } },
      select: { assignmentId: true, workerId: true, status: true, answers: true },
      orderBy: { submitTime: "asc" },
      take: 50,
    }),
    workerStats(scope, [a.workerId]),
    db.reviewDecision.findMany({ where: { ...scope, assignmentId }, orderBy: { createdAt: "desc" }, take: 20 }),
    db.paymentLedgerEntry.findMany({ where: { ...scope, assignmentId }, orderBy: { createdAt: "desc" }, take: 50 }),
    hitQuestion(scope, a.hitId),
  ]);
  const answers = flattenAnswers(a.answers as Record<string, string> | null);
  const others = siblings.map((s) => ({ ...s, answers: flattenAnswers(s.answers as Record<string, string> | null) }));
  const agreement = fieldAgreement(
    answers,
    others.map((o) => o.answers),
  );
  const inputs = (await hitInputs(scope, [hit])).get(hit.hitId) ?? null;
  return {
    assignment: {
      assignmentId: a.assignmentId,
      hitId: a.hitId,
      workerId: a.workerId,
      status: a.status,
      acceptTime: a.acceptTime?.toISOString() ?? null,
      submitTime: a.submitTime?.toISOString() ?? null,
      autoApprovalTime: a.autoApprovalTime?.toISOString() ?? null,
      approvalTime: a.approvalTime?.toISOString() ?? null,
      rejectionTime: a.rejectionTime?.toISOString() ?? null,
      requesterFeedback: a.requesterFeedback,
      answers,
      rawAnswers: (a.answers as Record<string, unknown> | null) ?? null,
    },
    hit: { hitId: hit.hitId, hitTypeId: hit.hitTypeId, title: hit.title, description: hit.description, rewardCents: hit.rewardCents, maxAssignments: hit.maxAssignments },
    inputs,
    question,
    others: others.map((o) => ({ ...o, agrees: agreesWith(answers, o.answers) })),
    agreement,
    worker: stats.get(a.workerId)!,
    decisions: decisions.map((d) => ({
      id: d.id,
      action: d.action,
      status: d.status,
      feedback: d.feedback,
      decidedByEmail: d.decidedByEmail,
      notBefore: d.notBefore.toISOString(),
      error: d.error,
      createdAt: d.createdAt.toISOString(),
    })),
    payments: payments.map((p) => ({ kind: p.kind, amountCents: p.amountCents, reason: p.reason, status: p.status, outcome: p.outcome, createdAt: p.createdAt.toISOString() })),
  };
}
