"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { escapeHtml } from "@/lib/mturk-formats/escape";
import { ago, dollars, duration } from "@/lib/format";
import type { AnswerField } from "@/lib/review/flatten-answers";
import type { AssignmentReview } from "@/lib/review/get-assignment-review";
import { reviewTaskHtml } from "@/lib/review/review-task-html";
import { linkKind, useNow } from "./format";
import { useAssignmentReview } from "./use-review";

function FieldValue({ value }: { value: string }) {
  const kind = linkKind(value);
  if (kind === "image") {
    return (
      <a href={value} target="_blank" rel="noreferrer noopener" className="block">
        {/* Task inputs are arbitrary URLs: a plain img, never proxied or optimised. */}
        <img src={value} alt="" referrerPolicy="no-referrer" className="max-h-48 rounded ring-1 ring-slate-200" />
        <span className="mt-1 block truncate text-xs text-brand-600">{value}</span>
      </a>
    );
  }
  if (kind === "link") {
    return (
      <a href={value} target="_blank" rel="noreferrer noopener" className="break-all text-brand-600 underline">
        {value}
      </a>
    );
  }
  return <span className="break-words whitespace-pre-wrap">{value || <em className="text-slate-400">empty</em>}</span>;
}

function Fields({ fields, agreement, testId }: { fields: AnswerField[]; agreement?: AssignmentReview["agreement"]; testId: string }) {
  if (fields.length === 0) return <p className="text-sm text-slate-500">None.</p>;
  return (
    <dl className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {fields.map((f) => {
        const agree = agreement?.[f.name];
        return (
          <div key={f.name} className="grid grid-cols-[9rem_1fr] gap-3 py-1.5">
            <dt className="truncate font-medium text-slate-500" title={f.name}>
              {f.name}
            </dt>
            <dd className="min-w-0 text-slate-900">
              <FieldValue value={f.value} />
              {agree && agree.of > 1 && (
                <span className={`ml-2 rounded px-1.5 py-0.5 text-xs font-medium ${agree.same * 2 > agree.of ? "bg-emerald-50 text-emerald-700" : "bg-amber-50 text-amber-800"}`}>
                  {agree.same}/{agree.of} agree
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * The task as the worker saw it with their answers filled in, for reference only: in a sandboxed
 * srcdoc frame without allow-same-origin (its scripts get an opaque origin: no cookies, no HITdesk
 * API) or allow-forms (nothing can be submitted).
 */
function TaskFrame({ question, answers }: { question: NonNullable<AssignmentReview["question"]>; answers: AssignmentReview["assignment"]["rawAnswers"] }) {
  if (question.kind === "ExternalQuestion") {
    return (
      <p className="text-sm">
        External task:{" "}
        <a href={question.url} target="_blank" rel="noreferrer noopener" className="break-all text-brand-600 underline">
          {question.url}
        </a>
      </p>
    );
  }
  const html =
    question.kind === "HTMLQuestion" ? reviewTaskHtml(question.html, answers, window.location.origin) : `<pre style="white-space:pre-wrap;font:12px monospace">${escapeHtml(question.xml)}</pre>`;
  return <iframe title="Task as the worker saw it" sandbox="allow-scripts" srcDoc={html} className="h-96 w-full rounded ring-1 ring-slate-200" />;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

export function AssignmentPanel({ assignmentId, onOverride, canAct }: { assignmentId: string | undefined; onOverride: (id: string) => void; canAct: boolean }) {
  const review = useAssignmentReview(assignmentId);
  const now = useNow();
  const [showTask, setShowTask] = useState(false);
  if (!assignmentId) return <p className="p-6 text-sm text-slate-500">Nothing selected.</p>;
  if (review.isPending) return <div className="m-5 h-64 animate-pulse rounded-lg bg-slate-100" />;
  if (review.error)
    return (
      <div className="p-5">
        <Alert tone="error">{review.error.message}</Alert>
      </div>
    );
  const { assignment: a, hit, worker, others, inputs, question, decisions, payments, agreement } = review.data;
  const seconds = a.acceptTime && a.submitTime ? (new Date(a.submitTime).getTime() - new Date(a.acceptTime).getTime()) / 1000 : null;
  return (
    <div className="space-y-6 p-5" data-testid="assignment-panel">
      <header>
        <h2 className="text-lg font-semibold text-slate-900">{hit.title}</h2>
        <p className="mt-0.5 font-mono text-xs text-slate-500">
          {a.assignmentId} · HIT {hit.hitId} · {dollars(hit.rewardCents)}
        </p>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-medium">{a.status}</span> · submitted {ago(a.submitTime, now)}
          {seconds !== null && <> · took {duration(seconds * 1000)}</>}
          {a.status === "Submitted" && a.autoApprovalTime && <> · auto-approves in {duration(new Date(a.autoApprovalTime).getTime() - now)}</>}
        </p>
        {a.requesterFeedback && <p className="mt-1 text-sm text-slate-600">Feedback: “{a.requesterFeedback}”</p>}
        {a.status === "Rejected" && canAct && (
          <button type="button" onClick={() => onOverride(a.assignmentId)} className="mt-2 rounded-md bg-white px-2.5 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
            Approve anyway (override rejection)
          </button>
        )}
      </header>

      <div className="grid gap-6 2xl:grid-cols-2">
        <Section title={inputs ? (inputs.source === "batch" ? "Inputs (batch row)" : "Inputs (annotation)") : "Inputs"}>
          {inputs ? (
            <Fields fields={inputs.fields} testId="hit-inputs" />
          ) : (
            <p className="text-sm text-slate-500">This HIT has no batch row or JSON annotation; the task below shows what was asked.</p>
          )}
        </Section>
        <Section title="Answers">
          <Fields fields={a.answers} agreement={agreement} testId="answers" />
        </Section>
      </div>

      <Section title={`Worker ${a.workerId}`}>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="worker-history">
          {[
            ["Approval rate", worker.approvalRate === null ? "—" : `${Math.round(worker.approvalRate * 100)}%`],
            ["Assignments", `${worker.approved + worker.rejected + worker.submitted} (${worker.rejected} rejected)`],
            ["Earned", dollars(worker.earningsCents)],
            ["Median time", worker.medianSecondsPerTask === null ? "—" : duration(worker.medianSecondsPerTask * 1000)],
          ].map(([k, v]) => (
            <div key={k} className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
      </Section>

      {others.length > 0 && (
        <Section title={`Other workers on this HIT (${others.length})`}>
          <ul className="space-y-2 text-sm">
            {others.map((o) => (
              <li key={o.assignmentId} className="rounded-lg ring-1 ring-slate-200">
                <p className="flex justify-between border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500">
                  <span className="font-mono">{o.workerId}</span>
                  <span>{o.status}</span>
                </p>
                <dl className="px-3 py-1.5">
                  {o.answers.map((f) => (
                    <div key={f.name} className="flex gap-2">
                      <dt className="w-32 shrink-0 truncate text-slate-500">{f.name}</dt>
                      <dd className={o.agrees[f.name] ? "text-emerald-700" : a.answers.some((x) => x.name === f.name) ? "text-amber-800" : ""}>
                        {o.agrees[f.name] ? "✓ " : a.answers.some((x) => x.name === f.name) ? "≠ " : ""}
                        {f.value}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {(decisions.length > 0 || payments.length > 0) && (
        <Section title="History">
          <ul className="space-y-1 text-sm text-slate-700">
            {decisions.map((d) => (
              <li key={d.id}>
                {d.action} by {d.decidedByEmail}: <span className="font-medium">{d.status.replace("_", " ")}</span>
                {d.feedback && <> — “{d.feedback}”</>}
                {d.error && <span className="text-red-700"> ({d.error})</span>}
              </li>
            ))}
            {payments.map((p, i) => (
              <li key={i}>
                {p.kind} {dollars(p.amountCents)}: <span className="font-medium">{p.status}</span>
                {p.reason && <> — “{p.reason}”</>}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {question && (
        <Section title="Task">
          {showTask ? (
            <TaskFrame question={question} answers={a.rawAnswers} />
          ) : (
            <button type="button" onClick={() => setShowTask(true)} className="text-sm font-medium text-brand-600 hover:underline">
              Show the task with these answers filled in (sandboxed)
            </button>
          )}
        </Section>
      )}
    </div>
  );
}
