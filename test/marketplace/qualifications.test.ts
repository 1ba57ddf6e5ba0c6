import {
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  DeleteQualificationTypeCommand,
  DisassociateQualificationFromWorkerCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListHITsForQualificationTypeCommand,
  ListQualificationTypesCommand,
  ListWorkersWithQualificationTypeCommand,
  paginateListHITsForQualificationType,
  paginateListQualificationTypes,
  paginateListWorkersWithQualificationType,
  UpdateQualificationTypeCommand,
} from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { randomId } from "@/lib/marketplace/ids";
import { LOCALE_TYPE_ID, MASTERS_TYPE_IDS } from "@/lib/mturk-formats/system-qualifications";
import { ANSWER_KEY_XML, TEST_XML } from "./fixtures/qualification-xml";
import { expectRequestError, expectValidationError, useHarness } from "./harness";

const { h, client } = useHarness();

const uniqueName = (prefix = "Qual") => `${prefix} ${randomId(10)}`;

async function createType(extra: Record<string, unknown> = {}) {
  const out = await client.send(new CreateQualificationTypeCommand({ Name: uniqueName(), Description: "A skill", QualificationTypeStatus: "Active", ...extra }));
  return out.QualificationType!;
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const p of pages) all.push(p);
  return all;
}

describe("CreateQualificationType", () => {
  it("creates a type with a test and answer key and returns its settings", async () => {
    const name = uniqueName("Screening");
    const { QualificationType: t } = await client.send(
      new CreateQualificationTypeCommand({
        Name: name,
        Description: "Two quick questions",
        Keywords: "screening,colour",
        QualificationTypeStatus: "Active",
        Test: TEST_XML,
        AnswerKey: ANSWER_KEY_XML,
        TestDurationInSeconds: 600,
        RetryDelayInSeconds: 3600,
      }),
    );
    expect(t).toMatchObject({
      Name: name,
      Description: "Two quick questions",
      Keywords: "screening,colour",
      QualificationTypeStatus: "Active",
      Test: TEST_XML,
      AnswerKey: ANSWER_KEY_XML,
      TestDurationInSeconds: 600,
      RetryDelayInSeconds: 3600,
      IsRequestable: true,
      AutoGranted: false,
    });
    expect(t!.QualificationTypeId).toMatch(/^[A-Z0-9]{30}$/);
    expect(t!.CreationTime).toBeInstanceOf(Date);
  });

  it("creates an auto-granted type with its value", async () => {
    const t = await createType({ AutoGranted: true, AutoGrantedValue: 7 });
    expect(t).toMatchObject({ AutoGranted: true, AutoGrantedValue: 7 });
  });

  it("refuses a name the requester already uses, ignoring case", async () => {
    const name = uniqueName("Dup");
    await createType({ Name: name });
    await expectRequestError(createType({ Name: name.toUpperCase() }), "AWS.MechanicalTurk.QualificationTypeAlreadyExists", /already created a QualificationType with this name/);
  });

  it.each([
    ["a Test without TestDurationInSeconds", { Test: TEST_XML }, /TestDurationInSeconds is required/],
    ["a Test with AutoGranted", { Test: TEST_XML, TestDurationInSeconds: 60, AutoGranted: true }, /cannot be AutoGranted/],
    ["an AnswerKey without a Test", { AnswerKey: ANSWER_KEY_XML }, /AnswerKey requires a Test/],
    ["a malformed Test", { Test: "<QuestionForm>", TestDurationInSeconds: 60 }, /Test: Invalid QuestionForm/],
    ["a Test over 65,535 bytes", { Test: TEST_XML.replace("Answer both questions.", "x".repeat(65_536)), TestDurationInSeconds: 60 }, /at most 65535 bytes/],
    ["an AnswerKey naming an unknown question", { Test: TEST_XML, TestDurationInSeconds: 60, AnswerKey: ANSWER_KEY_XML.replace(">colour<", ">hue<") }, /AnswerKey: .*"hue" is not in the Test/],
  ])("refuses %s", async (_label, extra, message) => {
    await expectRequestError(createType(extra), "AWS.MechanicalTurk.InvalidParameterValue", message);
  });
});

