import "server-only";
import { GetHITCommand } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { questionContent, type QuestionContent } from "@/lib/marketplace/question";
import { sendMturk } from "@/lib/mturk/send";
import { agreesWith, fieldAgreement } from "@/lib/review/answer-agreement";
import { flattenAnswers, type AnswerField } from "@/lib/review/flatten-answers";
import { workerStats, type WorkerStats } from "@/lib/review/worker-stats";

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
  inputs: { source: "batch" | "annotation"; fields: AnswerField[] } | null;
  question: QuestionContent | null;
  /** Answers of the other workers of the same HIT; `agrees` per field name this worker answered. */
  others: { assignmentId: string; workerId: string; status: string; answers: AnswerField[]; agrees: Record<string, boolean> }[];
  /** Per field: how many of all workers of the HIT gave this worker's value. */
  agreement: Record<string, { same: number; of: number }>;
  worker: WorkerStats;
  decisions: { id: string; action: string; status: string; feedback: string | null; decidedByEmail: string; notBefore: string; error: string | null; createdAt: string }[];
  payments: { kind: string; amountCents: number; reason: string | null; status: string; outcome: string | null; createdAt: string }[];
}

type Scope = { teamId: string; environment: EnvironmentName };

async function batchInputs(scope: Scope, hitId: string): Promise<AnswerField[] | null> {
  const link = await db.batchHit.findFirst({ where: { hitId }, select: { batchId: true, rowIndex: true } });
  if (!link) return null;
  const batch = await db.batch.findFirst({ where: { id: link.batchId, teamId: scope.teamId, environment: scope.environment }, select: { id: true } });
  if (!batch) return null;
  const row = await db.batchRow.findUnique({ where: { batchId_rowIndex: { batchId: link.batchId, rowIndex: link.rowIndex } }, select: { values: true } });
  return row ? Object.entries(row.values as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value ?? "") })) : null;
}

function annotationInputs(annotation: string | null): AnswerField[] | null {
  if (!annotation?.trim().startsWith("{")) return null;
  try {
    return flattenAnswers(JSON.parse(annotation) as Record<string, string>);
  } catch {
    return null;
  }
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
    row = await db.cachedHitQuestion.upsert({ where: key, create: { ...scope, hitId, question, fetchedAt: new Date() }, update: {}, select: { question: true } });
  }
  try {
    return questionContent(row.question);
  } catch {
    return null;
  }
}

export async function getAssignmentReview(scope: Scope, assignmentId: string): Promise<AssignmentReview> {
  const a = await db.cachedAssignment.findUnique({ where: { teamId_environment_assignmentId: { ...scope, assignmentId } } });
  if (!a) throw new HttpError(404, `Assignment ${assignmentId} is not in this environment's cache`);
  const [hit, siblings, stats, decisions, payments, batch, question] = await Promise.all([
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
    batchInputs(scope, a.hitId),
    hitQuestion(scope, a.hitId),
  ]);
  const answers = flattenAnswers(a.answers as Record<string, string> | null);
  const others = siblings.map((s) => ({ ...s, answers: flattenAnswers(s.answers as Record<string, string> | null) }));
  const agreement = fieldAgreement(answers, others.map((o) => o.answers));
  const annotation = batch ? null : annotationInputs(hit.requesterAnnotation);
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
    inputs: batch ? { source: "batch", fields: batch } : annotation ? { source: "annotation", fields: annotation } : null,
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
