import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerId, entityId, randomId } from "@/lib/marketplace/ids";
import { evaluateWorkerAccess, validateQualificationRequirements, type QualificationRequirement } from "@/lib/marketplace/qualification-requirements";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { ADULT_TYPE_ID, LOCALE_TYPE_ID, MASTERS_TYPE_IDS, NUMBER_HITS_APPROVED_TYPE_ID, PERCENT_APPROVED_TYPE_ID } from "@/lib/mturk-formats/system-qualifications";

// evaluateWorkerAccess and validateQualificationRequirements against real rows.

let requesterId: string;
let typeId: string;

async function worker(data: { localeCountry?: string; localeSubdivision?: string; adult?: boolean } = {}) {
  const w = await db.mkWorker.create({ data: { id: customerId(), displayName: "w", ...data } });
  return w.id;
}

async function decided(workerId: string, approved: number, rejected: number) {
  const now = new Date();
  const row = (status: string) => ({ id: entityId(), hitId: entityId(), requesterId, workerId, status, acceptTime: now, deadline: now, submitTime: now });
  await db.mkAssignment.createMany({ data: [...Array.from({ length: approved }, () => row("Approved")), ...Array.from({ length: rejected }, () => row("Rejected"))] });
}

async function grant(workerId: string, qualificationTypeId: string, integerValue: number, status = "Granted") {
  await db.mkQualification.create({ data: { qualificationTypeId, workerId, integerValue, status, grantTime: new Date() } });
}

const access = (workerId: string, requirements: QualificationRequirement[]) => evaluateWorkerAccess(db, { requesterId, workerId, environment: "sandbox", requirements });

const meets = async (workerId: string, r: QualificationRequirement) => (await access(workerId, [r])).accept;

beforeAll(async () => {
  requesterId = (await provisionRequester(`access-${randomId(8)}`, "sandbox", "Access test")).requesterId;
  typeId = entityId();
  await db.mkQualificationType.create({
    data: { id: typeId, requesterId, environment: "sandbox", name: `Skill ${typeId}`, nameKey: `skill ${typeId}`.toLowerCase(), description: "d", status: "Active", createdAt: new Date() },
  });
});