describe("GetQualificationType", () => {
  it("returns the caller's types and the system types", async () => {
    const t = await createType();
    const got = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId }));
    expect(got.QualificationType).toEqual(t);
    const locale = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: LOCALE_TYPE_ID }));
    expect(locale.QualificationType).toMatchObject({ Name: "Worker_Locale", QualificationTypeStatus: "Active", IsRequestable: false });
    const masters = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: MASTERS_TYPE_IDS[h.environment] }));
    expect(masters.QualificationType!.Name).toBe("Masters");
  });

  it("refuses an unknown id", async () => {
    await expectRequestError(client.send(new GetQualificationTypeCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

describe("UpdateQualificationType", () => {
  it("changes description, status, test and retry delay", async () => {
    const t = await createType({ RetryDelayInSeconds: 60 });
    const { QualificationType: u } = await client.send(
      new UpdateQualificationTypeCommand({
        QualificationTypeId: t.QualificationTypeId,
        Description: "Updated",
        QualificationTypeStatus: "Inactive",
        Test: TEST_XML,
        TestDurationInSeconds: 300,
        AnswerKey: ANSWER_KEY_XML,
        RetryDelayInSeconds: 120,
      }),
    );
    expect(u).toMatchObject({ Name: t.Name, Description: "Updated", QualificationTypeStatus: "Inactive", Test: TEST_XML, TestDurationInSeconds: 300, RetryDelayInSeconds: 120 });
  });

  it("refuses settings that conflict with the stored ones", async () => {
    const t = await createType({ Test: TEST_XML, TestDurationInSeconds: 60 });
    await expectRequestError(
      client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId, AutoGranted: true })),
      "AWS.MechanicalTurk.InvalidParameterValue",
      /cannot be AutoGranted/,
    );
  });

  it("refuses system types and unknown ids", async () => {
    await expectRequestError(client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: LOCALE_TYPE_ID, Description: "x" })), "AWS.MechanicalTurk.PermissionDenied");
    await expectRequestError(
      client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000", Description: "x" })),
      "AWS.MechanicalTurk.QualificationTypeDoesNotExist",
    );
  });
});

describe("DeleteQualificationType", () => {
  it("frees the name, keeps granted qualifications and hides the type", async () => {
    const t = await createType();
    const worker = await h.createWorker();
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker, IntegerValue: 5, SendNotification: false }));
    await client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId }));
    await expectRequestError(client.send(new GetQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
    const again = await createType({ Name: t.Name });
    expect(again.QualificationTypeId).not.toBe(t.QualificationTypeId);
    const kept = await db.mkQualification.findUnique({ where: { qualificationTypeId_workerId: { qualificationTypeId: t.QualificationTypeId!, workerId: worker } } });
    expect(kept).toMatchObject({ status: "Granted", integerValue: 5 });
  });

  it("refuses an unknown id", async () => {
    await expectRequestError(client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

describe("ListQualificationTypes", () => {
  it("filters by Query and ownership and pages with the SDK paginator", async () => {
    const tag = randomId(8).toLowerCase();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createType({ Name: uniqueName(`List ${tag}`), Keywords: i === 4 ? `kw-${tag}` : undefined }));
    const pages = await collect(paginateListQualificationTypes({ client, pageSize: 2 }, { MustBeRequestable: true, MustBeOwnedByCaller: true, Query: `list ${tag}` }));
    expect(pages.map((p) => p.NumResults)).toEqual([2, 2, 1, 0]);
    expect(pages.flatMap((p) => p.QualificationTypes!.map((t) => t.QualificationTypeId))).toEqual(created.map((t) => t.QualificationTypeId));
    expect(pages.at(-1)!.NextToken).toBeUndefined();
    const byKeyword = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, Query: `KW-${tag}` }));
    expect(byKeyword.QualificationTypes!.map((t) => t.QualificationTypeId)).toEqual([created[4]!.QualificationTypeId]);
  });

  it("includes the system types unless MustBeRequestable or MustBeOwnedByCaller", async () => {
    const all = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, Query: "Worker_" }));
    expect(all.QualificationTypes!.map((t) => t.Name)).toEqual(expect.arrayContaining(["Worker_Locale", "Worker_Adult", "Worker_NumberHITsApproved", "Worker_PercentAssignmentsApproved"]));
    const requestable = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: true, Query: "Worker_" }));
    expect(requestable.QualificationTypes!.some((t) => t.Name === "Worker_Locale")).toBe(false);
  });

  it("refuses a MaxResults above 100", async () => {
    await expectValidationError(client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MaxResults: 101 })), /maxResults/);
  });
});

