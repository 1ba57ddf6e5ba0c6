import { describe, expect, it } from "vitest";
import { flattenAnswers } from "@/lib/review/flatten-answers";

describe("flattenAnswers", () => {
  it("keeps QuestionFormAnswers fields and joins selections", () => {
    expect(flattenAnswers({ sentiment: "positive", tags: ["a", "b"] })).toEqual([
      { name: "sentiment", value: "positive" },
      { name: "tags", value: "a, b" },
    ]);
  });

  it("opens crowd taskAnswers JSON into fields, naming chosen radio options", () => {
    const taskAnswers = JSON.stringify([{ sentiment: { label: "Positive" }, mood: { happy: { on: true }, sad: { on: false } }, note: "ok", box: { boundingBoxes: [{ left: 1, top: 2 }] } }]);
    expect(flattenAnswers({ taskAnswers })).toEqual([
      { name: "sentiment.label", value: "Positive" },
      { name: "mood", value: "happy" },
      { name: "note", value: "ok" },
      { name: "box.boundingBoxes.left", value: "1" },
      { name: "box.boundingBoxes.top", value: "2" },
    ]);
  });

  it("shows a taskAnswers that is not JSON as text", () => {
    expect(flattenAnswers({ taskAnswers: "{oops" })).toEqual([{ name: "taskAnswers", value: "{oops" }]);
  });
});
