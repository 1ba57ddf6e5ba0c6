import "server-only";
import type { Tx } from "@/lib/db";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { recordEvent } from "@/lib/marketplace/events";
import { entityId } from "@/lib/marketplace/ids";
import { approveAssignmentInTx, rejectAssignmentInTx } from "@/lib/marketplace/assignment-decisions";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";

// Review policies (SPEC §10): ScoreMyKnownAnswers/2011-09-01 at assignment level, run on submit;
// SimplePlurality/2011-09-01 at HIT level, run when the HIT becomes Reviewable. Results and
// actions are kept in mk_review_entry for ListReviewPolicyResultsForHIT. Result keys are ours
// (MTurk does not document them): KnownAnswerCorrect / KnownAnswerScore per assignment;
// PluralityAnswer / QuestionAgreementScore per question, HITAgreementScore per HIT and
// WorkerAgreementScore per assignment.

export const ASSIGNMENT_POLICY = "ScoreMyKnownAnswers/2011-09-01";
export const HIT_POLICY = "SimplePlurality/2011-09-01";

interface PolicyParameter {
  Key?: string;
  Values?: string[];
  MapEntries?: { Key?: string; Values?: string[] }[];
}
interface ReviewPolicyInput {
  PolicyName: string;
  Parameters?: PolicyParameter[];
}

type IntRange = { kind: "int"; min: number; max: number };
type Spec = IntRange | { kind: "string" } | { kind: "bool" } | { kind: "list" } | { kind: "map" };
const int = (min: number, max: number): IntRange => ({ kind: "int", min, max });
const SCORE = int(0, 101);
const EXTEND_TIME = int(60, 31_536_000);

const ASSIGNMENT_PARAMS: Record<string, Spec> = {
  AnswerKey: { kind: "map" },
  ApproveIfKnownAnswerScoreIsAtLeast: SCORE,
  ApproveReason: { kind: "string" },
  RejectIfKnownAnswerScoreIsLessThan: SCORE,
  RejectReason: { kind: "string" },
  ExtendIfKnownAnswerScoreIsLessThan: SCORE,
  ExtendMaximumAssignments: int(2, 25),
  ExtendMinimumTimeInSeconds: EXTEND_TIME,
};

const HIT_PARAMS: Record<string, Spec> = {
  QuestionIds: { kind: "list" },
  QuestionAgreementThreshold: int(0, 100),
  DisregardAssignmentIfRejected: { kind: "bool" },
  DisregardAssignmentIfKnownAnswerScoreIsLessThan: SCORE,
  ExtendIfHITAgreementScoreIsLessThan: int(1, 100),
  ExtendMaximumAssignments: int(2, 25),
  ExtendMinimumTimeInSeconds: EXTEND_TIME,
  ApproveIfWorkerAgreementScoreIsAtLeast: SCORE,
  ApproveReason: { kind: "string" },
  RejectIfWorkerAgreementScoreIsLessThan: SCORE,
  RejectReason: { kind: "string" },
};

type Params = {
  ints: Map<string, number>;
  strings: Map<string, string>;
  bools: Map<string, boolean>;
  lists: Map<string, string[]>;
  maps: Map<string, Map<string, string[]>>;
};

function policyError(field: string, message: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `${field}: ${message}`);
}

function parseParams(field: string, policy: ReviewPolicyInput, specs: Record<string, Spec>): Params {
  const out: Params = { ints: new Map(), strings: new Map(), bools: new Map(), lists: new Map(), maps: new Map() };
  for (const p of policy.Parameters ?? []) {
    const key = p.Key ?? "";
    const spec = specs[key];
    const where = `${field}.Parameters[${key}]`;
    if (!spec) throw policyError(field, `unknown parameter "${key}" for ${policy.PolicyName}; allowed: ${Object.keys(specs).join(", ")}`);
    if ([out.ints, out.strings, out.bools, out.lists, out.maps].some((m) => m.has(key))) throw policyError(where, "given more than once");
    const values = p.Values ?? [];
    if (spec.kind === "map") {
      const entries = p.MapEntries ?? [];
      if (entries.length === 0) throw policyError(where, "needs MapEntries (QuestionId → answer values)");
      const map = new Map<string, string[]>();
      for (const e of entries) {
        if (!e.Key || !e.Values || e.Values.length === 0) throw policyError(where, "every MapEntry needs a Key and at least one Value");
        map.set(
          e.Key.trim(),
          e.Values.map((v) => v.trim()),
        );
      }
      out.maps.set(key, map);
      continue;
    }
    if (spec.kind === "list") {
      // MTurk documents a comma-separated list; SDK users also pass one id per value.
      const items = values
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean);
      if (items.length === 0) throw policyError(where, "needs at least one value");
      out.lists.set(key, items);
      continue;
    }
    if (values.length !== 1) throw policyError(where, "needs exactly one value");
    const raw = values[0]!.trim();
    if (spec.kind === "string") out.strings.set(key, values[0]!);
    else if (spec.kind === "bool") {
      if (!/^(true|false)$/i.test(raw)) throw policyError(where, `must be true or false, got "${raw}"`);
      out.bools.set(key, raw.toLowerCase() === "true");
    } else {
      if (!/^\d+$/.test(raw) || Number(raw) < spec.min || Number(raw) > spec.max) {
        throw policyError(where, `must be an integer from ${spec.min} to ${spec.max}, got "${raw}"`);
      }
      out.ints.set(key, Number(raw));
    }
  }
  return out;
}

