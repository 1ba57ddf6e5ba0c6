"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { JobAction, JobStatus } from "@/lib/jobs/job-types";
import { jobFinished, useControlJob, useJob } from "./use-job";
import { count } from "@/lib/format";

const STATE: Record<JobStatus, string> = { queued: "waiting to start", running: "running", paused: "paused", succeeded: "finished", failed: "failed", cancelled: "cancelled" };
const BUTTONS: { action: JobAction; label: string; variant: "secondary" | "ghost" }[] = [
  { action: "pause", label: "Pause", variant: "secondary" },
  { action: "resume", label: "Resume", variant: "secondary" },
  { action: "cancel", label: "Cancel", variant: "ghost" },
];

/**
 * A durable job's progress, wherever one is shown: counts in `unit` (by default the kind's), the items it failed for,
 * and the pause/resume/cancel buttons the server says this member may use now.
 * `refreshOnFinish`: re-read the page once the job ends (it changed what the page shows).
 */
export function JobProgress({ jobId, what, unit, testId = "job-progress", refreshOnFinish = false }: { jobId: string; what: string; unit?: string; testId?: string; refreshOnFinish?: boolean }) {
  const router = useRouter();
  const { data, error } = useJob(jobId);
  const control = useControlJob(jobId);
  const finished = jobFinished(data);
  useEffect(() => {
    if (finished && refreshOnFinish) router.refresh();
  }, [finished, refreshOnFinish, router]);
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!data) return <Alert>Starting: {what}…</Alert>;
  const pct = data.total ? Math.round(((data.done + data.failed) / data.total) * 100) : 100;
  // "Done" alone would not say whether the batch's HITs exist or its work is finished.
  const summary =
    data.status === "succeeded" && data.failed === 0 && data.total > 1
      ? `All ${count(data.total)} ${unit ?? data.unit} ${data.doneAs}`
      : `${count(data.done)} of ${count(data.total)} ${unit ?? data.unit} ${data.doneAs}${data.failed ? `, ${count(data.failed)} failed` : ""} · ${STATE[data.status]}`;
  return (
    <div className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{what}</span>
        <span className="flex items-center gap-3">
          <span className="text-slate-500" role="status">
            {summary}
          </span>
          {BUTTONS.filter((b) => data.actions.includes(b.action)).map((b) => (
            <Button key={b.action} variant={b.variant} className="px-2 py-1 text-xs" onClick={() => control.mutate(b.action)} disabled={control.isPending}>
              {b.label}
            </Button>
          ))}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`${what} progress`}>
        <div className={`h-full rounded-full transition-all ${data.status === "paused" ? "bg-amber-400" : data.failed ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
      {control.error && <Alert tone="error">{control.error.message}</Alert>}
      {data.failures.length > 0 ? (
        <div className="text-xs">
          <p className="font-medium text-red-800">Not done for:</p>
          <ul className="mt-1 max-h-48 space-y-0.5 overflow-y-auto text-red-700">
            {data.failures.map((f, i) => (
              <li key={`${f.item}-${i}`}>
                <span className="font-mono">{f.item}</span> — {f.error}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        data.lastError &&
        !finished && (
          <p className="truncate text-xs text-amber-700" title={data.lastError}>
            Last problem: {data.lastError}
          </p>
        )
      )}
    </div>
  );
}
