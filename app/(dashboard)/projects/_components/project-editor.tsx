"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";
import { dollarsToCents, centsToDollars } from "@/lib/money";
import { buildQuestionFormXml, draftIssues, type FormDraft } from "@/lib/mturk-formats/build-question-form";
import { hitCostCents, type FeeSchedule } from "@/lib/mturk-formats/fees";
import { formFromXml } from "@/lib/mturk-formats/form-from-xml";
import { PREVIEW_ASSIGNMENT_ID } from "@/lib/mturk-formats/task-html";
import { designPlaceholders, ProjectDesign, type TaskDesign } from "@/lib/projects/project-design";
import { NEW_FORM, QuestionFormBuilder } from "./question-form-builder";
import { RequirementsPicker, type QualificationTypeOption } from "./requirements-picker";
import type { EnvironmentName } from "@/lib/scope";

const TEXTAREA = "block w-full rounded-md border-0 bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-100 shadow-sm ring-1 ring-inset ring-slate-700 focus:ring-2 focus:ring-brand-500";

const KIND_LABELS: Record<TaskDesign["kind"], string> = { HTMLQuestion: "HTML", ExternalQuestion: "External URL", QuestionForm: "QuestionForm" };

/** The builder's draft when the XML is one it can represent; else null (the editor opens the XML). */
const draftOf = (task: TaskDesign): FormDraft | null => {
  if (task.kind !== "QuestionForm") return null;
  const read = formFromXml(task.xml);
  return read.ok ? read.form : null;
};

/** Seconds shown in a friendlier unit in the form. */
const toUnit = (seconds: number, unit: number) => String(Math.round((seconds / unit) * 100) / 100);
const fromUnit = (value: string, unit: number) => Math.round(Number(value) * unit);