describe("AssociateQualificationWithWorker", () => {
  it("grants a score (default 1) and notifies the worker unless told not to", async () => {
    const t = await createType();
    const worker = await h.createWorker();
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker }));
    const score = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker }));
    expect(score.Qualification).toMatchObject({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker, IntegerValue: 1, Status: "Granted" });
    expect(await db.mkWorkerMessage.count({ where: { workerId: worker } })).toBe(1);
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker, IntegerValue: 42, SendNotification: false }));
    const again = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker }));
    expect(again.Qualification!.IntegerValue).toBe(42);
    expect(await db.mkWorkerMessage.count({ where: { workerId: worker } })).toBe(1);
  });

  it("refuses system types, other requesters' types and unknown workers", async () => {
    const worker = await h.createWorker();
    await expectRequestError(client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: LOCALE_TYPE_ID, WorkerId: worker })), "AWS.MechanicalTurk.PermissionDenied");
    const other = await h.otherRequesterClient();
    const foreign = await other.send(new CreateQualificationTypeCommand({ Name: uniqueName(), Description: "d", QualificationTypeStatus: "Active" }));
    await expectRequestError(
      client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: foreign.QualificationType!.QualificationTypeId, WorkerId: worker })),
      "AWS.MechanicalTurk.PermissionDenied",
    );
    const t = await createType();
    await expectRequestError(
      client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: "ANOSUCHWORKER1" })),
      "AWS.MechanicalTurk.WorkerDoesNotExist",
    );
  });
});

describe("DisassociateQualificationFromWorker", () => {
  it("revokes with a reason that reaches the worker", async () => {
    const t = await createType();
    const worker = await h.createWorker();
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker, SendNotification: false }));
    await client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker, Reason: "Quality dropped" }));
    const score = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker }));
    expect(score.Qualification!.Status).toBe("Revoked");
    const message = await db.mkWorkerMessage.findFirstOrThrow({ where: { workerId: worker } });
    expect(message.message).toContain("Quality dropped");
  });

  it("refuses a qualification the worker does not hold", async () => {
    const t = await createType();
    const worker = await h.createWorker();
    await expectRequestError(
      client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: worker })),
      "AWS.MechanicalTurk.QualificationDoesNotExist",
    );
  });
});

describe("GetQualificationScore", () => {
  it("refuses a worker without the qualification", async () => {
    const t = await createType();
    await expectRequestError(
      client.send(new GetQualificationScoreCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: await h.createWorker() })),
      "AWS.MechanicalTurk.QualificationDoesNotExist",
    );
  });
});

describe("ListWorkersWithQualificationType", () => {
  it("lists holders by status and pages with the SDK paginator", async () => {
    const t = await createType();
    const workers = [];
    for (let i = 0; i < 5; i++) {
      const w = await h.createWorker();
      workers.push(w);
      await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: w, IntegerValue: i, SendNotification: false }));
    }
    await client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: t.QualificationTypeId, WorkerId: workers[0] }));
    const pages = await collect(paginateListWorkersWithQualificationType({ client, pageSize: 2 }, { QualificationTypeId: t.QualificationTypeId }));
    expect(pages.flatMap((p) => p.Qualifications!.map((q) => q.WorkerId))).toEqual(workers);
    const granted = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId, Status: "Granted" }));
    expect(granted.Qualifications!.map((q) => q.WorkerId)).toEqual(workers.slice(1));
    const revoked = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: t.QualificationTypeId, Status: "Revoked" }));
    expect(revoked.Qualifications).toMatchObject([{ WorkerId: workers[0], Status: "Revoked", IntegerValue: 0 }]);
  });

  it("refuses an unknown type", async () => {
    await expectRequestError(client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

describe("ListHITsForQualificationType", () => {
  it("lists the caller's HITs requiring the type and pages with the SDK paginator", async () => {
    const t = await createType();
    const requirement = [{ QualificationTypeId: t.QualificationTypeId!, Comparator: "Exists" as const }];
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await h.createHit({ QualificationRequirements: requirement }));
    await h.createHit({});
    const pages = await collect(paginateListHITsForQualificationType({ client, pageSize: 2 }, { QualificationTypeId: t.QualificationTypeId }));
    expect(pages.map((p) => p.NumResults)).toEqual([2, 1, 0]);
    expect(pages.flatMap((p) => p.HITs!.map((x) => x.HITId))).toEqual(hits.map((x) => x.HITId));
    expect(pages[0]!.HITs![0]!.QualificationRequirements).toEqual([expect.objectContaining({ QualificationTypeId: t.QualificationTypeId, Comparator: "Exists" })]);
  });

  it("refuses an unknown type", async () => {
    await expectRequestError(client.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});
