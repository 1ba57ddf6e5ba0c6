"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";
import { QualificationTypeInput, QualificationTypeUpdate } from "@/lib/qualifications/qualification-type-input";
import { AutoScoreChoice, newQuestion, TestBuilder, type BuilderTest } from "./test-builder";

const TEXTAREA = "block w-full rounded-md border-0 bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-100 shadow-sm ring-1 ring-inset ring-slate-700 focus:ring-2 focus:ring-brand-500";

export interface QualificationTypeFormValues {
  qualificationTypeId?: string;
  name: string;
  description: string;
  keywords: string;
  status: "Active" | "Inactive";
  retryDelaySec: number | null;
  autoGranted: boolean;
  autoGrantedValue: number;
  testXml: string | null;
  answerKeyXml: string | null;
  reviewKeyXml?: string | null;
  testDurationSec: number | null;
}

type TestMode = "none" | "builder" | "xml";

/** Create (no id) or edit a type; an existing test opens as XML, the builder replaces it. */
export function QualificationTypeForm({ initial, canEdit }: { initial?: QualificationTypeFormValues; canEdit: boolean }) {
  const router = useRouter();
  const editing = !!initial?.qualificationTypeId;
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [keywords, setKeywords] = useState(initial?.keywords ?? "");
  const [status, setStatus] = useState<"Active" | "Inactive">(initial?.status ?? "Active");
  const [allowRetry, setAllowRetry] = useState(initial ? initial.retryDelaySec !== null : true);
  const [retryHours, setRetryHours] = useState(String(initial?.retryDelaySec != null ? initial.retryDelaySec / 3600 : 24));
  const [autoGranted, setAutoGranted] = useState(initial?.autoGranted ?? false);
  const [autoGrantedValue, setAutoGrantedValue] = useState(initial?.autoGrantedValue ?? 1);
  const [mode, setMode] = useState<TestMode>(initial?.testXml ? "xml" : editing ? "none" : "builder");
  const [builder, setBuilder] = useState<BuilderTest>({ title: "", instructions: "", questions: [newQuestion([])], autoScore: true, mapping: { kind: "percentage" } });
  const [testXml, setTestXml] = useState(initial?.testXml ?? "");
  const [answerKeyXml, setAnswerKeyXml] = useState(initial?.answerKeyXml ?? initial?.reviewKeyXml ?? "");
  const [xmlAutoScore, setXmlAutoScore] = useState(!(initial?.reviewKeyXml && !initial.answerKeyXml));
  const [durationMinutes, setDurationMinutes] = useState(String(initial?.testDurationSec ? initial.testDurationSec / 60 : 20));
  const [issues, setIssues] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (body: unknown) =>
      editing
        ? apiFetch<{ qualificationTypeId: string }>(`/api/qualifications/${initial.qualificationTypeId}`, { method: "PATCH", body })
        : apiFetch<{ qualificationTypeId: string }>("/api/qualifications", { body }),
    onSuccess: (r) => {
      if (editing) router.refresh();
      else router.push(`/qualifications/${r.qualificationTypeId}`);
    },
  });

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const durationSec = Math.round(Number(durationMinutes) * 60);
    const test = mode === "none" ? { mode } : mode === "builder" ? { mode, ...builder, durationSec } : { mode, testXml, answerKeyXml, autoScore: xmlAutoScore, durationSec };
    const body = {
      ...(editing ? {} : { name, keywords }),
      description,
      status,
      retryDelaySec: allowRetry ? Math.round(Number(retryHours) * 3600) : null,
      autoGranted: mode === "none" && autoGranted,
      autoGrantedValue,
      test,
    };
    const parsed = (editing ? QualificationTypeUpdate : QualificationTypeInput).safeParse(body);
    if (!parsed.success) return setIssues(parsed.error.issues.map((i) => `${i.path.join(" › ") || "Form"}: ${i.message}`));
    setIssues([]);
    save.mutate(parsed.data);
  }

  const disabled = !canEdit || save.isPending;
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" hint={editing ? "MTurk does not allow renaming a type" : "Unique among your types; workers see it"}>
          <Input value={name} onChange={(e) => setName(e.target.value)} disabled={disabled || editing} required />
        </Field>
        <Field label="Keywords" hint="Comma-separated, to help workers find it">
          <Input value={keywords} onChange={(e) => setKeywords(e.target.value)} disabled={disabled || editing} />
        </Field>
        <div className="sm:col-span-2">
          <Field label="Description" hint="What the qualification means and how to get it">
            <Input value={description} onChange={(e) => setDescription(e.target.value)} disabled={disabled} required />
          </Field>
        </div>
        <Field label="Status" hint="Inactive types cannot be requested or required by new HITs">
          <Select value={status} onChange={(e) => setStatus(e.target.value as "Active" | "Inactive")} disabled={disabled}>
            <option value="Active">Active</option>
            <option value="Inactive">Inactive</option>
          </Select>
        </Field>
        <div className="space-y-1.5">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" className="size-4 accent-brand-600" checked={allowRetry} onChange={(e) => setAllowRetry(e.target.checked)} disabled={disabled} />
            Workers may request again after
          </label>
          <div className="flex items-center gap-2">
            <Input
              aria-label="Retry delay in hours"
              type="number"
              min={0}
              step="any"
              value={retryHours}
              onChange={(e) => setRetryHours(e.target.value)}
              disabled={disabled || !allowRetry}
              className="max-w-28"
            />
            <span className="text-sm text-slate-500">hours</span>
          </div>
        </div>
      </div>

      <section className="space-y-4 border-t border-slate-100 pt-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h3 className="text-sm font-semibold text-slate-900">How workers get it</h3>
            <p className="text-sm text-slate-500">A test, a grant on request, or only when you assign it.</p>
          </div>
          <div role="radiogroup" aria-label="Test" className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm">
            {(
              [
                ["none", editing && initial?.testXml ? "Keep current test" : "No test"],
                ["builder", "Test builder"],
                ["xml", "QuestionForm XML"],
              ] as const
            ).map(([m, label]) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                disabled={disabled}
                onClick={() => setMode(m)}
                className={`rounded px-3 py-1.5 font-medium ${mode === m ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
        {mode === "none" && (
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                checked={autoGranted}
                onChange={(e) => setAutoGranted(e.target.checked)}
                disabled={disabled || (editing && !!initial?.testXml)}
              />
              Grant automatically when a worker requests it, with the value
            </label>
            <Input
              aria-label="Auto-granted value"
              type="number"
              className="max-w-24"
              value={autoGrantedValue}
              onChange={(e) => setAutoGrantedValue(Number(e.target.value))}
              disabled={disabled || !autoGranted}
            />
          </div>
        )}
        {mode === "builder" && <TestBuilder test={builder} onChange={setBuilder} disabled={disabled} />}
        {mode === "xml" && (
          <div className="grid gap-4 lg:grid-cols-2">
            <Field label="Test (QuestionForm XML)">
              <textarea className={TEXTAREA} rows={14} spellCheck={false} value={testXml} onChange={(e) => setTestXml(e.target.value)} disabled={disabled} />
            </Field>
            <Field label="Answer key (AnswerKey XML)" hint="Optional: without it, requests wait for you in the inbox">
              <textarea className={TEXTAREA} rows={14} spellCheck={false} value={answerKeyXml} onChange={(e) => setAnswerKeyXml(e.target.value)} disabled={disabled} />
            </Field>
            <div className="lg:col-span-2">
              <AutoScoreChoice checked={xmlAutoScore} onChange={setXmlAutoScore} disabled={disabled || !answerKeyXml.trim()} />
            </div>
          </div>
        )}
        {mode !== "none" && (
          <div className="flex items-center gap-2">
            <Field label="Time allowed for the test">
              <Input type="number" min={1} step="any" value={durationMinutes} onChange={(e) => setDurationMinutes(e.target.value)} disabled={disabled} className="max-w-28" />
            </Field>
            <span className="mt-6 text-sm text-slate-500">minutes</span>
          </div>
        )}
        {editing && initial?.testXml && mode !== "none" && <p className="text-xs text-slate-500">Saving replaces the current test. MTurk keeps an answer key once set; a test cannot be removed.</p>}
      </section>

      {issues.length > 0 && (
        <Alert tone="error">
          <ul className="list-disc pl-4">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </Alert>
      )}
      {save.error && <Alert tone="error">{save.error.message}</Alert>}
      {save.isSuccess && editing && <Alert tone="success">Saved.</Alert>}
      {canEdit && (
        <div className="flex justify-end">
          <Button type="submit" disabled={disabled}>
            {save.isPending ? "Saving…" : editing ? "Save changes" : "Create qualification type"}
          </Button>
        </div>
      )}
    </form>
  );
}
