import { describe, expect, it } from "vitest";
import { parseAnswerKey, scoreAnswers } from "@/lib/mturk-formats/answer-key";
import { parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { buildAnswerKeyXml, buildTestQuestionFormXml, testXmlOf } from "@/lib/qualifications/build-test-xml";
import { TestDefinition, type TestQuestion } from "@/lib/qualifications/qualification-type-input";

const questions: TestQuestion[] = [
  {
    identifier: "sentiment",
    text: 'Is "I <3 this & that" positive?',
    kind: "single",
    choices: [
      { identifier: "yes", text: "Yes", correct: true },
      { identifier: "no", text: "No", correct: false },
    ],
    expectedText: "",
    points: 2,
  },
  {
    identifier: "animals",
    text: "Which are mammals?",
    kind: "multiple",
    choices: [
      { identifier: "cat", text: "Cat", correct: true },
      { identifier: "trout", text: "Trout", correct: false },
      { identifier: "whale", text: "Whale", correct: true },
    ],
    expectedText: "",
    points: 3,
  },
  { identifier: "capital", text: "Capital of France?", kind: "text", choices: [], expectedText: "Paris", points: 5 },
  { identifier: "comment", text: "Anything to add?", kind: "text", choices: [], expectedText: "", points: 1 },
];

describe("test builder XML", () => {
  it("writes a QuestionForm the marketplace parses back question for question, text escaped", () => {
    const form = parseQuestionForm(buildTestQuestionFormXml({ title: "Test & check", instructions: "Answer all <4> questions", questions }));
    expect(form.questions.map((q) => q.identifier)).toEqual(["sentiment", "animals", "capital", "comment"]);
    expect(form.questions[0]!.content).toEqual([{ kind: "Text", text: 'Is "I <3 this & that" positive?' }]);
    const multi = form.questions[1]!.answer;
    expect(multi).toMatchObject({ type: "Selection", minSelectionCount: 1, maxSelectionCount: 3, style: "checkbox" });
    expect(form.questions[0]!.answer).toMatchObject({ type: "Selection", minSelectionCount: 1, maxSelectionCount: 1, style: "radiobutton" });
    expect(form.questions[2]!.answer.type).toBe("FreeText");
    expect(form.items[0]).toMatchObject({
      kind: "Overview",
      content: [
        { kind: "Title", text: "Test & check" },
        { kind: "Text", text: "Answer all <4> questions" },
      ],
    });
  });

  it("keys only scorable questions, and each mapping scores as MTurk would", () => {
    const form = parseQuestionForm(buildTestQuestionFormXml({ title: "", instructions: "", questions }));
    const perfect = [
      { questionIdentifier: "sentiment", values: ["yes"] },
      { questionIdentifier: "animals", values: ["whale", "cat"] },
      { questionIdentifier: "capital", values: ["Paris"] },
    ];
    const partial = [
      { questionIdentifier: "sentiment", values: ["yes"] },
      { questionIdentifier: "animals", values: ["cat"] },
      { questionIdentifier: "capital", values: ["Lyon"] },
    ];
    const percentage = parseAnswerKey(buildAnswerKeyXml(questions, { kind: "percentage" })!, form);
    expect(percentage.questions.map((q) => q.identifier)).toEqual(["sentiment", "animals", "capital"]);
    expect(percentage.mapping).toEqual({ kind: "Percentage", maximumSummedScore: 10 });
    expect(scoreAnswers(percentage, perfect)).toBe(100);
    expect(scoreAnswers(percentage, partial)).toBe(20);
    expect(scoreAnswers(parseAnswerKey(buildAnswerKeyXml(questions, { kind: "sum" })!, form), partial)).toBe(2);
    expect(scoreAnswers(parseAnswerKey(buildAnswerKeyXml(questions, { kind: "scale", multiplier: 3 })!, form), perfect)).toBe(30);
    const range = parseAnswerKey(buildAnswerKeyXml(questions, { kind: "range", ranges: [{ lower: 8, upper: 10, value: 1 }], outOfRangeValue: 0 })!, form);
    expect([scoreAnswers(range, perfect), scoreAnswers(range, partial)]).toEqual([1, 0]);
  });

  it("writes no answer key when nothing can be scored, and keeps it from the marketplace when scoring is off", () => {
    const unscored = questions.map((q) => ({ ...q, expectedText: "", choices: q.choices.map((c) => ({ ...c, correct: false })) }));
    expect(buildAnswerKeyXml(unscored, { kind: "percentage" })).toBeUndefined();
    const off = testXmlOf(TestDefinition.parse({ mode: "builder", questions, autoScore: false, mapping: { kind: "sum" }, durationSec: 600 }));
    expect(off).toEqual({ test: expect.stringContaining("<QuestionForm"), reviewKey: expect.stringContaining("<AnswerKey"), durationSec: 600 });
    const xmlOff = testXmlOf(TestDefinition.parse({ mode: "xml", testXml: off!.test, answerKeyXml: off!.reviewKey, autoScore: false, durationSec: 600 }));
    expect(xmlOff).toEqual(off);
    const xmlOn = testXmlOf(TestDefinition.parse({ mode: "xml", testXml: off!.test, answerKeyXml: off!.reviewKey, durationSec: 600 }));
    expect(xmlOn).toEqual({ test: off!.test, answerKey: off!.reviewKey, durationSec: 600 });
  });
});
