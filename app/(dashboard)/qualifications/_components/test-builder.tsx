"use client";

import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { maximumScore } from "@/lib/qualifications/build-test-xml";
import type { ScoreMapping, TestQuestion } from "@/lib/qualifications/qualification-type-input";

export interface BuilderTest {
  title: string;
  instructions: string;
  questions: TestQuestion[];
  autoScore: boolean;
  mapping: ScoreMapping;
}

const nextId = (prefix: string, taken: string[]) => {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
};

export const newQuestion = (taken: string[]): TestQuestion => ({
  identifier: nextId("q", taken),
  text: "",
  kind: "single",
  choices: [
    { identifier: "a", text: "", correct: true },
    { identifier: "b", text: "", correct: false },
  ],
  expectedText: "",
  points: 1,
});

const MAPPING_LABELS: Record<ScoreMapping["kind"], string> = {
  percentage: "Percent of the maximum (0–100)",
  sum: "Points as summed",
  scale: "Points × a multiplier",
  range: "Ranges of points → values",
};

/** QuestionForm questions with their answer key and how summed points become the score. */
export function TestBuilder({ test, onChange, disabled }: { test: BuilderTest; onChange: (t: BuilderTest) => void; disabled?: boolean }) {
  const setQuestion = (i: number, q: Partial<TestQuestion>) => onChange({ ...test, questions: test.questions.map((x, k) => (k === i ? { ...x, ...q } : x)) });
  const removeQuestion = (i: number) => onChange({ ...test, questions: test.questions.filter((_, k) => k !== i) });
  const setMappingKind = (kind: ScoreMapping["kind"]) =>
    onChange({
      ...test,
      mapping: kind === "scale" ? { kind, multiplier: 10 } : kind === "range" ? { kind, ranges: [{ lower: 0, upper: maximumScore(test.questions), value: 100 }], outOfRangeValue: 0 } : { kind },
    });
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Test title">
          <Input value={test.title} onChange={(e) => onChange({ ...test, title: e.target.value })} disabled={disabled} placeholder="Sentiment qualification test" />
        </Field>
        <Field label="Instructions" hint="Shown above the questions">
          <Input value={test.instructions} onChange={(e) => onChange({ ...test, instructions: e.target.value })} disabled={disabled} />
        </Field>
      </div>
      <ol className="space-y-3">
        {test.questions.map((q, i) => (
          <li key={i} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="test-question">
            <div className="grid gap-3 sm:grid-cols-[1fr_9rem_6rem_5rem]">
              <Field label={`Question ${i + 1}`}>
                <Input value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} disabled={disabled} placeholder="What is the sentiment of “I loved it”?" />
              </Field>
              <Field label="Answer">
                <Select value={q.kind} onChange={(e) => setQuestion(i, { kind: e.target.value as TestQuestion["kind"] })} disabled={disabled}>
                  <option value="single">One choice</option>
                  <option value="multiple">Several choices</option>
                  <option value="text">Free text</option>
                </Select>
              </Field>
              <Field label="Identifier">
                <Input value={q.identifier} onChange={(e) => setQuestion(i, { identifier: e.target.value })} disabled={disabled} />
              </Field>
              <Field label="Points">
                <Input type="number" min={0} value={q.points} onChange={(e) => setQuestion(i, { points: Number(e.target.value) })} disabled={disabled} />
              </Field>
            </div>
            {q.kind === "text" ? (
              <div className="mt-3">
                <Field label="Expected answer" hint="Scores when the answer matches exactly; leave empty to read answers yourself">
                  <Input value={q.expectedText} onChange={(e) => setQuestion(i, { expectedText: e.target.value })} disabled={disabled} />
                </Field>
              </div>
            ) : (
              <fieldset className="mt-3 space-y-2">
                <legend className="mb-1 text-sm font-medium text-slate-700">
                  Choices <span className="font-normal text-slate-500">— tick the correct {q.kind === "single" ? "one" : "ones"}</span>
                </legend>
                {q.choices.map((c, k) => (
                  <div key={k} className="flex items-center gap-2">
                    <input
                      type={q.kind === "single" ? "radio" : "checkbox"}
                      name={`correct-${i}`}
                      aria-label={`Choice ${k + 1} is correct`}
                      checked={c.correct}
                      onChange={(e) => setQuestion(i, { choices: q.choices.map((x, j) => (j === k ? { ...x, correct: e.target.checked } : q.kind === "single" ? { ...x, correct: false } : x)) })}
                      disabled={disabled}
                      className="size-4 accent-brand-600"
                    />
                    <Input
                      aria-label={`Choice ${k + 1}`}
                      value={c.text}
                      onChange={(e) => setQuestion(i, { choices: q.choices.map((x, j) => (j === k ? { ...x, text: e.target.value } : x)) })}
                      disabled={disabled}
                    />
                    <Input
                      aria-label={`Choice ${k + 1} identifier`}
                      className="max-w-24 font-mono"
                      value={c.identifier}
                      onChange={(e) => setQuestion(i, { choices: q.choices.map((x, j) => (j === k ? { ...x, identifier: e.target.value } : x)) })}
                      disabled={disabled}
                    />
                    <Button
                      type="button"
                      variant="ghost"
                      aria-label={`Remove choice ${k + 1}`}
                      disabled={disabled || q.choices.length <= 2}
                      onClick={() => setQuestion(i, { choices: q.choices.filter((_, j) => j !== k) })}
                    >
                      ×
                    </Button>
                  </div>
                ))}
                <Button
                  type="button"
                  variant="secondary"
                  disabled={disabled}
                  onClick={() =>
                    setQuestion(i, {
                      choices: [
                        ...q.choices,
                        {
                          identifier: nextId(
                            "c",
                            q.choices.map((c) => c.identifier),
                          ),
                          text: "",
                          correct: false,
                        },
                      ],
                    })
                  }
                >
                  Add choice
                </Button>
              </fieldset>
            )}
            <div className="mt-3 text-right">
              <Button type="button" variant="ghost" disabled={disabled || test.questions.length <= 1} onClick={() => removeQuestion(i)}>
                Remove question
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" disabled={disabled} onClick={() => onChange({ ...test, questions: [...test.questions, newQuestion(test.questions.map((q) => q.identifier))] })}>
        Add question
      </Button>
      <div className="space-y-4 rounded-lg p-4 ring-1 ring-slate-200">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Score given" hint={`From the correct answers' points (maximum ${maximumScore(test.questions)})`}>
            <Select value={test.mapping.kind} onChange={(e) => setMappingKind(e.target.value as ScoreMapping["kind"])} disabled={disabled}>
              {Object.entries(MAPPING_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          {test.mapping.kind === "scale" && (
            <Field label="Multiplier">
              <Input type="number" value={test.mapping.multiplier} onChange={(e) => onChange({ ...test, mapping: { kind: "scale", multiplier: Number(e.target.value) } })} disabled={disabled} />
            </Field>
          )}
          {test.mapping.kind === "range" && <RangeEditor mapping={test.mapping} onChange={(mapping) => onChange({ ...test, mapping })} disabled={disabled} />}
        </div>
        <AutoScoreChoice checked={test.autoScore} onChange={(autoScore) => onChange({ ...test, autoScore })} disabled={disabled} />
      </div>
    </div>
  );
}

/** Whether the answer key goes to the marketplace (decides at once) or stays here to suggest scores. */
export function AutoScoreChoice({ checked, onChange, disabled }: { checked: boolean; onChange: (on: boolean) => void; disabled?: boolean }) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-700">
      <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={checked} onChange={(e) => onChange(e.target.checked)} disabled={disabled} />
      <span>
        <span className="font-medium">Score automatically with the answer key</span>
        <span className="block text-slate-500">
          {checked ? "The marketplace scores each test and grants the score at once." : "Each request waits in the inbox with the score the key gives, for you to read the answers and decide."}
        </span>
      </span>
    </label>
  );
}

function RangeEditor({ mapping, onChange, disabled }: { mapping: Extract<ScoreMapping, { kind: "range" }>; onChange: (m: Extract<ScoreMapping, { kind: "range" }>) => void; disabled?: boolean }) {
  const setRange = (i: number, key: "lower" | "upper" | "value", v: number) => onChange({ ...mapping, ranges: mapping.ranges.map((r, k) => (k === i ? { ...r, [key]: v } : r)) });
  return (
    <div className="space-y-2 sm:col-span-2">
      {mapping.ranges.map((r, i) => (
        <div key={i} className="flex items-center gap-2 text-sm text-slate-600">
          <span>Points</span>
          <Input aria-label={`Range ${i + 1} from`} type="number" className="max-w-20" value={r.lower} onChange={(e) => setRange(i, "lower", Number(e.target.value))} disabled={disabled} />
          <span>to</span>
          <Input aria-label={`Range ${i + 1} to`} type="number" className="max-w-20" value={r.upper} onChange={(e) => setRange(i, "upper", Number(e.target.value))} disabled={disabled} />
          <span>give</span>
          <Input aria-label={`Range ${i + 1} value`} type="number" className="max-w-20" value={r.value} onChange={(e) => setRange(i, "value", Number(e.target.value))} disabled={disabled} />
        </div>
      ))}
      <div className="flex items-center gap-2 text-sm text-slate-600">
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onChange({ ...mapping, ranges: [...mapping.ranges, { lower: 0, upper: 0, value: 0 }] })}>
          Add range
        </Button>
        <span>Otherwise give</span>
        <Input
          aria-label="Out of range value"
          type="number"
          className="max-w-20"
          value={mapping.outOfRangeValue}
          onChange={(e) => onChange({ ...mapping, outOfRangeValue: Number(e.target.value) })}
          disabled={disabled}
        />
      </div>
    </div>
  );
}
