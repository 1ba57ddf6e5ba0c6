import { GetHITCommand, ListAssignmentsForHITCommand, ListReviewPolicyResultsForHITCommand, paginateListReviewPolicyResultsForHIT, type ReviewPolicy } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { answersXml } from "./fixtures/qualification-xml";
import { expectRequestError, useHarness } from "./harness";

const { h, client } = useHarness();

const param = (Key: string, ...Values: string[]) => ({ Key, Values });

const knownAnswers = (...extra: { Key: string; Values: string[] }[]): ReviewPolicy => ({
  PolicyName: "ScoreMyKnownAnswers/2011-09-01",
  Parameters: [
    {
      Key: "AnswerKey",
      MapEntries: [
        { Key: "capital", Values: ["Paris"] },
        { Key: "sum", Values: ["4"] },
      ],
    },
    ...extra,
  ],
});

async function statuses(hitId: string) {
  const out = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  return Object.fromEntries(out.Assignments!.map((a) => [a.WorkerId!, a.AssignmentStatus]));
}

async function submit(hitId: string, answers: Record<string, string | string[]>) {
  const worker = await h.createWorker();
  await h.acceptAndSubmit(hitId, worker, answersXml(answers));
  return worker;
}

describe("ScoreMyKnownAnswers/2011-09-01", () => {
  it("approves and rejects by known-answer score, comparing trimmed answers exactly", async () => {
    const hit = await h.createHit({
      MaxAssignments: 3,
      AssignmentReviewPolicy: knownAnswers(
        param("ApproveIfKnownAnswerScoreIsAtLeast", "100"),
        param("ApproveReason", "All correct"),
        param("RejectIfKnownAnswerScoreIsLessThan", "50"),
        param("RejectReason", "Too many wrong"),
      ),
    });
    const perfect = await submit(hit.HITId!, { capital: "  Paris ", sum: "4" });
    const half = await submit(hit.HITId!, { capital: "Paris", sum: "5" });
    const wrong = await submit(hit.HITId!, { capital: "paris", sum: "four" });
    expect(await statuses(hit.HITId!)).toEqual({ [perfect]: "Approved", [half]: "Submitted", [wrong]: "Rejected" });

    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, PolicyLevels: ["Assignment"], RetrieveResults: true, RetrieveActions: true, MaxResults: 100 }));
    expect(report.AssignmentReviewPolicy!.PolicyName).toBe("ScoreMyKnownAnswers/2011-09-01");
    const scores = report.AssignmentReviewReport!.ReviewResults!.filter((r) => r.Key === "KnownAnswerScore").map((r) => r.Value);
    expect(scores).toEqual(["100", "50", "0"]);
    expect(report.AssignmentReviewReport!.ReviewActions!.map((a) => [a.ActionName, a.Status, a.Result])).toEqual([
      ["approve", "Succeeded", "Approved"],
      ["reject", "Succeeded", "Rejected"],
    ]);
    expect(report.HITReviewReport).toBeUndefined();
  });

  it("extends the HIT by one assignment when the score is low", async () => {
    const hit = await h.createHit({
      MaxAssignments: 1,
      AssignmentReviewPolicy: knownAnswers(param("ExtendIfKnownAnswerScoreIsLessThan", "100"), param("ExtendMaximumAssignments", "3"), param("ExtendMinimumTimeInSeconds", "3600")),
    });
    await submit(hit.HITId!, { capital: "Rome", sum: "4" });
    const after = await client.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(after.HIT).toMatchObject({ MaxAssignments: 2, NumberOfAssignmentsAvailable: 1, HITStatus: "Assignable" });
  });

  it.each([
    ["an unknown policy name", { PolicyName: "Majority/2020-01-01", Parameters: [] }, /PolicyName/],
    ["a missing AnswerKey", { PolicyName: "ScoreMyKnownAnswers/2011-09-01", Parameters: [param("ApproveIfKnownAnswerScoreIsAtLeast", "90")] }, /AnswerKey/],
    ["a score above 101", knownAnswers(param("ApproveIfKnownAnswerScoreIsAtLeast", "102")), /ApproveIfKnownAnswerScoreIsAtLeast.*0 to 101/],
    ["ExtendMaximumAssignments below 2", knownAnswers(param("ExtendMaximumAssignments", "1")), /ExtendMaximumAssignments.*2 to 25/],
    ["an unknown parameter", knownAnswers(param("ApproveEveryone", "true")), /unknown parameter "ApproveEveryone"/],
  ])("refuses %s at CreateHIT", async (_label, policy, message) => {
    await expectRequestError(h.createHit({ AssignmentReviewPolicy: policy }), "AWS.MechanicalTurk.InvalidParameterValue", message);
  });
});