describe("evaluateWorkerAccess", () => {
  it("evaluates every integer comparator against a granted score", async () => {
    const w = await worker();
    await grant(w, typeId, 50);
    const r = (Comparator: QualificationRequirement["Comparator"], IntegerValues?: number[]) => meets(w, { QualificationTypeId: typeId, Comparator, IntegerValues });
    expect(await r("LessThan", [51])).toBe(true);
    expect(await r("LessThan", [50])).toBe(false);
    expect(await r("LessThanOrEqualTo", [50])).toBe(true);
    expect(await r("GreaterThan", [50])).toBe(false);
    expect(await r("GreaterThan", [49])).toBe(true);
    expect(await r("GreaterThanOrEqualTo", [50])).toBe(true);
    expect(await r("EqualTo", [50])).toBe(true);
    expect(await r("EqualTo", [51])).toBe(false);
    expect(await r("NotEqualTo", [51])).toBe(true);
    expect(await r("NotEqualTo", [50])).toBe(false);
    expect(await r("In", [1, 50, 99])).toBe(true);
    expect(await r("In", [1, 99])).toBe(false);
    expect(await r("NotIn", [1, 99])).toBe(true);
    expect(await r("NotIn", [50])).toBe(false);
    expect(await r("Exists")).toBe(true);
    expect(await r("DoesNotExist")).toBe(false);
  });

  it("lets a worker without a value satisfy only DoesNotExist (NotIn and NotEqualTo fail too)", async () => {
    const w = await worker();
    const r = (Comparator: QualificationRequirement["Comparator"], IntegerValues?: number[]) => meets(w, { QualificationTypeId: typeId, Comparator, IntegerValues });
    expect(await r("DoesNotExist")).toBe(true);
    expect(await r("Exists")).toBe(false);
    expect(await r("NotIn", [1])).toBe(false);
    expect(await r("NotEqualTo", [1])).toBe(false);
    expect(await r("LessThan", [100])).toBe(false);
  });

  it("treats a revoked qualification as no value", async () => {
    const w = await worker();
    await grant(w, typeId, 80, "Revoked");
    expect(await meets(w, { QualificationTypeId: typeId, Comparator: "Exists" })).toBe(false);
    expect(await meets(w, { QualificationTypeId: typeId, Comparator: "DoesNotExist" })).toBe(true);
  });

  it("matches locales by country, or by country and subdivision", async () => {
    const ny = await worker({ localeCountry: "US", localeSubdivision: "NY" });
    const de = await worker({ localeCountry: "DE" });
    const loc = (Comparator: QualificationRequirement["Comparator"], LocaleValues: { Country: string; Subdivision?: string }[]) => ({ QualificationTypeId: LOCALE_TYPE_ID, Comparator, LocaleValues });
    expect(await meets(ny, loc("EqualTo", [{ Country: "US" }]))).toBe(true);
    expect(await meets(ny, loc("EqualTo", [{ Country: "US", Subdivision: "NY" }]))).toBe(true);
    expect(await meets(ny, loc("EqualTo", [{ Country: "US", Subdivision: "PA" }]))).toBe(false);
    expect(await meets(ny, loc("NotEqualTo", [{ Country: "US", Subdivision: "PA" }]))).toBe(true);
    expect(await meets(ny, loc("In", [{ Country: "CA" }, { Country: "US", Subdivision: "NY" }]))).toBe(true);
    expect(await meets(ny, loc("NotIn", [{ Country: "US" }]))).toBe(false);
    expect(await meets(de, loc("NotIn", [{ Country: "US" }, { Country: "GB" }]))).toBe(true);
    expect(await meets(de, loc("In", [{ Country: "US" }]))).toBe(false);
  });

  it("derives Adult, NumberHITsApproved and PercentAssignmentsApproved from the worker's record", async () => {
    const minor = await worker({ adult: false });
    expect(await meets(minor, { QualificationTypeId: ADULT_TYPE_ID, Comparator: "EqualTo", IntegerValues: [1] })).toBe(false);
    expect(await meets(await worker(), { QualificationTypeId: ADULT_TYPE_ID, Comparator: "EqualTo", IntegerValues: [1] })).toBe(true);

    const veteran = await worker();
    await decided(veteran, 90, 10);
    expect(await meets(veteran, { QualificationTypeId: NUMBER_HITS_APPROVED_TYPE_ID, Comparator: "GreaterThanOrEqualTo", IntegerValues: [90] })).toBe(true);
    expect(await meets(veteran, { QualificationTypeId: NUMBER_HITS_APPROVED_TYPE_ID, Comparator: "GreaterThan", IntegerValues: [90] })).toBe(false);
    expect(await meets(veteran, { QualificationTypeId: PERCENT_APPROVED_TYPE_ID, Comparator: "EqualTo", IntegerValues: [90] })).toBe(true);

    // Fewer than 100 decided assignments: the rate reads 100 whatever the record.
    const novice = await worker();
    await decided(novice, 1, 5);
    expect(await meets(novice, { QualificationTypeId: PERCENT_APPROVED_TYPE_ID, Comparator: "GreaterThanOrEqualTo", IntegerValues: [100] })).toBe(true);
  });

  it("reads Masters from a granted qualification under the environment's Masters id", async () => {
    const master = await worker();
    await grant(master, MASTERS_TYPE_IDS.sandbox, 1);
    const req = { QualificationTypeId: MASTERS_TYPE_IDS.sandbox, Comparator: "Exists" as const };
    expect(await meets(master, req)).toBe(true);
    expect(await meets(await worker(), req)).toBe(false);
  });

  it("hides, previews or only refuses acceptance according to ActionsGuarded", async () => {
    const w = await worker();
    const unmet = (ActionsGuarded?: QualificationRequirement["ActionsGuarded"], RequiredToPreview?: boolean): QualificationRequirement => ({
      QualificationTypeId: typeId,
      Comparator: "Exists",
      ...(ActionsGuarded ? { ActionsGuarded } : {}),
      ...(RequiredToPreview !== undefined ? { RequiredToPreview } : {}),
    });
    expect(await access(w, [unmet()])).toMatchObject({ discover: true, preview: true, accept: false, blocked: false });
    expect(await access(w, [unmet("Accept")])).toMatchObject({ discover: true, preview: true, accept: false });
    expect(await access(w, [unmet("PreviewAndAccept")])).toMatchObject({ discover: true, preview: false, accept: false });
    expect(await access(w, [unmet(undefined, true)])).toMatchObject({ discover: true, preview: false, accept: false });
    const hidden = await access(w, [unmet("DiscoverPreviewAndAccept"), { QualificationTypeId: ADULT_TYPE_ID, Comparator: "EqualTo", IntegerValues: [1] }]);
    expect(hidden).toMatchObject({ discover: false, preview: false, accept: false });
    expect(hidden.unmet).toEqual([{ qualificationTypeId: typeId, comparator: "Exists", actionsGuarded: "DiscoverPreviewAndAccept" }]);
    expect(await access(w, [])).toMatchObject({ discover: true, preview: true, accept: true, unmet: [] });
  });

  it("denies everything to a worker the requester blocked", async () => {
    const w = await worker();
    await db.mkWorkerBlock.create({ data: { requesterId, workerId: w, reason: "spam" } });
    expect(await access(w, [])).toEqual({ discover: false, preview: false, accept: false, blocked: true, unmet: [] });
  });
});

