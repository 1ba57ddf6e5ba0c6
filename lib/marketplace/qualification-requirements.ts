import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { MturkRequestError } from "@/lib/marketplace/errors";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { ADULT_TYPE_ID, findSystemQualificationType, LOCALE_TYPE_ID, NUMBER_HITS_APPROVED_TYPE_ID, PERCENT_APPROVED_TYPE_ID } from "@/lib/mturk-formats/system-qualifications";

export type Comparator = "LessThan" | "LessThanOrEqualTo" | "GreaterThan" | "GreaterThanOrEqualTo" | "EqualTo" | "NotEqualTo" | "Exists" | "DoesNotExist" | "In" | "NotIn";

export type ActionsGuarded = "Accept" | "PreviewAndAccept" | "DiscoverPreviewAndAccept";

export interface LocaleValue {
  Country: string;
  Subdivision?: string;
}

export interface QualificationRequirement {
  QualificationTypeId: string;
  Comparator: Comparator;
  IntegerValues?: number[];
  LocaleValues?: LocaleValue[];
  RequiredToPreview?: boolean;
  ActionsGuarded?: ActionsGuarded;
}

export interface WorkerAccess {
  discover: boolean;
  preview: boolean;
  accept: boolean;
  blocked: boolean;
  unmet: { qualificationTypeId: string; comparator: string; actionsGuarded: string }[];
}

const MAX_REQUIREMENTS = 10;

function invalid(index: number, message: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `QualificationRequirements[${index}]: ${message}`);
}

function checkValues(r: QualificationRequirement, i: number): void {
  const ints = r.IntegerValues ?? [];
  const locales = r.LocaleValues ?? [];
  const isLocaleType = r.QualificationTypeId === LOCALE_TYPE_ID;
  if (locales.length > 0 && !isLocaleType) throw invalid(i, `LocaleValues can only be used with the Worker_Locale qualification type (${LOCALE_TYPE_ID})`);
  if (ints.length > 0 && isLocaleType) throw invalid(i, "IntegerValues cannot be used with the Worker_Locale qualification type; use LocaleValues");
  const count = ints.length + locales.length;
  switch (r.Comparator) {
    case "Exists":
    case "DoesNotExist":
      if (count > 0) throw invalid(i, `the ${r.Comparator} comparator takes no IntegerValues or LocaleValues`);
      return;
    case "In":
    case "NotIn":
      if (count === 0) throw invalid(i, `the ${r.Comparator} comparator needs at least one ${isLocaleType ? "LocaleValue" : "IntegerValue"}`);
      if (ints.length > 15) throw invalid(i, `the ${r.Comparator} comparator accepts at most 15 IntegerValues`);
      if (locales.length > 30) throw invalid(i, `the ${r.Comparator} comparator accepts at most 30 LocaleValues`);
      return;
    case "EqualTo":
    case "NotEqualTo":
      if (count !== 1) throw invalid(i, `the ${r.Comparator} comparator needs exactly one ${isLocaleType ? "LocaleValue" : "IntegerValue"}`);
      return;
    default:
      if (isLocaleType) throw invalid(i, `the ${r.Comparator} comparator cannot be used with the Worker_Locale qualification type`);
      if (ints.length !== 1) throw invalid(i, `the ${r.Comparator} comparator needs exactly one IntegerValue`);
  }
}

/**
 * Semantic checks of a HIT's QualificationRequirements beyond the model's structure (which the
 * handler has validated): count, comparator/value rules, RequiredToPreview vs ActionsGuarded,
 * and that every type exists (a system type of this environment or a live type of a requester
 * in it). Async because of that last check: await it.
 */
export async function validateQualificationRequirements(requirements: unknown[] | undefined, environment: MarketplaceEnvironment, client: Tx | Db = db): Promise<void> {
  if (!requirements || requirements.length === 0) return;
  if (requirements.length > MAX_REQUIREMENTS) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `QualificationRequirements: at most ${MAX_REQUIREMENTS} requirements are allowed, got ${requirements.length}`);
  }
  const list = requirements as QualificationRequirement[];
  list.forEach((r, i) => {
    checkValues(r, i);
    if (r.RequiredToPreview !== undefined && r.ActionsGuarded !== undefined) {
      throw invalid(i, "RequiredToPreview (deprecated) cannot be combined with ActionsGuarded; use ActionsGuarded only");
    }
  });
  const custom = [...new Set(list.map((r) => r.QualificationTypeId))].filter((id) => !findSystemQualificationType(environment, id));
  if (custom.length === 0) return;
  const found = await client.mkQualificationType.findMany({ where: { id: { in: custom }, environment, deletedAt: null }, select: { id: true } });
  const missing = custom.find((id) => !found.some((f) => f.id === id));
  if (missing !== undefined) {
    throw new MturkRequestError("AWS.MechanicalTurk.QualificationTypeDoesNotExist", `Qualification type ${missing} does not exist.`);
  }
}

type WorkerValue = { integer?: number; locale?: LocaleValue } | undefined;