describe("SimplePlurality/2011-09-01", () => {
  const plurality = (...extra: { Key: string; Values: string[] }[]): ReviewPolicy => ({
    PolicyName: "SimplePlurality/2011-09-01",
    Parameters: [param("QuestionIds", "animal", "colour"), param("QuestionAgreementThreshold", "50"), ...extra],
  });

  it("computes agreement when the HIT becomes reviewable and approves/rejects by worker agreement", async () => {
    const hit = await h.createHit({
      MaxAssignments: 3,
      HITReviewPolicy: plurality(param("ApproveIfWorkerAgreementScoreIsAtLeast", "100"), param("RejectIfWorkerAgreementScoreIsLessThan", "50"), param("RejectReason", "Disagreed with peers")),
    });
    const a = await submit(hit.HITId!, { animal: "cat", colour: ["red", "blue"] });
    const b = await submit(hit.HITId!, { animal: " cat", colour: ["blue", "red"] });
    const c = await submit(hit.HITId!, { animal: "dog", colour: ["red"] });
    expect(await statuses(hit.HITId!)).toEqual({ [a]: "Approved", [b]: "Approved", [c]: "Rejected" });

    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, PolicyLevels: ["HIT"] }));
    const results = report.HITReviewReport!.ReviewResults!;
    const value = (key: string, q?: string, subject?: string) => results.find((r) => r.Key === key && r.QuestionId === q && (subject === undefined || r.SubjectId === subject))?.Value;
    expect(value("QuestionAgreementScore", "animal")).toBe("66");
    expect(value("PluralityAnswer", "animal")).toBe("cat");
    expect(value("PluralityAnswer", "colour")).toBe("blue|red");
    expect(value("HITAgreementScore")).toBe("100");
    const assignments = (await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }))).Assignments!;
    const idOf = (w: string) => assignments.find((x) => x.WorkerId === w)!.AssignmentId!;
    expect(value("WorkerAgreementScore", undefined, idOf(a))).toBe("100");
    expect(value("WorkerAgreementScore", undefined, idOf(c))).toBe("0");
    expect(assignments.find((x) => x.WorkerId === c)!.RequesterFeedback).toBe("Disagreed with peers");
  });

  it("finds no agreed answer on a tie and extends the HIT when agreement is low", async () => {
    const hit = await h.createHit({
      MaxAssignments: 2,
      HITReviewPolicy: plurality(param("ExtendIfHITAgreementScoreIsLessThan", "100"), param("ExtendMaximumAssignments", "3"), param("ExtendMinimumTimeInSeconds", "600")),
    });
    await submit(hit.HITId!, { animal: "cat", colour: ["red"] });
    await submit(hit.HITId!, { animal: "dog", colour: ["red"] });
    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId }));
    const results = report.HITReviewReport!.ReviewResults!;
    expect(results.find((r) => r.Key === "PluralityAnswer" && r.QuestionId === "animal")).toBeUndefined();
    expect(results.find((r) => r.Key === "HITAgreementScore")!.Value).toBe("50");
    expect(report.HITReviewReport!.ReviewActions).toMatchObject([{ ActionName: "extend", Status: "Succeeded", TargetId: hit.HITId }]);
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.MaxAssignments).toBe(3);
  });

  it("refuses a policy without QuestionIds or with extension settings missing", async () => {
    await expectRequestError(
      h.createHit({ HITReviewPolicy: { PolicyName: "SimplePlurality/2011-09-01", Parameters: [param("QuestionAgreementThreshold", "50")] } }),
      "AWS.MechanicalTurk.InvalidParameterValue",
      /QuestionIds.*required/,
    );
    await expectRequestError(h.createHit({ HITReviewPolicy: plurality(param("ExtendIfHITAgreementScoreIsLessThan", "50")) }), "AWS.MechanicalTurk.InvalidParameterValue", /ExtendMaximumAssignments/);
  });
});

describe("ListReviewPolicyResultsForHIT", () => {
  it("filters by level and kind and pages through entries", async () => {
    const hit = await h.createHit({ MaxAssignments: 2, AssignmentReviewPolicy: knownAnswers(param("ApproveIfKnownAnswerScoreIsAtLeast", "50")) });
    await submit(hit.HITId!, { capital: "Paris", sum: "4" });
    await submit(hit.HITId!, { capital: "Paris", sum: "3" });
    const actionsOnly = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, RetrieveResults: false, RetrieveActions: true }));
    expect(actionsOnly.AssignmentReviewReport!.ReviewResults).toBeUndefined();
    expect(actionsOnly.AssignmentReviewReport!.ReviewActions).toHaveLength(2);

    // 2 assignments × (2 questions + 1 score) results + 2 actions = 8 entries.
    const pages = [];
    for await (const p of paginateListReviewPolicyResultsForHIT({ client, pageSize: 3 }, { HITId: hit.HITId })) pages.push(p);
    const entries = pages.flatMap((p) => [...(p.AssignmentReviewReport?.ReviewResults ?? []), ...(p.AssignmentReviewReport?.ReviewActions ?? [])]);
    expect(pages).toHaveLength(4); // 3 + 3 + 2, then the empty page without a NextToken
    expect(entries).toHaveLength(8);
  });

  it("refuses an unknown HIT", async () => {
    await expectRequestError(client.send(new ListReviewPolicyResultsForHITCommand({ HITId: "UNKNOWN0000000000000000000000" })), "AWS.MechanicalTurk.HITDoesNotExist");
  });
});