describe("validateQualificationRequirements", () => {
  const ok = (r: object[]) => validateQualificationRequirements(r, "sandbox");
  const refused = async (r: object[], message: RegExp, code = "AWS.MechanicalTurk.InvalidParameterValue") => {
    await expect(ok(r)).rejects.toMatchObject({ turkErrorCode: code, message: expect.stringMatching(message) });
  };

  it("accepts system types, live own types and well-formed comparators", async () => {
    await expect(
      ok([
        { QualificationTypeId: typeId, Comparator: "In", IntegerValues: Array.from({ length: 15 }, (_, i) => i) },
        { QualificationTypeId: LOCALE_TYPE_ID, Comparator: "NotIn", LocaleValues: Array.from({ length: 30 }, () => ({ Country: "US" })) },
        { QualificationTypeId: MASTERS_TYPE_IDS.sandbox, Comparator: "Exists", ActionsGuarded: "DiscoverPreviewAndAccept" },
        { QualificationTypeId: PERCENT_APPROVED_TYPE_ID, Comparator: "GreaterThan", IntegerValues: [95], RequiredToPreview: true },
      ]),
    ).resolves.toBeUndefined();
  });

  it("refuses requirements that break the comparator rules", async () => {
    await refused(
      Array.from({ length: 11 }, () => ({ QualificationTypeId: ADULT_TYPE_ID, Comparator: "Exists" })),
      /at most 10/,
    );
    await refused([{ QualificationTypeId: typeId, Comparator: "In", IntegerValues: Array.from({ length: 16 }, (_, i) => i) }], /at most 15 IntegerValues/);
    await refused([{ QualificationTypeId: LOCALE_TYPE_ID, Comparator: "In", LocaleValues: Array.from({ length: 31 }, () => ({ Country: "US" })) }], /at most 30 LocaleValues/);
    await refused([{ QualificationTypeId: typeId, Comparator: "EqualTo", IntegerValues: [1, 2] }], /exactly one IntegerValue/);
    await refused([{ QualificationTypeId: typeId, Comparator: "GreaterThan" }], /exactly one IntegerValue/);
    await refused([{ QualificationTypeId: typeId, Comparator: "Exists", IntegerValues: [1] }], /takes no IntegerValues/);
    await refused([{ QualificationTypeId: typeId, Comparator: "EqualTo", LocaleValues: [{ Country: "US" }] }], /only be used with the Worker_Locale/);
    await refused([{ QualificationTypeId: LOCALE_TYPE_ID, Comparator: "EqualTo", IntegerValues: [1] }], /cannot be used with the Worker_Locale/);
    await refused([{ QualificationTypeId: LOCALE_TYPE_ID, Comparator: "GreaterThan", LocaleValues: [{ Country: "US" }] }], /cannot be used with the Worker_Locale/);
    await refused([{ QualificationTypeId: typeId, Comparator: "Exists", RequiredToPreview: true, ActionsGuarded: "Accept" }], /RequiredToPreview/);
  });

  it("refuses unknown, deleted and other-environment types", async () => {
    await refused([{ QualificationTypeId: "NOSUCHTYPE0000000000000000001", Comparator: "Exists" }], /NOSUCHTYPE/, "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
    await refused([{ QualificationTypeId: MASTERS_TYPE_IDS.production, Comparator: "Exists" }], /does not exist/, "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
    const gone = entityId();
    await db.mkQualificationType.create({
      data: { id: gone, requesterId, environment: "sandbox", name: "gone", nameKey: `${gone}#deleted`, description: "d", status: "Inactive", createdAt: new Date(), deletedAt: new Date() },
    });
    await refused([{ QualificationTypeId: gone, Comparator: "Exists" }], /does not exist/, "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});
