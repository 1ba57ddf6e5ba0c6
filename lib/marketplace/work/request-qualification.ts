import "server-only";
import { db } from "@/lib/db";
import type { MkQualificationType } from "@/lib/generated/prisma/client";
import { requesterNow } from "@/lib/marketplace/clock";
import { announceEvent } from "@/lib/marketplace/events";
import { grantQualification } from "@/lib/marketplace/grant-qualification";
import { entityId } from "@/lib/marketplace/ids";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { parseAnswerKey, scoreAnswers } from "@/lib/mturk-formats/answer-key";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";

/** Why a worker's request was refused, worded for the worker. */
export class QualificationRequestRefused extends Error {}

export type RequestQualificationResult = { status: "Granted"; requestId: string; value: number } | { status: "Pending"; requestId: string };

/**
 * A worker requests a qualification (worker site). The type must be live, Active and
 * requestable. Without RetryDelayInSeconds a worker may request only once; with it, again
 * once that long has passed since the last request was decided (or made, while pending
 * requests block). AutoGranted types grant AutoGrantedValue at once; a Test with an AnswerKey
 * is scored at once and the computed score is granted — even 0, as MTurk grants whatever the
 * key computes and leaves the cut-off to the HIT's requirements. Anything else waits as a
 * Pending request for the requester.
 */
export async function requestQualification(input: { workerId: string; qualificationTypeId: string; answerXml?: string }): Promise<RequestQualificationResult> {
  const type = await db.mkQualificationType.findFirst({ where: { id: input.qualificationTypeId, deletedAt: null } });
  if (!type || type.status !== "Active" || !type.isRequestable) throw new QualificationRequestRefused("This qualification is not available for requests.");
  const worker = await db.mkWorker.findUnique({ where: { id: input.workerId }, select: { id: true } });
  if (!worker) throw new QualificationRequestRefused("Unknown worker.");
  if (type.test !== null && !input.answerXml) throw new QualificationRequestRefused("This qualification requires answering its test.");
  const now = await requesterNow(type.requesterId);

  return db.$transaction(async (tx) => {
    // Serialises a worker's concurrent requests for the same type.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${type.id}:${worker.id}`}))`;
    const last = await tx.mkQualificationRequest.findFirst({ where: { qualificationTypeId: type.id, workerId: worker.id }, orderBy: { seq: "desc" } });
    if (last) refuseRetry(type, last, now);

    const value = immediateValue(type, input.answerXml);
    const id = entityId();
    await tx.mkQualificationRequest.create({
      data: {
        id,
        qualificationTypeId: type.id,
        requesterId: type.requesterId,
        workerId: worker.id,
        test: type.test,
        answer: input.answerXml ?? null,
        status: value === undefined ? "Pending" : "Approved",
        computedScore: value ?? null,
        submitTime: now,
        decidedAt: value === undefined ? null : now,
      },
    });
    await announceEvent(tx, { requesterId: type.requesterId, eventType: "QualificationRequested", qualificationTypeId: type.id });
    if (value === undefined) return { status: "Pending", requestId: id };
    await grantQualification(tx, { qualificationTypeId: type.id, workerId: worker.id, value, now });
    return { status: "Granted", requestId: id, value };
  });
}

function refuseRetry(type: MkQualificationType, last: { status: string; submitTime: Date; decidedAt: Date | null }, now: Date): void {
  if (last.status === "Pending") throw new QualificationRequestRefused("You already have a pending request for this qualification.");
  if (type.retryDelaySec === null) throw new QualificationRequestRefused("This qualification can be requested only once.");
  const retryAt = (last.decidedAt ?? last.submitTime).getTime() + type.retryDelaySec * 1000;
  if (now.getTime() < retryAt) throw new QualificationRequestRefused(`You can request this qualification again after ${new Date(retryAt).toISOString()}.`);
}

/** The value granted without the requester: AutoGrantedValue, or the AnswerKey's score. */
function immediateValue(type: MkQualificationType, answerXml: string | undefined): number | undefined {
  if (type.autoGranted) return type.autoGrantedValue;
  if (type.answerKey === null || answerXml === undefined) return undefined;
  return scoreAnswers(parseAnswerKey(type.answerKey), parseQuestionFormAnswers(answerXml));
}

/** Requestable types of an environment for the worker site, newest first, optionally filtered. */
export async function listRequestableQualificationTypes(input: { environment: MarketplaceEnvironment; query?: string; take?: number }) {
  const q = input.query?.trim();
  return db.mkQualificationType.findMany({
    where: {
      environment: input.environment,
      deletedAt: null,
      status: "Active",
      isRequestable: true,
      ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { description: { contains: q, mode: "insensitive" } }, { keywords: { contains: q, mode: "insensitive" } }] } : {}),
    },
    orderBy: { seq: "desc" },
    take: input.take ?? 50,
    select: { id: true, name: true, description: true, keywords: true, test: true, testDurationSec: true, autoGranted: true, retryDelaySec: true, createdAt: true },
  });
}
