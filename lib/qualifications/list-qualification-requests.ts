import "server-only";
import { db } from "@/lib/db";
import { parseAnswerKey, scoreAnswers, type AnswerKey } from "@/lib/mturk-formats/answer-key";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { parseQuestionForm, type ContentItem, type QuestionForm } from "@/lib/mturk-formats/question-form";
import type { Scope } from "@/lib/scope";

export interface PendingRequest {
  requestId: string;
  workerId: string;
  submitTime: string;
  /** Each answer with its question's text and the chosen options' texts, in the test's order. */
  answers: { question: string; answer: string }[];
  /** What the answer key gives these answers; null without a key. */
  score: number | null;
}

const textOf = (items: ContentItem[]) =>
  items
    .map((c) => ("text" in c ? c.text : c.kind === "List" ? c.items.join(", ") : ""))
    .filter(Boolean)
    .join(" ");

function readable(form: QuestionForm | undefined, raw: { questionIdentifier: string; values: string[] }[]) {
  return raw.map(({ questionIdentifier, values }) => {
    const q = form?.questions.find((x) => x.identifier === questionIdentifier);
    const choices = q?.answer.type === "Selection" ? new Map(q.answer.selections.map((s) => [s.identifier, textOf([s.content])])) : undefined;
    return { question: q ? textOf(q.content) || questionIdentifier : questionIdentifier, answer: values.map((v) => choices?.get(v) ?? v).join(", ") };
  });
}

const safely = <T>(f: () => T): T | undefined => {
  try {
    return f();
  } catch {
    return undefined;
  }
};

/** Pending requests for a type, oldest first, with answers made readable from the type's test and scored by its key. */
export async function listQualificationRequests(
  scope: Scope,
  qualificationTypeId: string,
  test: { testXml: string | null; answerKeyXml: string | null; reviewKeyXml?: string | null },
): Promise<PendingRequest[]> {
  const rows = await db.cachedQualificationRequest.findMany({ where: { ...scope, qualificationTypeId, forgottenAt: null }, orderBy: { submitTime: "asc" }, take: 500 });
  const form = test.testXml ? safely(() => parseQuestionForm(test.testXml!)) : undefined;
  // The marketplace's key, else the one HITdesk keeps for the inbox.
  const keyXml = test.answerKeyXml ?? test.reviewKeyXml ?? null;
  const key: AnswerKey | undefined = keyXml ? safely(() => parseAnswerKey(keyXml)) : undefined;
  return rows.map((r) => {
    const raw = r.answer ? (safely(() => parseQuestionFormAnswers(r.answer!)) ?? []) : [];
    return {
      requestId: r.qualificationRequestId,
      workerId: r.workerId,
      submitTime: r.submitTime.toISOString(),
      answers: readable(form, raw),
      score: key && r.answer ? scoreAnswers(key, raw) : null,
    };
  });
}
