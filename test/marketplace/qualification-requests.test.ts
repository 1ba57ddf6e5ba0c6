import {
  AcceptQualificationRequestCommand,
  CreateQualificationTypeCommand,
  GetQualificationScoreCommand,
  ListQualificationRequestsCommand,
  paginateListQualificationRequests,
  RejectQualificationRequestCommand,
} from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { randomId } from "@/lib/marketplace/ids";
import { listRequestableQualificationTypes, QualificationRequestRefused, requestQualification } from "@/lib/marketplace/work/request-qualification";
import { ANSWER_KEY_XML, answersXml, TEST_XML } from "./fixtures/qualification-xml";
import { expectRequestError, useHarness } from "./harness";

const { h, client } = useHarness();

async function createType(extra: Record<string, unknown> = {}) {
  const out = await client.send(new CreateQualificationTypeCommand({ Name: `Req ${randomId(10)}`, Description: "d", QualificationTypeStatus: "Active", ...extra }));
  return out.QualificationType!.QualificationTypeId!;
}

const score = (typeId: string, workerId: string) => client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId })).then((r) => r.Qualification!);

describe("requestQualification (worker side)", () => {
  it("auto-scores a test with an AnswerKey and grants the computed score", async () => {
    const typeId = await createType({ Test: TEST_XML, AnswerKey: ANSWER_KEY_XML, TestDurationInSeconds: 600, RetryDelayInSeconds: 60 });
    const perfect = await h.createWorker();
    expect(await requestQualification({ workerId: perfect, qualificationTypeId: typeId, answerXml: answersXml({ colour: ["blue"], primes: ["3", "2"] }) })).toMatchObject({
      status: "Granted",
      value: 100,
    });
    expect(await score(typeId, perfect)).toMatchObject({ IntegerValue: 100, Status: "Granted" });

    // A zero score is still granted: the HIT's requirement decides what passes.
    const wrong = await h.createWorker();
    expect(await requestQualification({ workerId: wrong, qualificationTypeId: typeId, answerXml: answersXml({ colour: ["green"], primes: ["4"] }) })).toMatchObject({ status: "Granted", value: 0 });
    // Auto-scored requests never wait for the requester.
    const pending = await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: typeId }));
    expect(pending.NumResults).toBe(0);
  });

  it("grants AutoGranted types at once with AutoGrantedValue", async () => {
    const typeId = await createType({ AutoGranted: true, AutoGrantedValue: 3 });
    const worker = await h.createWorker();
    expect(await requestQualification({ workerId: worker, qualificationTypeId: typeId })).toMatchObject({ status: "Granted", value: 3 });
    expect((await score(typeId, worker)).IntegerValue).toBe(3);
  });

  it("enforces RetryDelayInSeconds: absent means one request ever", async () => {
    const once = await createType({ AutoGranted: true });
    const worker = await h.createWorker();
    await requestQualification({ workerId: worker, qualificationTypeId: once });
    await expect(requestQualification({ workerId: worker, qualificationTypeId: once })).rejects.toThrow(/only once/);

    const retry = await createType({ RetryDelayInSeconds: 3600 });
    const { requestId } = await requestQualification({ workerId: worker, qualificationTypeId: retry });
    await expect(requestQualification({ workerId: worker, qualificationTypeId: retry })).rejects.toThrow(/pending request/);
    await client.send(new RejectQualificationRequestCommand({ QualificationRequestId: requestId, Reason: "Try later" }));
    await expect(requestQualification({ workerId: worker, qualificationTypeId: retry })).rejects.toThrow(QualificationRequestRefused);
    await h.advanceClock(3601);
    expect(await requestQualification({ workerId: worker, qualificationTypeId: retry })).toMatchObject({ status: "Pending" });
  });

  it("refuses inactive types and tests without answers", async () => {
    const inactive = await createType({ QualificationTypeStatus: "Inactive" });
    await expect(requestQualification({ workerId: await h.createWorker(), qualificationTypeId: inactive })).rejects.toThrow(/not available/);
    const tested = await createType({ Test: TEST_XML, TestDurationInSeconds: 60 });
    await expect(requestQualification({ workerId: await h.createWorker(), qualificationTypeId: tested })).rejects.toThrow(/requires answering its test/);
  });

  it("lists requestable types for the worker site", async () => {
    const typeId = await createType({ Keywords: "findme-requestable" });
    const listed = await listRequestableQualificationTypes({ environment: h.environment, query: "findme-requestable" });
    expect(listed.map((t) => t.id)).toEqual([typeId]);
  });
});