/** The values a worker holds for the requirements' types (undefined = no value). */
async function workerValues(client: Tx | Db, workerId: string, environment: MarketplaceEnvironment, typeIds: string[]): Promise<Map<string, WorkerValue>> {
  const values = new Map<string, WorkerValue>();
  const worker = await client.mkWorker.findUnique({ where: { id: workerId } });
  if (!worker) return values;
  if (typeIds.includes(LOCALE_TYPE_ID)) {
    values.set(LOCALE_TYPE_ID, { locale: { Country: worker.localeCountry, ...(worker.localeSubdivision ? { Subdivision: worker.localeSubdivision } : {}) } });
  }
  if (typeIds.includes(ADULT_TYPE_ID)) values.set(ADULT_TYPE_ID, { integer: worker.adult ? 1 : 0 });
  if (typeIds.includes(NUMBER_HITS_APPROVED_TYPE_ID) || typeIds.includes(PERCENT_APPROVED_TYPE_ID)) {
    const [counts] = await client.$queryRaw<{ approved: bigint; rejected: bigint }[]>`
      SELECT count(*) FILTER (WHERE a.status = 'Approved') AS approved, count(*) FILTER (WHERE a.status = 'Rejected') AS rejected
      FROM mk_assignment a JOIN mk_requester r ON r.id = a."requesterId"
      WHERE a."workerId" = ${workerId} AND r.environment::text = ${environment}`;
    const approved = Number(counts?.approved ?? 0);
    const decided = approved + Number(counts?.rejected ?? 0);
    values.set(NUMBER_HITS_APPROVED_TYPE_ID, { integer: approved });
    // Like MTurk, the approval rate reads 100 until the worker has 100 decided assignments.
    values.set(PERCENT_APPROVED_TYPE_ID, { integer: decided < 100 ? 100 : Math.floor((approved * 100) / decided) });
  }
  const granted = await client.mkQualification.findMany({
    where: { workerId, status: "Granted", qualificationTypeId: { in: typeIds.filter((id) => !values.has(id)) } },
  });
  for (const q of granted) {
    values.set(q.qualificationTypeId, {
      integer: q.integerValue ?? undefined,
      ...(q.localeCountry ? { locale: { Country: q.localeCountry, ...(q.localeSubdivision ? { Subdivision: q.localeSubdivision } : {}) } } : {}),
    });
  }
  return values;
}

/** A requirement's locale matches when the country does and, if it names one, the subdivision too. */
const localeMatches = (worker: LocaleValue, wanted: LocaleValue) => worker.Country === wanted.Country && (wanted.Subdivision === undefined || worker.Subdivision === wanted.Subdivision);

/**
 * Whether a worker's value satisfies one requirement. A worker without a value satisfies only
 * DoesNotExist: every comparison, NotIn and NotEqualTo included, fails without a value (MTurk
 * documents that workers lacking the qualification do not meet comparator requirements).
 */
export function meetsRequirement(r: QualificationRequirement, value: WorkerValue): boolean {
  if (r.Comparator === "DoesNotExist") return value === undefined;
  if (value === undefined) return false;
  if (r.Comparator === "Exists") return true;
  if (r.LocaleValues && r.LocaleValues.length > 0) {
    const any = value.locale !== undefined && r.LocaleValues.some((l) => localeMatches(value.locale!, l));
    if (r.Comparator === "EqualTo" || r.Comparator === "In") return any;
    if (r.Comparator === "NotEqualTo" || r.Comparator === "NotIn") return value.locale !== undefined && !any;
    return false;
  }
  const v = value.integer;
  const ints = r.IntegerValues ?? [];
  if (v === undefined) return false;
  const target = ints[0]!;
  switch (r.Comparator) {
    case "LessThan":
      return v < target;
    case "LessThanOrEqualTo":
      return v <= target;
    case "GreaterThan":
      return v > target;
    case "GreaterThanOrEqualTo":
      return v >= target;
    case "EqualTo":
      return v === target;
    case "NotEqualTo":
      return v !== target;
    case "In":
      return ints.includes(v);
    case "NotIn":
      return !ints.includes(v);
  }
}

function guardOf(r: QualificationRequirement): ActionsGuarded {
  return r.ActionsGuarded ?? (r.RequiredToPreview ? "PreviewAndAccept" : "Accept");
}

/**
 * What a worker may do with a HIT of this requester carrying these requirements. A worker the
 * requester blocked may do nothing; otherwise an action is allowed when every requirement
 * guarding it is met (Accept ⊂ PreviewAndAccept ⊂ DiscoverPreviewAndAccept).
 */
export async function evaluateWorkerAccess(
  client: Tx | Db,
  input: { requesterId: string; workerId: string; environment: MarketplaceEnvironment; requirements: QualificationRequirement[] },
): Promise<WorkerAccess> {
  const block = await client.mkWorkerBlock.findUnique({ where: { requesterId_workerId: { requesterId: input.requesterId, workerId: input.workerId } } });
  if (block) return { discover: false, preview: false, accept: false, blocked: true, unmet: [] };
  const access: WorkerAccess = { discover: true, preview: true, accept: true, blocked: false, unmet: [] };
  if (input.requirements.length === 0) return access;
  const values = await workerValues(client, input.workerId, input.environment, [...new Set(input.requirements.map((r) => r.QualificationTypeId))]);
  for (const r of input.requirements) {
    if (meetsRequirement(r, values.get(r.QualificationTypeId))) continue;
    const guard = guardOf(r);
    access.unmet.push({ qualificationTypeId: r.QualificationTypeId, comparator: r.Comparator, actionsGuarded: guard });
    access.accept = false;
    if (guard !== "Accept") access.preview = false;
    if (guard === "DiscoverPreviewAndAccept") access.discover = false;
  }
  return access;
}
