"use client";

import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { FormAnswer, FormChoice, FormDraft, FormQuestionDraft } from "@/lib/mturk-formats/build-question-form";

type AnswerKind = "text" | "number" | "single" | "dropdown" | "multiple";

const ANSWER_LABELS: Record<AnswerKind, string> = {
  text: "Free text",
  number: "Number",
  single: "One choice",
  dropdown: "Dropdown",
  multiple: "Several choices",
};

const TEXTAREA =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50";

const nextId = (prefix: string, taken: string[]) => {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
};

const defaultChoices = (): FormChoice[] => [
  { identifier: "a", text: "" },
  { identifier: "b", text: "" },
];

export const newFormQuestion = (taken: string[]): FormQuestionDraft => ({ identifier: nextId("q", taken), required: true, text: "", answer: { kind: "single", choices: defaultChoices() } });

export const NEW_FORM: FormDraft = { overview: { title: "", text: "" }, questions: [{ ...newFormQuestion([]), text: "${question}" }] };

const kindOf = (a: FormAnswer): AnswerKind => (a.kind === "single" && a.dropdown ? "dropdown" : a.kind);

/** A new answer of another kind, keeping the choices written so far. */
function answerOfKind(kind: AnswerKind, from: FormAnswer): FormAnswer {
  const choices = from.kind === "single" || from.kind === "multiple" ? from.choices : defaultChoices();
  switch (kind) {
    case "text":
      return { kind: "text" };
    case "number":
      return { kind: "number" };
    case "single":
    case "dropdown":
      return { kind: "single", choices, ...(kind === "dropdown" ? { dropdown: true } : {}) };
    case "multiple":
      return { kind: "multiple", choices, minCount: 1, maxCount: choices.length };
  }
}

/** An optional whole number: empty is "no limit". */
const optionalInt = (v: string) => (v.trim() === "" || !Number.isFinite(Number(v)) ? undefined : Math.trunc(Number(v)));
const shown = (n: number | undefined) => (n === undefined ? "" : String(n));

