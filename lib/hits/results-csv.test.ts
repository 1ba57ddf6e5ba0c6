import { describe, expect, it } from "vitest";
import { answerFields, mturkTime, resultRow, resultsHeader, sortAnswerColumns, type ResultHit } from "@/lib/hits/results-csv";

describe("mturkTime", () => {
  it("writes Seattle time as Java's Date.toString, PST and PDT", () => {
    expect(mturkTime(new Date("2012-06-08T16:21:50Z"))).toBe("Fri Jun 08 09:21:50 PDT 2012");
    expect(mturkTime(new Date("2026-01-05T08:00:00Z"))).toBe("Mon Jan 05 00:00:00 PST 2026");
    expect(mturkTime(null)).toBe("");
  });
});

describe("answerFields", () => {
  it("names QuestionFormAnswers fields Answer.<id> and joins selections with |", () => {
    expect(Object.fromEntries(answerFields({ Q1: "yes", tags: ["a", "b"] }))).toEqual({ "Answer.Q1": "yes", "Answer.tags": "a|b" });
  });

  it("opens crowd-form taskAnswers into MTurk's dotted columns, arrays as JSON", () => {
    const taskAnswers = JSON.stringify([
      {
        sentiment: { label: "Positive" },
        happy: { on: true },
        sad: { on: false },
        note: "ok",
        annotatedResult: { boundingBoxes: [{ left: 1, top: 2, label: "cat" }], inputImageProperties: { height: 10, width: 20 } },
      },
    ]);
    expect(Object.fromEntries(answerFields({ taskAnswers }))).toEqual({
      "Answer.sentiment.label": "Positive",
      "Answer.happy.on": "true",
      "Answer.sad.on": "false",
      "Answer.note": "ok",
      "Answer.annotatedResult.boundingBoxes": '[{"left":1,"top":2,"label":"cat"}]',
      "Answer.annotatedResult.inputImageProperties.height": "10",
      "Answer.annotatedResult.inputImageProperties.width": "20",
    });
  });

  it("keeps a taskAnswers that is not JSON as text", () => {
    expect(Object.fromEntries(answerFields({ taskAnswers: "{oops" }))).toEqual({ "Answer.taskAnswers": "{oops" });
  });

  it("sorts answer columns as MTurk does", () => {
    expect(sortAnswerColumns(["Answer.Q2", "Answer.Q10", "Answer.a", "Answer.Q1", "Answer.Q2"])).toEqual(["Answer.Q1", "Answer.Q10", "Answer.Q2", "Answer.a"]);
  });
});

describe("resultRow", () => {
  const hit: ResultHit = {
    hitId: "3HIT",
    hitTypeId: "3TYPE",
    title: "Rate",
    description: "Rate it",
    keywords: "k",
    rewardCents: 5,
    createdAt: new Date("2026-01-05T08:00:00Z"),
    maxAssignments: 2,
    requesterAnnotation: "hitdesk:batch=b;row=1",
    expiresAt: new Date("2026-01-06T08:00:00Z"),
    assignmentDurationSeconds: 600,
    autoApprovalDelaySeconds: 86400,
    lifetimeSeconds: 86400,
  };

  it("fills a HIT with no assignment and leaves the assignment columns empty", () => {
    const header = resultsHeader(["text"], ["Answer.Q1"]);
    const row = resultRow(hit, null, { text: "hello" }, { input: ["text"], answer: ["Answer.Q1"] }, undefined);
    expect(row).toHaveLength(header.length);
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toMatchObject({ Reward: "$0.05", AssignmentId: "", LifetimeApprovalRate: "", "Input.text": "hello", Approve: "", Reject: "" });
  });
});