function asPolicy(field: string, value: unknown, name: string): ReviewPolicyInput {
  const p = value as ReviewPolicyInput;
  if (p.PolicyName !== name) throw policyError(`${field}.PolicyName`, `must be ${name}, got "${p.PolicyName}"`);
  return p;
}

function parseAssignmentPolicy(value: unknown): Params {
  const params = parseParams("AssignmentReviewPolicy", asPolicy("AssignmentReviewPolicy", value, ASSIGNMENT_POLICY), ASSIGNMENT_PARAMS);
  if (!params.maps.has("AnswerKey")) throw policyError("AssignmentReviewPolicy.Parameters[AnswerKey]", "is required");
  return params;
}

function parseHitPolicy(value: unknown): Params {
  const params = parseParams("HITReviewPolicy", asPolicy("HITReviewPolicy", value, HIT_POLICY), HIT_PARAMS);
  for (const required of ["QuestionIds", "QuestionAgreementThreshold"]) {
    if (!params.lists.has(required) && !params.ints.has(required)) throw policyError(`HITReviewPolicy.Parameters[${required}]`, "is required");
  }
  if (params.ints.has("ExtendIfHITAgreementScoreIsLessThan") && !(params.ints.has("ExtendMaximumAssignments") && params.ints.has("ExtendMinimumTimeInSeconds"))) {
    throw policyError("HITReviewPolicy.Parameters", "ExtendIfHITAgreementScoreIsLessThan needs ExtendMaximumAssignments and ExtendMinimumTimeInSeconds");
  }
  return params;
}

/** Checks a CreateHIT's AssignmentReviewPolicy / HITReviewPolicy (SPEC §10). */
export function validateReviewPolicies(input: { AssignmentReviewPolicy?: unknown; HITReviewPolicy?: unknown }): void {
  if (input.AssignmentReviewPolicy !== undefined) parseAssignmentPolicy(input.AssignmentReviewPolicy);
  if (input.HITReviewPolicy !== undefined) parseHitPolicy(input.HITReviewPolicy);
}

type Level = "Assignment" | "HIT";

async function recordResult(tx: Tx, hitId: string, level: Level, r: { subjectId: string; subjectType: Level; questionId?: string; key: string; value: string }) {
  await tx.mkReviewEntry.create({
    data: { id: entityId(), hitId, level, entryKind: "result", subjectId: r.subjectId, subjectType: r.subjectType, questionId: r.questionId, key: r.key, value: r.value },
  });
}

async function recordAction(
  tx: Tx,
  hitId: string,
  level: Level,
  a: { actionName: string; targetId: string; targetType: Level; status: "Succeeded" | "Failed"; result: string; errorCode?: string; now: Date },
) {
  await tx.mkReviewEntry.create({
    data: {
      id: entityId(),
      hitId,
      level,
      entryKind: "action",
      actionName: a.actionName,
      targetId: a.targetId,
      targetType: a.targetType,
      status: a.status,
      completeTime: a.now,
      result: a.result,
      errorCode: a.errorCode,
    },
  });
}

/**
 * Approves or rejects through the shared decision functions and records the outcome. A
 * refused decision (e.g. insufficient funds) is rolled back to a savepoint, so its partial
 * writes never commit, and recorded as a Failed action.
 */
async function decide(tx: Tx, hitId: string, level: Level, assignmentId: string, approve: boolean, reason: string | undefined, now: Date) {
  await tx.$executeRawUnsafe("SAVEPOINT review_decision");
  try {
    if (approve) await approveAssignmentInTx(tx, { assignmentId, requesterFeedback: reason, now });
    else await rejectAssignmentInTx(tx, { assignmentId, requesterFeedback: reason ?? "Rejected by review policy", now });
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT review_decision");
    await recordAction(tx, hitId, level, {
      actionName: approve ? "approve" : "reject",
      targetId: assignmentId,
      targetType: "Assignment",
      status: "Succeeded",
      result: approve ? "Approved" : "Rejected",
      now,
    });
  } catch (e) {
    if (!(e instanceof MturkRequestError)) throw e;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT review_decision");
    await recordAction(tx, hitId, level, {
      actionName: approve ? "approve" : "reject",
      targetId: assignmentId,
      targetType: "Assignment",
      status: "Failed",
      result: e.message,
      errorCode: e.turkErrorCode,
      now,
    });
  }
}