/** Edits a QuestionForm as an overview and questions; the editor writes the XML from it. */
export function QuestionFormBuilder({ form, onChange, disabled }: { form: FormDraft; onChange: (f: FormDraft) => void; disabled?: boolean }) {
  const setQuestion = (i: number, q: Partial<FormQuestionDraft>) => onChange({ ...form, questions: form.questions.map((x, k) => (k === i ? { ...x, ...q } : x)) });
  const move = (i: number, by: -1 | 1) => {
    const questions = [...form.questions];
    [questions[i], questions[i + by]] = [questions[i + by]!, questions[i]!];
    onChange({ ...form, questions });
  };
  return (
    <div className="space-y-4" data-testid="form-builder">
      <div className="grid gap-3">
        <Field label="Overview title" hint="Optional. ${column} placeholders are filled from each CSV row">
          <Input value={form.overview.title} onChange={(e) => onChange({ ...form, overview: { ...form.overview, title: e.target.value } })} disabled={disabled} />
        </Field>
        <Field label="Overview text" hint="Instructions shown above the questions">
          <textarea rows={3} className={TEXTAREA} value={form.overview.text} onChange={(e) => onChange({ ...form, overview: { ...form.overview, text: e.target.value } })} disabled={disabled} />
        </Field>
      </div>
      <ol className="space-y-3">
        {form.questions.map((q, i) => (
          <li key={i} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="form-question">
            <div className="grid gap-3 sm:grid-cols-[1fr_11rem]">
              <Field label={`Question ${i + 1}`}>
                <Input value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} disabled={disabled} placeholder="Is ${city} on the coast?" />
              </Field>
              <Field label="Answer">
                <Select value={kindOf(q.answer)} onChange={(e) => setQuestion(i, { answer: answerOfKind(e.target.value as AnswerKind, q.answer) })} disabled={disabled}>
                  {(Object.keys(ANSWER_LABELS) as AnswerKind[]).map((k) => (
                    <option key={k} value={k}>
                      {ANSWER_LABELS[k]}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className="mt-3 grid items-end gap-3 sm:grid-cols-[9rem_1fr_auto]">
              <Field label="Identifier" hint="Names the Answer.* column">
                <Input className="font-mono" value={q.identifier} onChange={(e) => setQuestion(i, { identifier: e.target.value })} disabled={disabled} />
              </Field>
              <Field label="Display name" hint="Optional, names it in answers">
                <Input value={q.displayName ?? ""} onChange={(e) => setQuestion(i, { displayName: e.target.value || undefined })} disabled={disabled} />
              </Field>
              <label className="flex items-center gap-2 pb-7 text-sm text-slate-700">
                <input type="checkbox" className="size-4 accent-brand-600" checked={q.required} onChange={(e) => setQuestion(i, { required: e.target.checked })} disabled={disabled} />
                Required
              </label>
            </div>
            <AnswerEditor answer={q.answer} onChange={(answer) => setQuestion(i, { answer })} disabled={disabled} />
            <div className="mt-3 flex justify-end gap-1">
              <Button type="button" variant="ghost" aria-label={`Move question ${i + 1} up`} disabled={disabled || i === 0} onClick={() => move(i, -1)}>
                ↑
              </Button>
              <Button type="button" variant="ghost" aria-label={`Move question ${i + 1} down`} disabled={disabled || i === form.questions.length - 1} onClick={() => move(i, 1)}>
                ↓
              </Button>
              <Button type="button" variant="ghost" disabled={disabled || form.questions.length <= 1} onClick={() => onChange({ ...form, questions: form.questions.filter((_, k) => k !== i) })}>
                Remove question
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" disabled={disabled} onClick={() => onChange({ ...form, questions: [...form.questions, newFormQuestion(form.questions.map((q) => q.identifier))] })}>
        Add question
      </Button>
    </div>
  );
}

function AnswerEditor({ answer, onChange, disabled }: { answer: FormAnswer; onChange: (a: FormAnswer) => void; disabled?: boolean }) {
  if (answer.kind === "text") {
    return (
      <div className="mt-3 grid grid-cols-3 gap-3">
        <Field label="Min. length">
          <Input type="number" min={0} value={shown(answer.minLength)} onChange={(e) => onChange({ ...answer, minLength: optionalInt(e.target.value) })} disabled={disabled} />
        </Field>
        <Field label="Max. length">
          <Input type="number" min={1} value={shown(answer.maxLength)} onChange={(e) => onChange({ ...answer, maxLength: optionalInt(e.target.value) })} disabled={disabled} />
        </Field>
        <Field label="Lines">
          <Input type="number" min={1} value={shown(answer.lines)} onChange={(e) => onChange({ ...answer, lines: optionalInt(e.target.value) })} disabled={disabled} />
        </Field>
      </div>
    );
  }
  if (answer.kind === "number") {
    return (
      <div className="mt-3 grid grid-cols-2 gap-3">
        <Field label="Minimum" hint="Whole number; empty for none">
          <Input type="number" value={shown(answer.min)} onChange={(e) => onChange({ ...answer, min: optionalInt(e.target.value) })} disabled={disabled} />
        </Field>
        <Field label="Maximum">
          <Input type="number" value={shown(answer.max)} onChange={(e) => onChange({ ...answer, max: optionalInt(e.target.value) })} disabled={disabled} />
        </Field>
      </div>
    );
  }
  const setChoices = (choices: FormChoice[]) =>
    onChange(
      answer.kind === "multiple" ? { ...answer, choices, maxCount: answer.maxCount >= answer.choices.length ? choices.length : Math.min(answer.maxCount, choices.length) } : { ...answer, choices },
    );
  return (
    <fieldset className="mt-3 space-y-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">Choices</legend>
      {answer.choices.map((c, k) => (
        <div key={k} className="flex items-center gap-2">
          <Input aria-label={`Choice ${k + 1}`} value={c.text} onChange={(e) => setChoices(answer.choices.map((x, j) => (j === k ? { ...x, text: e.target.value } : x)))} disabled={disabled} />
          <Input
            aria-label={`Choice ${k + 1} identifier`}
            className="max-w-28 font-mono"
            value={c.identifier}
            onChange={(e) => setChoices(answer.choices.map((x, j) => (j === k ? { ...x, identifier: e.target.value } : x)))}
            disabled={disabled}
          />
          <Button
            type="button"
            variant="ghost"
            aria-label={`Remove choice ${k + 1}`}
            disabled={disabled || answer.choices.length <= 1}
            onClick={() => setChoices(answer.choices.filter((_, j) => j !== k))}
          >
            ×
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={disabled}
          onClick={() =>
            setChoices([
              ...answer.choices,
              {
                identifier: nextId(
                  "c",
                  answer.choices.map((c) => c.identifier),
                ),
                text: "",
              },
            ])
          }
        >
          Add choice
        </Button>
        {answer.kind === "multiple" && (
          <>
            <Field label="At least">
              <Input type="number" className="max-w-20" min={0} value={answer.minCount} onChange={(e) => onChange({ ...answer, minCount: optionalInt(e.target.value) ?? 0 })} disabled={disabled} />
            </Field>
            <Field label="At most">
              <Input type="number" className="max-w-20" min={1} value={answer.maxCount} onChange={(e) => onChange({ ...answer, maxCount: optionalInt(e.target.value) ?? 1 })} disabled={disabled} />
            </Field>
          </>
        )}
      </div>
    </fieldset>
  );
}