describe("ListQualificationRequests", () => {
  it("lists pending requests with test and answer, paged by the SDK paginator", async () => {
    const typeId = await createType({ Test: TEST_XML, TestDurationInSeconds: 600 });
    const workers = [];
    for (let i = 0; i < 3; i++) {
      const w = await h.createWorker();
      workers.push(w);
      await requestQualification({ workerId: w, qualificationTypeId: typeId, answerXml: answersXml({ colour: ["blue"] }) });
    }
    const pages = [];
    for await (const p of paginateListQualificationRequests({ client, pageSize: 2 }, { QualificationTypeId: typeId })) pages.push(p);
    expect(pages.map((p) => p.NumResults)).toEqual([2, 1, 0]);
    const requests = pages.flatMap((p) => p.QualificationRequests!);
    expect(requests.map((r) => r.WorkerId)).toEqual(workers);
    expect(requests[0]).toMatchObject({ QualificationTypeId: typeId, Test: TEST_XML, Answer: answersXml({ colour: ["blue"] }) });
    expect(requests[0]!.SubmitTime).toBeInstanceOf(Date);
  });

  it("refuses a type the caller does not own", async () => {
    await expectRequestError(client.send(new ListQualificationRequestsCommand({ QualificationTypeId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.QualificationTypeDoesNotExist");
  });
});

describe("AcceptQualificationRequest", () => {
  it("grants the requested qualification with IntegerValue (default 1)", async () => {
    const typeId = await createType();
    const a = await h.createWorker();
    const b = await h.createWorker();
    const ra = await requestQualification({ workerId: a, qualificationTypeId: typeId });
    const rb = await requestQualification({ workerId: b, qualificationTypeId: typeId });
    await client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: ra.requestId }));
    await client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: rb.requestId, IntegerValue: 80 }));
    expect((await score(typeId, a)).IntegerValue).toBe(1);
    expect((await score(typeId, b)).IntegerValue).toBe(80);
    const pending = await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: typeId }));
    expect(pending.NumResults).toBe(0);
  });

  it("refuses unknown and already decided requests", async () => {
    await expectRequestError(client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: "NOPE" })), "AWS.MechanicalTurk.QualificationRequestDoesNotExist");
    const typeId = await createType();
    const r = await requestQualification({ workerId: await h.createWorker(), qualificationTypeId: typeId });
    await client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: r.requestId }));
    await expectRequestError(client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: r.requestId })), "AWS.MechanicalTurk.InvalidQualificationRequestState");
  });
});

describe("RejectQualificationRequest", () => {
  it("rejects with a reason the worker sees and grants nothing", async () => {
    const typeId = await createType();
    const worker = await h.createWorker();
    const r = await requestQualification({ workerId: worker, qualificationTypeId: typeId });
    await client.send(new RejectQualificationRequestCommand({ QualificationRequestId: r.requestId, Reason: "Not enough experience" }));
    await expectRequestError(score(typeId, worker), "AWS.MechanicalTurk.QualificationDoesNotExist");
    const message = await db.mkWorkerMessage.findFirstOrThrow({ where: { workerId: worker } });
    expect(message.message).toContain("Not enough experience");
  });

  it("refuses another requester's request", async () => {
    const typeId = await createType();
    const r = await requestQualification({ workerId: await h.createWorker(), qualificationTypeId: typeId });
    const other = await h.otherRequesterClient();
    await expectRequestError(other.send(new RejectQualificationRequestCommand({ QualificationRequestId: r.requestId })), "AWS.MechanicalTurk.QualificationRequestDoesNotExist");
  });
});
