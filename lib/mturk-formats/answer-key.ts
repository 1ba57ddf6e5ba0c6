import type { QuestionForm } from "@/lib/mturk-formats/question-form";
import { childrenNamed, expectChildren, optionalChild, parseXmlDocument, parseXmlInt, requiredChild, XmlShapeError, type XmlElement } from "@/lib/mturk-formats/xml-tree";

// AnswerKey (xsd/2005-10-01/AnswerKey.xsd): scores a qualification test automatically.

export const ANSWER_KEY_NAMESPACE = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd";

export type ValueMapping =
  | { kind: "Percentage"; maximumSummedScore: number }
  | { kind: "Scale"; summedScoreMultiplier: number }
  | { kind: "Range"; ranges: { lower: number; upper: number; value: number }[]; outOfRangeValue: number };

export interface AnswerKey {
  questions: { identifier: string; options: { selections: string[]; score: number }[]; defaultScore: number }[];
  mapping?: ValueMapping;
}

/** A worker's answer to one question: its selection identifiers, or its free text as one value. */
export interface ScoredAnswer {
  questionIdentifier: string;
  values: string[];
}

export class AnswerKeyError extends Error {}

function mapping(el: XmlElement): ValueMapping {
  if (el.children.length !== 1) throw new XmlShapeError("<QualificationValueMapping> must contain exactly one mapping");
  const m = el.children[0]!;
  if (m.name === "PercentageMapping") {
    expectChildren(m, ["MaximumSummedScore"]);
    return { kind: "Percentage", maximumSummedScore: parseXmlInt(requiredChild(m, "MaximumSummedScore"), { min: 1 }) };
  }
  if (m.name === "ScaleMapping") {
    expectChildren(m, ["SummedScoreMultiplier"]);
    const t = requiredChild(m, "SummedScoreMultiplier").text.trim();
    const n = Number(t);
    if (t === "" || !Number.isFinite(n)) throw new XmlShapeError("<SummedScoreMultiplier> must be a number");
    return { kind: "Scale", summedScoreMultiplier: n };
  }
  if (m.name === "RangeMapping") {
    expectChildren(m, ["SummedScoreRange", "OutOfRangeQualificationValue"]);
    const ranges = childrenNamed(m, "SummedScoreRange").map((r) => {
      expectChildren(r, ["InclusiveLowerBound", "InclusiveUpperBound", "QualificationValue"]);
      const range = {
        lower: parseXmlInt(requiredChild(r, "InclusiveLowerBound")),
        upper: parseXmlInt(requiredChild(r, "InclusiveUpperBound")),
        value: parseXmlInt(requiredChild(r, "QualificationValue")),
      };
      if (range.lower > range.upper) throw new XmlShapeError("InclusiveLowerBound is greater than InclusiveUpperBound");
      return range;
    });
    if (ranges.length === 0) throw new XmlShapeError("<RangeMapping> requires at least one <SummedScoreRange>");
    return { kind: "Range", ranges, outOfRangeValue: parseXmlInt(requiredChild(m, "OutOfRangeQualificationValue")) };
  }
  throw new XmlShapeError(`unexpected element <${m.name}> in <QualificationValueMapping>`);
}

/**
 * Parses an AnswerKey; with `test`, also checks every keyed question exists in the test and
 * every keyed selection is one of that question's selections.
 */
export function parseAnswerKey(xml: string, test?: QuestionForm): AnswerKey {
  try {
    const root = parseXmlDocument(xml);
    if (root.name !== "AnswerKey" || root.namespace !== ANSWER_KEY_NAMESPACE) {
      throw new XmlShapeError(`the root element must be <AnswerKey> in namespace ${ANSWER_KEY_NAMESPACE}`);
    }
    expectChildren(root, ["Question", "QualificationValueMapping"]);
    const questions = childrenNamed(root, "Question").map((q) => {
      expectChildren(q, ["QuestionIdentifier", "AnswerOption", "DefaultScore"]);
      const identifier = requiredChild(q, "QuestionIdentifier").text.trim();
      const options = childrenNamed(q, "AnswerOption").map((o) => {
        expectChildren(o, ["SelectionIdentifier", "AnswerScore"]);
        const selections = childrenNamed(o, "SelectionIdentifier").map((s) => s.text.trim());
        if (selections.length === 0) throw new XmlShapeError(`<AnswerOption> of "${identifier}" needs a <SelectionIdentifier>`);
        return { selections, score: parseXmlInt(requiredChild(o, "AnswerScore")) };
      });
      if (options.length === 0) throw new XmlShapeError(`question "${identifier}" needs at least one <AnswerOption>`);
      const def = optionalChild(q, "DefaultScore");
      return { identifier, options, defaultScore: def ? parseXmlInt(def) : 0 };
    });
    if (questions.length === 0) throw new XmlShapeError("an AnswerKey needs at least one <Question>");
    const m = optionalChild(root, "QualificationValueMapping");
    const key: AnswerKey = { questions, ...(m ? { mapping: mapping(m) } : {}) };
    if (test) checkAgainstTest(key, test);
    return key;
  } catch (e) {
    if (e instanceof XmlShapeError) throw new AnswerKeyError(`Invalid AnswerKey: ${e.message}`);
    throw e;
  }
}

function checkAgainstTest(key: AnswerKey, test: QuestionForm): void {
  for (const q of key.questions) {
    const tq = test.questions.find((x) => x.identifier === q.identifier);
    if (!tq) throw new XmlShapeError(`question "${q.identifier}" is not in the Test`);
    if (tq.answer.type !== "Selection") continue;
    const known = new Set(tq.answer.selections.map((s) => s.identifier));
    const unknown = q.options.flatMap((o) => o.selections).find((s) => !known.has(s));
    if (unknown !== undefined) throw new XmlShapeError(`selection "${unknown}" is not an option of question "${q.identifier}"`);
  }
}

const sameSet = (a: string[], b: string[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

/**
 * The qualification value a worker's answers earn. Each keyed question scores the AnswerOption
 * whose selections equal the worker's (whitespace-trimmed, exact, as a set), else its
 * DefaultScore (0 when absent); the sum then goes through the mapping. Percentage and scale
 * results are rounded down — MTurk does not document the rounding.
 */
export function scoreAnswers(key: AnswerKey, answers: ScoredAnswer[]): number {
  let sum = 0;
  for (const q of key.questions) {
    const given = answers.find((a) => a.questionIdentifier.trim() === q.identifier)?.values.map((v) => v.trim()) ?? [];
    const option = given.length > 0 ? q.options.find((o) => sameSet(o.selections, given)) : undefined;
    sum += option ? option.score : q.defaultScore;
  }
  const m = key.mapping;
  if (!m) return sum;
  if (m.kind === "Percentage") return Math.floor((sum * 100) / m.maximumSummedScore);
  if (m.kind === "Scale") return Math.floor(sum * m.summedScoreMultiplier);
  return m.ranges.find((r) => sum >= r.lower && sum <= r.upper)?.value ?? m.outOfRangeValue;
}
