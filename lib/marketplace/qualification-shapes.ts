import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { MkQualification, MkQualificationRequest, MkQualificationType } from "@/lib/generated/prisma/client";
import { MturkRequestError } from "@/lib/marketplace/errors";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { epochSeconds } from "@/lib/marketplace/serialize";
import { findSystemQualificationType, SYSTEM_TYPE_CREATION_TIME, type SystemQualificationType } from "@/lib/mturk-formats/system-qualifications";

// Lookups and API shapes shared by the qualification operations.

export function serializeQualificationType(t: MkQualificationType) {
  return {
    QualificationTypeId: t.id,
    CreationTime: epochSeconds(t.createdAt),
    Name: t.name,
    Description: t.description,
    ...(t.keywords !== null ? { Keywords: t.keywords } : {}),
    QualificationTypeStatus: t.status,
    ...(t.test !== null ? { Test: t.test, TestDurationInSeconds: t.testDurationSec ?? undefined } : {}),
    ...(t.answerKey !== null ? { AnswerKey: t.answerKey } : {}),
    ...(t.retryDelaySec !== null ? { RetryDelayInSeconds: t.retryDelaySec } : {}),
    IsRequestable: t.isRequestable,
    AutoGranted: t.autoGranted,
    ...(t.autoGranted ? { AutoGrantedValue: t.autoGrantedValue } : {}),
  };
}

export function serializeSystemQualificationType(t: SystemQualificationType) {
  return {
    QualificationTypeId: t.id,
    CreationTime: epochSeconds(SYSTEM_TYPE_CREATION_TIME),
    Name: t.name,
    Description: t.description,
    Keywords: t.keywords,
    QualificationTypeStatus: "Active",
    IsRequestable: false,
    AutoGranted: false,
  };
}

export function serializeQualification(q: MkQualification) {
  return {
    QualificationTypeId: q.qualificationTypeId,
    WorkerId: q.workerId,
    GrantTime: epochSeconds(q.grantTime),
    ...(q.integerValue !== null ? { IntegerValue: q.integerValue } : {}),
    ...(q.localeCountry !== null ? { LocaleValue: { Country: q.localeCountry, ...(q.localeSubdivision ? { Subdivision: q.localeSubdivision } : {}) } } : {}),
    Status: q.status,
  };
}

export function serializeQualificationRequest(r: MkQualificationRequest) {
  return {
    QualificationRequestId: r.id,
    QualificationTypeId: r.qualificationTypeId,
    WorkerId: r.workerId,
    ...(r.test !== null ? { Test: r.test } : {}),
    ...(r.answer !== null ? { Answer: r.answer } : {}),
    SubmitTime: epochSeconds(r.submitTime),
  };
}

export const typeDoesNotExist = (id: string) => new MturkRequestError("AWS.MechanicalTurk.QualificationTypeDoesNotExist", `Qualification type ${id} does not exist.`);

/** A live (not deleted) type of this environment, whoever owns it. */
export async function findLiveQualificationType(client: Tx | Db, environment: MarketplaceEnvironment, id: string): Promise<MkQualificationType | null> {
  return client.mkQualificationType.findFirst({ where: { id, environment, deletedAt: null } });
}

/**
 * The caller's own live type. System types and other requesters' types are refused with
 * PermissionDenied (MTurk's exact code is undocumented); unknown or deleted ids with
 * QualificationTypeDoesNotExist.
 */
export async function requireOwnQualificationType(client: Tx | Db, requester: { id: string; environment: MarketplaceEnvironment }, id: string): Promise<MkQualificationType> {
  if (findSystemQualificationType(requester.environment, id)) {
    throw new MturkRequestError("AWS.MechanicalTurk.PermissionDenied", `Qualification type ${id} is a system qualification type and cannot be changed or assigned.`);
  }
  const t = await findLiveQualificationType(client, requester.environment, id);
  if (!t) throw typeDoesNotExist(id);
  if (t.requesterId !== requester.id) {
    throw new MturkRequestError("AWS.MechanicalTurk.PermissionDenied", `Qualification type ${id} is owned by another requester.`);
  }
  return t;
}
