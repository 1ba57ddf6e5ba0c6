import type { AnswerField } from "@/lib/review/flatten-answers";

// How one assignment's answers compare with the other workers' answers on the same HIT: per
// field for the review view, and against the majority for agreement-based qualification grants.
// Pure, for the server and the browser.

/** Answers compare without case or surrounding spaces: "Positive " is "positive". */
export const normaliseAnswer = (v: string) => v.trim().toLowerCase();

const valueOf = (fields: AnswerField[], name: string) => fields.find((f) => f.name === name)?.value;

/** Per field this worker answered, whether one other worker gave the same value. */
export function agreesWith(answers: AnswerField[], theirs: AnswerField[]): Record<string, boolean> {
  return Object.fromEntries(
    answers.map((field) => {
      const other = valueOf(theirs, field.name);
      return [field.name, other !== undefined && normaliseAnswer(other) === normaliseAnswer(field.value)];
    }),
  );
}

/** Per field this worker answered: how many of all the HIT's workers (them included) gave this value. */
export function fieldAgreement(answers: AnswerField[], others: AnswerField[][]): Record<string, { same: number; of: number }> {
  return Object.fromEntries(
    answers.map((field) => {
      const theirs = others.map((o) => valueOf(o, field.name)).filter((v): v is string => v !== undefined);
      return [field.name, { same: 1 + theirs.filter((v) => normaliseAnswer(v) === normaliseAnswer(field.value)).length, of: 1 + theirs.length }];
    }),
  );
}

/**
 * Whether an assignment's answers match the majority answer of the other workers of its HIT:
 * on every field this worker answered where more than half of the others who answered it gave
 * one value, this worker gave that value too. Null when no field has such a majority (a HIT
 * done by nobody else, or split evenly), so the assignment counts neither way.
 */
export function matchesMajority(answers: AnswerField[], others: AnswerField[][]): boolean | null {
  let compared = false;
  for (const field of answers) {
    const counts = new Map<string, number>();
    let answered = 0;
    for (const o of others) {
      const v = valueOf(o, field.name);
      if (v === undefined) continue;
      answered++;
      const key = normaliseAnswer(v);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const majority = [...counts].find(([, n]) => n * 2 > answered)?.[0];
    if (majority === undefined) continue;
    if (majority !== normaliseAnswer(field.value)) return false;
    compared = true;
  }
  return compared ? true : null;
}