export function ProjectEditor(props: {
  project: { id: string; name: string; version: number; design: ProjectDesign };
  sampleValues: Record<string, string>;
  qualificationTypes: QualificationTypeOption[];
  feeSchedule: FeeSchedule;
  environment: EnvironmentName;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState(props.project.name);
  const [design, setDesign] = useState<ProjectDesign>(props.project.design);
  const [samples, setSamples] = useState<Record<string, string>>(props.sampleValues);
  const [issues, setIssues] = useState<string[]>([]);
  const [savedVersion, setSavedVersion] = useState(props.project.version);
  const set = <K extends keyof ProjectDesign>(key: K, value: ProjectDesign[K]) => setDesign((d) => ({ ...d, [key]: value }));
  const setTask = (task: TaskDesign) => set("task", task);
  const placeholders = useMemo(() => designPlaceholders(design.task), [design.task]);
  // QuestionForm: edited in the form builder (which writes the XML) or as raw XML.
  const [formDraft, setFormDraft] = useState<FormDraft | null>(() => draftOf(props.project.design.task));
  const [formMode, setFormMode] = useState<"builder" | "xml">(() => (draftOf(props.project.design.task) ? "builder" : "xml"));
  const [builderRefusal, setBuilderRefusal] = useState<string | null>(null);
  const editForm = (form: FormDraft) => {
    setFormDraft(form);
    setTask({ kind: "QuestionForm", xml: buildQuestionFormXml(form) });
  };
  function showBuilder() {
    if (design.task.kind !== "QuestionForm") return;
    const read = formFromXml(design.task.xml);
    if (!read.ok) return setBuilderRefusal(read.reason);
    setBuilderRefusal(null);
    setFormDraft(read.form);
    setFormMode("builder");
  }
  const formIssues = design.task.kind === "QuestionForm" && formMode === "builder" && formDraft ? draftIssues(formDraft) : [];

  const save = useMutation({
    mutationFn: () => apiFetch<{ version: number }>(`/api/projects/${props.project.id}`, { method: "PUT", body: { name, design } }),
    onSuccess: (r) => {
      setSavedVersion(r.version);
      router.refresh();
    },
  });
  const tryIt = useMutation({
    mutationFn: () => apiFetch<{ workerUrl: string }>(`/api/projects/${props.project.id}/try`, { body: { values: samples } }),
    onSuccess: (r) => window.open(r.workerUrl, "_blank", "noopener"),
  });

  function onSave() {
    const parsed = ProjectDesign.safeParse(design);
    if (!parsed.success) return setIssues(parsed.error.issues.map((i) => `${i.path.join(" › ") || "Design"}: ${i.message}`));
    if (formIssues.length) return setIssues(formIssues.map((i) => `Form: ${i}`));
    setIssues([]);
    save.mutate();
  }

  // Live preview: the form posts the draft into the sandboxed frame (debounced).
  const previewForm = useRef<HTMLFormElement>(null);
  const payload = JSON.stringify({ task: design.task, values: samples });
  useEffect(() => {
    const timer = setTimeout(() => previewForm.current?.requestSubmit(), 400);
    return () => clearTimeout(timer);
  }, [payload]);

  const rewardValid = /^\d{1,4}(\.\d{1,2})?$/.test(design.reward);
  const cost = rewardValid ? hitCostCents(dollarsToCents(design.reward), design.assignmentsPerHit, false, props.feeSchedule) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1">
          <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">
            ← Projects
          </Link>
          <input
            aria-label="Project name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={!props.canEdit}
            className="mt-1 block w-full max-w-xl rounded-md border-0 bg-transparent px-0 text-2xl font-semibold tracking-tight text-slate-900 focus:ring-0"
          />
          <p className="text-sm text-slate-500">Version {savedVersion} · batches keep the exact version they were published with</p>
        </div>
        {props.canEdit && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" type="button" onClick={() => tryIt.mutate()} disabled={tryIt.isPending} title="Publishes one sandbox HIT and opens it on the worker site">
              {tryIt.isPending ? "Publishing…" : "Try it as a worker"}
            </Button>
            <Link
              href={`/projects/${props.project.id}/batches/new`}
              className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            >
              Publish batch
            </Link>
            <Button type="button" onClick={onSave} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </div>
        )}
      </div>
      {(issues.length > 0 || save.error || tryIt.error) && (
        <Alert tone="error">
          {save.error?.message ?? tryIt.error?.message}
          {issues.length > 0 && (
            <ul className="list-disc pl-5">
              {issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {save.isSuccess && !save.isPending && <Alert tone="success">Saved as version {savedVersion}.</Alert>}

      <div className="grid gap-6 xl:grid-cols-2">
        <div className="space-y-6">
          <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 className="text-base font-semibold">What workers see in the list</h2>
            <Field label="Title">
              <Input value={design.title} onChange={(e) => set("title", e.target.value)} maxLength={128} disabled={!props.canEdit} />
            </Field>
            <Field label="Description">
              <Input value={design.description} onChange={(e) => set("description", e.target.value)} maxLength={2000} disabled={!props.canEdit} />
            </Field>
            <Field label="Keywords" hint="Comma-separated, for workers' searches">
              <Input value={design.keywords} onChange={(e) => set("keywords", e.target.value)} disabled={!props.canEdit} />
            </Field>
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-3">
              <Field label="Reward per assignment ($)">
                <Input value={design.reward} onChange={(e) => set("reward", e.target.value)} inputMode="decimal" invalid={!rewardValid} disabled={!props.canEdit} />
              </Field>
              <Field label="Assignments per HIT" hint={design.assignmentsPerHit >= 10 ? "10 or more: MTurk adds a 20% fee; batches can split them" : undefined}>
                <Input type="number" min={1} value={design.assignmentsPerHit} onChange={(e) => set("assignmentsPerHit", Number(e.target.value))} disabled={!props.canEdit} />
              </Field>
              <Field label="Time allotted (minutes)">
                <Input
                  type="number"
                  min={1}
                  value={toUnit(design.assignmentDurationSeconds, 60)}
                  onChange={(e) => set("assignmentDurationSeconds", fromUnit(e.target.value, 60))}
                  disabled={!props.canEdit}
                />
              </Field>
              <Field label="HITs expire after (hours)">
                <Input type="number" min={1} value={toUnit(design.lifetimeSeconds, 3600)} onChange={(e) => set("lifetimeSeconds", fromUnit(e.target.value, 3600))} disabled={!props.canEdit} />
              </Field>
              <Field label="Auto-approve after (hours)">
                <Input
                  type="number"
                  min={0}
                  value={toUnit(design.autoApprovalDelaySeconds, 3600)}
                  onChange={(e) => set("autoApprovalDelaySeconds", fromUnit(e.target.value, 3600))}
                  disabled={!props.canEdit}
                />
              </Field>
              <div className="self-end rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="hit-cost">
                <div className="text-xs text-slate-500">Cost per HIT ({props.environment})</div>
                {cost ? (
                  <div className="font-semibold text-slate-900">
                    ${centsToDollars(cost.total)} <span className="text-xs font-normal text-slate-500">incl. ${centsToDollars(cost.fees)} fees</span>
                  </div>
                ) : (
                  <div className="text-slate-400">—</div>
                )}
              </div>
            </div>
          </section>

          <section className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 className="text-base font-semibold">Qualification requirements</h2>
            <RequirementsPicker value={design.qualificationRequirements} onChange={(v) => set("qualificationRequirements", v)} types={props.qualificationTypes} disabled={!props.canEdit} />
          </section>

          <section className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-base font-semibold">Task</h2>
              <div role="tablist" aria-label="Task kind" className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm">
                {(Object.keys(KIND_LABELS) as TaskDesign["kind"][]).map((kind) => (
                  <button
                    key={kind}
                    type="button"
                    role="tab"
                    aria-selected={design.task.kind === kind}
                    disabled={!props.canEdit}
                    onClick={() => {
                      if (design.task.kind === kind) return;
                      if (kind === "QuestionForm") {
                        setFormMode("builder");
                        return editForm(NEW_FORM);
                      }
                      setTask(kind === "HTMLQuestion" ? { kind, html: "", frameHeight: 0 } : { kind, url: "https://", frameHeight: 800 });
                    }}
                    className={`rounded-md px-3 py-1 ${design.task.kind === kind ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-600"}`}
                  >
                    {KIND_LABELS[kind]}
                  </button>
                ))}
              </div>
            </div>
            {design.task.kind === "HTMLQuestion" && (
              <>
                <textarea
                  aria-label="Task HTML"
                  className={TEXTAREA}
                  rows={18}
                  spellCheck={false}
                  value={design.task.html}
                  onChange={(e) => setTask({ ...(design.task as Extract<TaskDesign, { kind: "HTMLQuestion" }>), html: e.target.value })}
                  disabled={!props.canEdit}
                />
                <p className="text-xs text-slate-500">
                  Use <code>${"{column}"}</code> for values from your CSV (escaped for HTML). Forms post to MTurk&apos;s externalSubmit as usual; crowd-* elements work offline.
                </p>
              </>
            )}
            {design.task.kind === "ExternalQuestion" && (
              <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
                <Field label="Task URL (https)" hint="Placeholders in the query are URL-encoded; a URL that is one placeholder is taken from the CSV as is.">
                  <Input value={design.task.url} onChange={(e) => setTask({ ...(design.task as Extract<TaskDesign, { kind: "ExternalQuestion" }>), url: e.target.value })} disabled={!props.canEdit} />
                </Field>
                <Field label="Frame height (px)">
                  <Input
                    type="number"
                    min={0}
                    value={design.task.frameHeight}
                    onChange={(e) => setTask({ ...(design.task as Extract<TaskDesign, { kind: "ExternalQuestion" }>), frameHeight: Number(e.target.value) })}
                    disabled={!props.canEdit}
                  />
                </Field>
              </div>
            )}
            {design.task.kind === "QuestionForm" && (
              <>
                <div role="tablist" aria-label="QuestionForm editor" className="flex w-fit gap-1 rounded-lg bg-slate-100 p-1 text-sm">
                  {(["builder", "xml"] as const).map((mode) => (
                    <button
                      key={mode}
                      type="button"
                      role="tab"
                      aria-selected={formMode === mode}
                      onClick={() => (mode === "builder" ? showBuilder() : (setBuilderRefusal(null), setFormMode("xml")))}
                      className={`rounded-md px-3 py-1 ${formMode === mode ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-600"}`}
                    >
                      {mode === "builder" ? "Form builder" : "Raw XML"}
                    </button>
                  ))}
                </div>
                {builderRefusal && <Alert tone="warning">The form builder cannot edit this XML without losing part of it: {builderRefusal}. Keep editing the XML, or remove that part first.</Alert>}
                {formMode === "builder" && formDraft ? (
                  <>
                    <QuestionFormBuilder form={formDraft} onChange={editForm} disabled={!props.canEdit} />
                    {formIssues.length > 0 && (
                      <ul className="list-disc rounded-md bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900" aria-label="Form problems">
                        {formIssues.map((i) => (
                          <li key={i}>{i}</li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <textarea
                    aria-label="QuestionForm XML"
                    className={TEXTAREA}
                    rows={18}
                    spellCheck={false}
                    value={design.task.xml}
                    onChange={(e) => setTask({ kind: "QuestionForm", xml: e.target.value })}
                    disabled={!props.canEdit}
                  />
                )}
              </>
            )}
          </section>
        </div>

        <div className="space-y-4 xl:sticky xl:top-20 xl:self-start">
          <section className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 className="text-base font-semibold">Sample values</h2>
            {placeholders.length === 0 ? (
              <p className="text-sm text-slate-500">This task uses no placeholders: every HIT of a batch is the same.</p>
            ) : (
              <div className="grid gap-3 sm:grid-cols-2">
                {placeholders.map((p) => (
                  <Field key={p} label={p}>
                    <Input value={samples[p] ?? ""} onChange={(e) => setSamples((s) => ({ ...s, [p]: e.target.value }))} />
                  </Field>
                ))}
              </div>
            )}
          </section>
          <section className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <div className="flex items-center justify-between border-b border-slate-100 bg-slate-50 px-4 py-2 text-xs font-medium text-slate-500">
              <span>Worker preview</span>
              <span>sandboxed · as the worker site shows it</span>
            </div>
            <form ref={previewForm} method="post" action={`/task-preview?assignmentId=${PREVIEW_ASSIGNMENT_ID}&hitId=PREVIEW`} target="task-preview" className="hidden">
              <input type="hidden" name="payload" value={payload} readOnly />
            </form>
            <iframe name="task-preview" title="Worker preview" sandbox="allow-scripts allow-forms" className="block h-[640px] w-full bg-white" />
          </section>
        </div>
      </div>
    </div>
  );
}