/**
 * Adds one assignment (up to `maxAssignments`) and keeps the HIT open at least `minSeconds`.
 * A conditional update, so concurrent changes to the HIT are never overwritten; never lets a
 * HIT created with fewer than 10 assignments reach 10.
 */
async function extendHit(tx: Tx, hitId: string, level: Level, maxAssignments: number, minSeconds: number, now: Date) {
  const hit = await tx.mkHit.findUnique({ where: { id: hitId } });
  if (!hit || hit.disposedAt) return;
  const fail = (result: string, errorCode?: string) => recordAction(tx, hitId, level, { actionName: "extend", targetId: hitId, targetType: "HIT", status: "Failed", result, errorCode, now });
  if (hit.maxAssignments >= maxAssignments) return fail(`The HIT already has ${hit.maxAssignments} assignments (ExtendMaximumAssignments is ${maxAssignments}).`);
  if (hit.underTenAtCreation && hit.maxAssignments + 1 >= 10) {
    return fail("A HIT created with fewer than 10 assignments cannot be extended to 10 or more.", "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease");
  }
  const expiresAt = new Date(Math.max(hit.expiresAt.getTime(), now.getTime() + minSeconds * 1000));
  const updated = await tx.mkHit.updateMany({
    where: { id: hitId, maxAssignments: hit.maxAssignments, status: { in: ["Assignable", "Unassignable", "Reviewable"] } },
    data: { maxAssignments: { increment: 1 }, assignmentsAvailable: { increment: 1 }, expiresAt, status: "Assignable" },
  });
  if (updated.count === 0) return fail("The HIT changed state and was not extended.");
  await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITExtended", hitTypeId: hit.hitTypeId, hitId, at: now });
  await recordAction(tx, hitId, level, {
    actionName: "extend",
    targetId: hitId,
    targetType: "HIT",
    status: "Succeeded",
    result: `Extended to ${hit.maxAssignments + 1} assignments, expiring ${expiresAt.toISOString()}.`,
    now,
  });
}

/** A worker's answers keyed by question id, each a set of trimmed values. */
function answerValues(answerXml: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!answerXml) return map;
  for (const a of parseQuestionFormAnswers(answerXml))
    map.set(
      a.questionIdentifier.trim(),
      a.values.map((v) => v.trim()),
    );
  return map;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...new Set(a)].every((x) => b.includes(x));

/** ScoreMyKnownAnswers, run right after a submit. */
export async function runAssignmentReviewPolicy(tx: Tx, assignmentId: string, now: Date): Promise<void> {
  const assignment = await tx.mkAssignment.findUnique({ where: { id: assignmentId } });
  if (!assignment) return;
  const hit = await tx.mkHit.findUnique({ where: { id: assignment.hitId } });
  if (!hit?.assignmentReviewPolicy) return;
  const params = parseAssignmentPolicy(hit.assignmentReviewPolicy);
  const key = params.maps.get("AnswerKey")!;
  const given = answerValues(assignment.answer);
  let correct = 0;
  for (const [questionId, expected] of key) {
    const ok = sameSet(given.get(questionId) ?? [], expected);
    if (ok) correct++;
    await recordResult(tx, hit.id, "Assignment", { subjectId: assignmentId, subjectType: "Assignment", questionId, key: "KnownAnswerCorrect", value: String(ok) });
  }
  const score = Math.floor((correct * 100) / key.size);
  await recordResult(tx, hit.id, "Assignment", { subjectId: assignmentId, subjectType: "Assignment", key: "KnownAnswerScore", value: String(score) });

  const approveAt = params.ints.get("ApproveIfKnownAnswerScoreIsAtLeast");
  const rejectBelow = params.ints.get("RejectIfKnownAnswerScoreIsLessThan");
  // Approval wins when a misconfigured policy would both approve and reject.
  if (approveAt !== undefined && score >= approveAt) await decide(tx, hit.id, "Assignment", assignmentId, true, params.strings.get("ApproveReason"), now);
  else if (rejectBelow !== undefined && score < rejectBelow) await decide(tx, hit.id, "Assignment", assignmentId, false, params.strings.get("RejectReason"), now);

  const extendBelow = params.ints.get("ExtendIfKnownAnswerScoreIsLessThan");
  if (extendBelow !== undefined && score < extendBelow) {
    await extendHit(tx, hit.id, "Assignment", params.ints.get("ExtendMaximumAssignments") ?? 5, params.ints.get("ExtendMinimumTimeInSeconds") ?? 60, now);
  }
}

