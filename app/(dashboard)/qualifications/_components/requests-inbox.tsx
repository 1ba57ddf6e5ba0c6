"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { PendingRequest } from "@/lib/qualifications/list-qualification-requests";
import { useQualificationOps } from "./use-qualification-ops";
import { JobProgress } from "@/components/jobs/job-progress";
import { useSelection } from "@/components/ui/use-selection";

/** Pending requests with the worker's answers and the computed score; accept with a value or reject with a reason. */
export function RequestsInbox({ qualificationTypeId, requests, canDecide }: { qualificationTypeId: string; requests: PendingRequest[]; canDecide: boolean }) {
  const ops = useQualificationOps(qualificationTypeId);
  // Values typed by the reviewer; a request not typed into takes the answer key's score. Kept
  // across refreshes (the component is not remounted), so a decision's outcome stays in view.
  const [values, setValues] = useState<Record<string, string>>({});
  const { selected, set, setAll } = useSelection();
  const [reason, setReason] = useState("");
  const valueText = (r: PendingRequest) => values[r.requestId] ?? String(r.score ?? 1);
  const valueOf = (r: PendingRequest) => Number(valueText(r));
  const chosen = requests.filter((r) => selected.has(r.requestId));

  // What was just decided stays in view when it emptied the list.
  const outcome = (
    <>
      {ops.error && <Alert tone="error">{ops.error.message}</Alert>}
      {ops.data?.outcome && <Alert tone="success">{ops.data.outcome}</Alert>}
      {ops.data?.jobId && <JobProgress jobId={ops.data.jobId} what={`Deciding ${ops.data.total} requests`} unit="requests" refreshOnFinish />}
    </>
  );
  if (requests.length === 0)
    return (
      <div className="space-y-4">
        {outcome}
        <p className="py-4 text-center text-sm text-slate-500">No requests are waiting. Requests answered by an answer key are decided by the marketplace at once.</p>
      </div>
    );
  return (
    <div className="space-y-4">
      {canDecide && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              aria-label="Select all requests"
              checked={chosen.length === requests.length}
              onChange={(e) =>
                setAll(
                  requests.map((r) => r.requestId),
                  e.target.checked,
                )
              }
            />
            {chosen.length ? `${chosen.length} selected` : "Select all"}
          </label>
          <Input aria-label="Reason for rejecting" placeholder="Reason shown to the worker when rejecting" className="max-w-sm flex-1" value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button disabled={!chosen.length || ops.isPending} onClick={() => ops.mutate(chosen.map((r) => ({ op: "accept", requestId: r.requestId, value: valueOf(r) })))}>
            Accept selected
          </Button>
          <Button variant="danger" disabled={!chosen.length || ops.isPending} onClick={() => ops.mutate(chosen.map((r) => ({ op: "reject", requestId: r.requestId, reason })))}>
            Reject selected
          </Button>
        </div>
      )}
      {outcome}
      <ul className="divide-y divide-slate-100">
        {requests.map((r) => (
          <li key={r.requestId} className="flex flex-wrap gap-4 py-4" data-testid="qualification-request">
            {canDecide && (
              <input
                type="checkbox"
                className="mt-1 size-4 accent-brand-600"
                aria-label={`Select ${r.workerId}`}
                checked={selected.has(r.requestId)}
                onChange={(e) => set(r.requestId, e.target.checked)}
              />
            )}
            <div className="min-w-64 flex-1 space-y-2">
              <div className="flex items-baseline gap-3">
                <a href={`/workers/${r.workerId}`} className="font-mono text-sm font-semibold text-slate-900 hover:text-brand-700">
                  {r.workerId}
                </a>
                <span className="text-xs text-slate-500">requested {new Date(r.submitTime).toLocaleString()}</span>
                {r.score !== null && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">Score {r.score}</span>}
              </div>
              {r.answers.length > 0 ? (
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,auto)_1fr]">
                  {r.answers.map((a, i) => (
                    <div key={i} className="contents">
                      <dt className="text-slate-500">{a.question}</dt>
                      <dd className="text-slate-900">{a.answer || <span className="text-slate-400">no answer</span>}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="text-sm text-slate-500">No test answers: the worker asked for the qualification.</p>
              )}
            </div>
            {canDecide && (
              <div className="flex items-start gap-2">
                <Input aria-label={`Value for ${r.workerId}`} type="number" className="w-20" value={valueText(r)} onChange={(e) => setValues((v) => ({ ...v, [r.requestId]: e.target.value }))} />
                <Button disabled={ops.isPending} onClick={() => ops.mutate([{ op: "accept", requestId: r.requestId, value: valueOf(r) }])}>
                  Accept
                </Button>
                <Button variant="secondary" disabled={ops.isPending} onClick={() => ops.mutate([{ op: "reject", requestId: r.requestId, reason }])}>
                  Reject
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
