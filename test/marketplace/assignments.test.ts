import { ApproveAssignmentCommand, GetAssignmentCommand, GetHITCommand, ListAssignmentsForHITCommand, RejectAssignmentCommand, paginateListAssignmentsForHIT } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { buildQuestionFormAnswers, parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { expectRequestError, startHarness, useHarness } from "./harness";

const { h, client } = useHarness();

async function submitted(answer = "positive") {
  const hit = await h.createHit({ MaxAssignments: 1 });
  const worker = await h.createWorker();
  const assignmentId = await h.acceptAndSubmit(hit.HITId!, worker, buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: answer } }]));
  return { hit, worker, assignmentId };
}

describe("GetAssignment", () => {
  it("returns the submitted assignment with its HIT and answers as QuestionFormAnswers XML", async () => {
    const { hit, worker, assignmentId } = await submitted("Très bien <3");
    const out = await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(out.Assignment).toMatchObject({ AssignmentId: assignmentId, WorkerId: worker, HITId: hit.HITId, AssignmentStatus: "Submitted" });
    expect(out.Assignment!.Answer).toMatch(
      /^<\?xml version="1.0" encoding="ASCII"\?><QuestionFormAnswers xmlns="http:\/\/mechanicalturk.amazonaws.com\/AWSMechanicalTurkDataSchemas\/2005-10-01\/QuestionFormAnswers.xsd">/,
    );
    expect(out.Assignment!.Answer).toContain("Tr&#232;s bien &lt;3");
    expect(parseQuestionFormAnswers(out.Assignment!.Answer!)).toEqual([{ questionIdentifier: "answer", values: ["Très bien <3"] }]);
    expect(out.Assignment!.AutoApprovalTime!.getTime() - out.Assignment!.SubmitTime!.getTime()).toBe(86400 * 1000);
    expect(out.Assignment!.ApprovalTime).toBeUndefined();
    expect(out.HIT!.HITId).toBe(hit.HITId);
  });

  it("does not show work still in progress, or other requesters' work", async () => {
    const hit = await h.createHit();
    const accepted = await acceptHit({ workerId: await h.createWorker(), hitId: hit.HITId! });
    await expectRequestError(client.send(new GetAssignmentCommand({ AssignmentId: accepted.id })), "AWS.MechanicalTurk.AssignmentDoesNotExist");
    const { assignmentId } = await submitted();
    await expectRequestError((await h.otherRequesterClient()).send(new GetAssignmentCommand({ AssignmentId: assignmentId })), "AWS.MechanicalTurk.AssignmentDoesNotExist");
  });
});

describe("ListAssignmentsForHIT", () => {
  it("pages through submitted work and filters by status", async () => {
    const hit = await h.createHit({ MaxAssignments: 7 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await h.acceptAndSubmit(hit.HITId!, await h.createWorker()));
    await client.send(new ApproveAssignmentCommand({ AssignmentId: ids[0] }));
    await client.send(new RejectAssignmentCommand({ AssignmentId: ids[1], RequesterFeedback: "Empty answer" }));
    const seen: string[] = [];
    for await (const p of paginateListAssignmentsForHIT({ client, pageSize: 3 }, { HITId: hit.HITId })) seen.push(...p.Assignments!.map((a) => a.AssignmentId!));
    expect(seen).toEqual(ids);
    const rejected = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, AssignmentStatuses: ["Rejected"] }));
    expect(rejected.Assignments!.map((a) => [a.AssignmentId, a.RequesterFeedback])).toEqual([[ids[1], "Empty answer"]]);
    // As on MTurk, a page with results carries a NextToken even when it is the last; the page after it is empty and has none.
    expect(rejected.NextToken).toEqual(expect.any(String));
    const after = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, AssignmentStatuses: ["Rejected"], NextToken: rejected.NextToken }));
    expect(after).toMatchObject({ NumResults: 0, Assignments: [] });
    expect(after.NextToken).toBeUndefined();
  });

  it("refuses an unknown HIT", async () => {
    await expectRequestError(client.send(new ListAssignmentsForHITCommand({ HITId: "NOSUCHHIT000000000000000000000" })), "AWS.MechanicalTurk.HITDoesNotExist");
  });
});

describe("ApproveAssignment", () => {
  it("approves once, pays reward plus fee, and refuses a second decision", async () => {
    const { hit, assignmentId } = await submitted();
    await client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "Thanks!" }));
    const a = (await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!;
    expect(a).toMatchObject({ AssignmentStatus: "Approved", RequesterFeedback: "Thanks!" });
    expect(a.ApprovalTime).toBeInstanceOf(Date);
    const ledger = await db.mkLedgerEntry.findMany({ where: { refId: assignmentId }, orderBy: { kind: "asc" } });
    expect(ledger.map((l) => [l.kind, l.amountCents])).toEqual([
      ["reward", -5],
      ["reward_fee", -1],
    ]);
    await expectRequestError(
      client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId })),
      "AWS.MechanicalTurk.InvalidAssignmentState",
      /This operation can be called with a status of: Submitted/,
    );
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.NumberOfAssignmentsCompleted).toBe(1);
  });

  it("overrides a rejection within 30 days, not after", async () => {
    const own = await startHarness();
    const hit = await own.createHit({ MaxAssignments: 2 });
    const a1 = await own.acceptAndSubmit(hit.HITId!, await own.createWorker());
    const a2 = await own.acceptAndSubmit(hit.HITId!, await own.createWorker());
    for (const id of [a1, a2]) await own.client.send(new RejectAssignmentCommand({ AssignmentId: id, RequesterFeedback: "Wrong" }));
    await expectRequestError(own.client.send(new ApproveAssignmentCommand({ AssignmentId: a1 })), "AWS.MechanicalTurk.InvalidAssignmentState");
    await own.client.send(new ApproveAssignmentCommand({ AssignmentId: a1, OverrideRejection: true }));
    expect((await own.client.send(new GetAssignmentCommand({ AssignmentId: a1 }))).Assignment!.AssignmentStatus).toBe("Approved");
    await own.advanceClock(31 * 86400);
    await expectRequestError(own.client.send(new ApproveAssignmentCommand({ AssignmentId: a2, OverrideRejection: true })), "AWS.MechanicalTurk.InvalidAssignmentState", /30 days/);
    await own.close();
  });

  it("refuses when funds are short and changes nothing", async () => {
    const poor = await startHarness({ environment: "production" });
    const hit = await poor.createHit();
    const id = await poor.acceptAndSubmit(hit.HITId!, await poor.createWorker());
    await expectRequestError(poor.client.send(new ApproveAssignmentCommand({ AssignmentId: id })), "AWS.MechanicalTurk.InsufficientFunds");
    expect((await poor.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus).toBe("Submitted");
    expect(await db.mkLedgerEntry.count({ where: { refId: id } })).toBe(0);
    await poor.close();
  });
});

describe("RejectAssignment", () => {
  it("rejects with feedback, which the model requires (empty feedback is covered in validation.test.ts)", async () => {
    const { assignmentId } = await submitted();
    await client.send(new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "Did not follow the instructions" }));
    const a = (await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!;
    expect(a).toMatchObject({ AssignmentStatus: "Rejected", RequesterFeedback: "Did not follow the instructions" });
    expect(await db.mkLedgerEntry.count({ where: { refId: assignmentId } })).toBe(0);
    await expectRequestError(client.send(new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: "again" })), "AWS.MechanicalTurk.InvalidAssignmentState");
  });
});
