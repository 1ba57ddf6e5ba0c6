"use client";

import { useJobProgress } from "./use-review";

const LABELS: Record<string, string> = { "review.decide": "Decisions", "review.bonus": "Bonuses" };

/** A durable job's progress, polled until it ends. */
export function JobProgressBar({ jobId, label }: { jobId: string; label?: string }) {
  const job = useJobProgress(jobId);
  if (!job.data) return <div className="h-9 animate-pulse rounded bg-slate-100" />;
  const { total, done, failed, status, lastError, kind } = job.data;
  const pct = total ? Math.round(((done + failed) / total) * 100) : 100;
  return (
    <div className="space-y-1" data-testid="job-progress">
      <div className="flex justify-between text-xs text-slate-600">
        <span>
          {label ?? LABELS[kind] ?? kind}: {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} done{failed > 0 && <span className="text-red-700">, {failed} failed</span>}
        </span>
        <span className="font-medium">{status === "queued" ? "waiting" : status}</span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`${label ?? kind} progress`}>
        <div className={`h-full rounded-full transition-all ${failed ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
      {lastError && failed > 0 && <p className="truncate text-xs text-red-700" title={lastError}>{lastError}</p>}
    </div>
  );
}
