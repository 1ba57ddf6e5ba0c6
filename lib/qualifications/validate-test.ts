import "server-only";
import { Invalid } from "@/lib/errors";
import { AnswerKeyError, parseAnswerKey } from "@/lib/mturk-formats/answer-key";
import { parseQuestionForm, QuestionFormError } from "@/lib/mturk-formats/question-form";
import { testXmlOf } from "@/lib/qualifications/build-test-xml";
import type { TestDefinition } from "@/lib/qualifications/qualification-type-input";

/** Problems a builder test has that the XML schema would only report obscurely. */
function builderProblems(test: Extract<TestDefinition, { mode: "builder" }>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  test.questions.forEach((q, i) => {
    const where = `Question ${i + 1}`;
    if (ids.has(q.identifier)) problems.push(`${where}: the identifier "${q.identifier}" is used twice`);
    ids.add(q.identifier);
    if (q.kind === "text") return;
    if (q.choices.length < 2) problems.push(`${where}: give at least two choices`);
    const choiceIds = new Set(q.choices.map((c) => c.identifier));
    if (choiceIds.size !== q.choices.length) problems.push(`${where}: two choices share an identifier`);
    const correct = q.choices.filter((c) => c.correct).length;
    if (q.kind === "single" && correct > 1) problems.push(`${where}: a single-choice question has one correct choice`);
  });
  if (test.mapping.kind === "range") {
    test.mapping.ranges.forEach((r, i) => {
      if (r.lower > r.upper) problems.push(`Score range ${i + 1}: the lower bound is above the upper bound`);
    });
  }
  return problems;
}

/**
 * The Test and AnswerKey XML a type will be sent with, checked with the same parsers the built-in
 * marketplace uses, so a mistake is named here rather than as an MTurk error after the call.
 */
export function validatedTestXml(test: TestDefinition): ReturnType<typeof testXmlOf> {
  if (test.mode === "builder") {
    const problems = builderProblems(test);
    if (problems.length) throw new Invalid(problems.join("; "), problems);
  }
  const xml = testXmlOf(test);
  if (!xml) return undefined;
  try {
    const form = parseQuestionForm(xml.test);
    const key = xml.answerKey ?? xml.reviewKey;
    if (key) parseAnswerKey(key, form);
  } catch (e) {
    if (e instanceof QuestionFormError) throw new Invalid(`Test (QuestionForm): ${e.message}`);
    if (e instanceof AnswerKeyError) throw new Invalid(`Answer key: ${e.message}`);
    throw e;
  }
  return xml;
}
