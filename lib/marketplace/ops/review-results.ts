import "server-only";
import { db } from "@/lib/db";
import type { MkReviewEntry } from "@/lib/generated/prisma/client";
import type { OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { epochSeconds } from "@/lib/marketplace/serialize";

const omitNull = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

const result = (e: MkReviewEntry) => omitNull({ SubjectId: e.subjectId, SubjectType: e.subjectType, QuestionId: e.questionId, Key: e.key, Value: e.value });

const action = (e: MkReviewEntry) =>
  omitNull({
    ActionId: e.id,
    ActionName: e.actionName,
    TargetId: e.targetId,
    TargetType: e.targetType,
    Status: e.status,
    CompleteTime: e.completeTime ? epochSeconds(e.completeTime) : null,
    Result: e.result,
    ErrorCode: e.errorCode,
  });

/**
 * Review results and actions of one of the caller's HITs. RetrieveActions and
 * RetrieveResults default to true (MTurk does not document a default); a page spans both
 * levels in recording order.
 */
const ListReviewPolicyResultsForHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as {
    HITId: string;
    PolicyLevels?: ("Assignment" | "HIT")[];
    RetrieveActions?: boolean;
    RetrieveResults?: boolean;
    NextToken?: string;
    MaxResults?: number;
  };
  const hit = await db.mkHit.findFirst({ where: { id: input.HITId, requesterId: ctx.requester.id } });
  if (!hit) throw new MturkRequestError("AWS.MechanicalTurk.HITDoesNotExist", `Hit ${input.HITId} does not exist.`);
  const levels = input.PolicyLevels && input.PolicyLevels.length > 0 ? input.PolicyLevels : ["Assignment", "HIT"];
  const kinds = [...((input.RetrieveResults ?? true) ? ["result"] : []), ...((input.RetrieveActions ?? true) ? ["action"] : [])];
  const { limit, after } = seqCursor(input);
  const rows = await db.mkReviewEntry.findMany({
    where: { hitId: hit.id, level: { in: levels }, entryKind: { in: kinds }, ...(after !== undefined ? { seq: { gt: after } } : {}) },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: r })),
    limit,
  );
  const report = (level: "Assignment" | "HIT") => {
    const entries = page.items.filter((e) => e.level === level);
    return {
      ...(kinds.includes("result") ? { ReviewResults: entries.filter((e) => e.entryKind === "result").map(result) } : {}),
      ...(kinds.includes("action") ? { ReviewActions: entries.filter((e) => e.entryKind === "action").map(action) } : {}),
    };
  };
  return {
    HITId: hit.id,
    ...(hit.assignmentReviewPolicy && levels.includes("Assignment") ? { AssignmentReviewPolicy: hit.assignmentReviewPolicy, AssignmentReviewReport: report("Assignment") } : {}),
    ...(hit.hitReviewPolicy && levels.includes("HIT") ? { HITReviewPolicy: hit.hitReviewPolicy, HITReviewReport: report("HIT") } : {}),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};

export const reviewResultOperations = { ListReviewPolicyResultsForHIT } satisfies Record<string, OperationHandler>;
