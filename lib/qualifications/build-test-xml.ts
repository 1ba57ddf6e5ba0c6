import { buildQuestionFormXml, xmlText, type FormQuestionDraft } from "@/lib/mturk-formats/build-question-form";
import type { ScoreMapping, TestDefinition, TestQuestion } from "@/lib/qualifications/qualification-type-input";

// The test builder's output: QuestionForm (2017-11-06, written by the form builder shared with
// projects) and AnswerKey XML as MTurk expects them. Pure, so the form can show the XML it will
// send and the tests can parse it back.

const ANSWER_KEY_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd";

/** A test question as the shared form builder writes it: always required; several choices need at least one. */
export function testQuestionDraft(q: TestQuestion): FormQuestionDraft {
  const base = { identifier: q.identifier, required: true, text: q.text };
  const choices = q.choices.map((c) => ({ identifier: c.identifier, text: c.text }));
  if (q.kind === "text") return { ...base, answer: { kind: "text" } };
  if (q.kind === "single") return { ...base, answer: { kind: "single", choices } };
  return { ...base, answer: { kind: "multiple", choices, minCount: 1, maxCount: q.choices.length } };
}

export function buildTestQuestionFormXml(test: { title: string; instructions: string; questions: TestQuestion[] }): string {
  return buildQuestionFormXml({ overview: { title: test.title, text: test.instructions }, questions: test.questions.map(testQuestionDraft) });
}

/** What a question scores from: its correct choices, or its expected text. Empty: not scored. */
function scoringSelections(q: TestQuestion): string[] {
  if (q.kind === "text") return q.expectedText ? [q.expectedText] : [];
  return q.choices.filter((c) => c.correct).map((c) => c.identifier);
}

export function maximumScore(questions: TestQuestion[]): number {
  return questions.filter((q) => scoringSelections(q).length > 0).reduce((sum, q) => sum + q.points, 0);
}

function mappingXml(mapping: ScoreMapping, questions: TestQuestion[]): string {
  switch (mapping.kind) {
    case "sum":
      return "";
    case "percentage":
      return `<QualificationValueMapping><PercentageMapping><MaximumSummedScore>${Math.max(1, maximumScore(questions))}</MaximumSummedScore></PercentageMapping></QualificationValueMapping>`;
    case "scale":
      return `<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>${mapping.multiplier}</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>`;
    case "range":
      return (
        "<QualificationValueMapping><RangeMapping>" +
        mapping.ranges
          .map(
            (r) =>
              `<SummedScoreRange><InclusiveLowerBound>${r.lower}</InclusiveLowerBound><InclusiveUpperBound>${r.upper}</InclusiveUpperBound><QualificationValue>${r.value}</QualificationValue></SummedScoreRange>`,
          )
          .join("") +
        `<OutOfRangeQualificationValue>${mapping.outOfRangeValue}</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping>`
      );
  }
}

/** The AnswerKey, or undefined when no question can be scored (requests then wait for a person). */
export function buildAnswerKeyXml(questions: TestQuestion[], mapping: ScoreMapping): string | undefined {
  const keyed = questions.filter((q) => scoringSelections(q).length > 0);
  if (keyed.length === 0) return undefined;
  const body = keyed
    .map(
      (q) =>
        `<Question><QuestionIdentifier>${xmlText(q.identifier)}</QuestionIdentifier><AnswerOption>${scoringSelections(q)
          .map((s) => `<SelectionIdentifier>${xmlText(s)}</SelectionIdentifier>`)
          .join("")}<AnswerScore>${q.points}</AnswerScore></AnswerOption></Question>`,
    )
    .join("");
  return `<AnswerKey xmlns="${ANSWER_KEY_NS}">${body}${mappingXml(mapping, questions)}</AnswerKey>`;
}

export interface TestXml {
  test: string;
  /** Sent to the marketplace, which then scores every test and decides at once. */
  answerKey?: string;
  /** Kept by HITdesk: requests wait in the inbox with the score this key gives them. */
  reviewKey?: string;
  durationSec: number;
}

/** Test, answer key and duration as the API takes them; undefined when the type has no test. */
export function testXmlOf(test: TestDefinition): TestXml | undefined {
  if (test.mode === "none") return undefined;
  const key = test.mode === "xml" ? test.answerKeyXml || undefined : buildAnswerKeyXml(test.questions, test.mapping);
  const body = test.mode === "xml" ? test.testXml : buildTestQuestionFormXml(test);
  return { test: body, ...(key ? { [test.autoScore ? "answerKey" : "reviewKey"]: key } : {}), durationSec: test.durationSec };
}