/** SimplePlurality, run when a HIT becomes Reviewable. */
export async function runHitReviewPolicy(tx: Tx, hitId: string, now: Date): Promise<void> {
  const hit = await tx.mkHit.findUnique({ where: { id: hitId } });
  if (!hit?.hitReviewPolicy) return;
  const params = parseHitPolicy(hit.hitReviewPolicy);
  let assignments = await tx.mkAssignment.findMany({ where: { hitId, status: { in: ["Submitted", "Approved", "Rejected"] } }, orderBy: { seq: "asc" } });
  if (params.bools.get("DisregardAssignmentIfRejected")) assignments = assignments.filter((a) => a.status !== "Rejected");
  const minKnown = params.ints.get("DisregardAssignmentIfKnownAnswerScoreIsLessThan");
  if (minKnown !== undefined) {
    const scores = await tx.mkReviewEntry.findMany({ where: { hitId, level: "Assignment", entryKind: "result", key: "KnownAnswerScore" } });
    assignments = assignments.filter((a) => {
      const s = scores.find((x) => x.subjectId === a.id);
      return !s || Number(s.value) >= minKnown;
    });
  }
  const questionIds = params.lists.get("QuestionIds")!;
  const threshold = params.ints.get("QuestionAgreementThreshold")!;
  // Multi-select answers compare as whole sets; answers over 256 characters are ignored.
  const normalized = assignments.map((a) => {
    const values = answerValues(a.answer);
    const byQuestion = new Map<string, string>();
    for (const q of questionIds) {
      const v = values.get(q);
      if (!v || v.length === 0) continue;
      const joined = [...new Set(v)].sort().join("|");
      if (v.every((x) => x.length <= 256)) byQuestion.set(q, joined);
    }
    return { id: a.id, status: a.status, byQuestion };
  });

  const agreed = new Map<string, string>();
  for (const q of questionIds) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const a of normalized) {
      const v = a.byQuestion.get(q);
      if (v === undefined) continue;
      total++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((x, y) => y[1] - x[1]);
    const top = ranked[0];
    const score = top && total > 0 ? Math.floor((top[1] * 100) / total) : 0;
    await recordResult(tx, hitId, "HIT", { subjectId: hitId, subjectType: "HIT", questionId: q, key: "QuestionAgreementScore", value: String(score) });
    // A tie for first place is no plurality; the documented test is "greater than the threshold".
    if (top && ranked[1]?.[1] !== top[1] && score > threshold) {
      agreed.set(q, top[0]);
      await recordResult(tx, hitId, "HIT", { subjectId: hitId, subjectType: "HIT", questionId: q, key: "PluralityAnswer", value: top[0] });
    }
  }
  const hitScore = Math.floor((agreed.size * 100) / questionIds.length);
  await recordResult(tx, hitId, "HIT", { subjectId: hitId, subjectType: "HIT", key: "HITAgreementScore", value: String(hitScore) });

  const approveAt = params.ints.get("ApproveIfWorkerAgreementScoreIsAtLeast");
  const rejectBelow = params.ints.get("RejectIfWorkerAgreementScoreIsLessThan");
  for (const a of normalized) {
    const answeredAgreed = [...agreed.keys()].filter((q) => a.byQuestion.has(q));
    // Worker agreement: the share of the questions with an agreed answer that the worker matched.
    const matched = answeredAgreed.filter((q) => a.byQuestion.get(q) === agreed.get(q)).length;
    const score = agreed.size === 0 ? 0 : Math.floor((matched * 100) / agreed.size);
    await recordResult(tx, hitId, "HIT", { subjectId: a.id, subjectType: "Assignment", key: "WorkerAgreementScore", value: String(score) });
    if (a.status !== "Submitted" || agreed.size === 0) continue;
    if (approveAt !== undefined && score >= approveAt) await decide(tx, hitId, "HIT", a.id, true, params.strings.get("ApproveReason"), now);
    else if (rejectBelow !== undefined && score < rejectBelow) await decide(tx, hitId, "HIT", a.id, false, params.strings.get("RejectReason"), now);
  }

  const extendBelow = params.ints.get("ExtendIfHITAgreementScoreIsLessThan");
  if (extendBelow !== undefined && hitScore < extendBelow) {
    await extendHit(tx, hitId, "HIT", params.ints.get("ExtendMaximumAssignments")!, params.ints.get("ExtendMinimumTimeInSeconds")!, now);
  }
}
