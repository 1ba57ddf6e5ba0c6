"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { HIT_ACTION_LABELS } from "@/lib/hits/hit-actions";
import { isActive, useControlHitJob, useHitJobs, type HitJobView } from "./use-hit-jobs";

const STATUS: Record<HitJobView["status"], string> = { queued: "waiting", running: "running", paused: "paused", cancelled: "cancelled", succeeded: "done", failed: "failed" };

function JobRow({ job, canAct }: { job: HitJobView; canAct: boolean }) {
  const control = useControlHitJob();
  const pct = job.total ? Math.round(((job.done + job.failed) / job.total) * 100) : 100;
  const label = HIT_ACTION_LABELS[job.action];
  return (
    <li className="space-y-1.5 py-3" data-testid="hit-job">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">
          {label} · {job.done.toLocaleString("en-US")} of {job.total.toLocaleString("en-US")} done
          {job.failed > 0 && <span className="text-red-700">, {job.failed} failed</span>}
        </span>
        <span className="flex items-center gap-2">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{STATUS[job.status]}</span>
          {canAct && (job.status === "queued" || job.status === "running") && (
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => control.mutate({ id: job.id, action: "pause" })}>
              Pause
            </Button>
          )}
          {canAct && job.status === "paused" && (
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => control.mutate({ id: job.id, action: "resume" })}>
              Resume
            </Button>
          )}
          {canAct && isActive(job) && (
            <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => control.mutate({ id: job.id, action: "cancel" })}>
              Cancel
            </Button>
          )}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label={`${label} progress`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={`h-full rounded-full transition-all ${job.failed ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
      {job.failures.length > 0 && (
        <ul className="space-y-0.5 text-xs text-red-700">
          {job.failures.map((f) => (
            <li key={f.hitId}>
              <span className="font-mono">{f.hitId}</span>: {f.error}
            </li>
          ))}
        </ul>
      )}
      {control.error && <p className="text-xs text-red-700">{control.error.message}</p>}
    </li>
  );
}

/** Recent bulk actions with live progress; the list is re-read when one finishes, so it shows the new state. */
export function HitJobsPanel({ canAct }: { canAct: boolean }) {
  const jobs = useHitJobs();
  const router = useRouter();
  const running = useRef(new Set<string>());
  useEffect(() => {
    const now = new Set((jobs.data ?? []).filter((j) => j.status === "queued" || j.status === "running").map((j) => j.id));
    const finished = [...running.current].some((id) => !now.has(id));
    running.current = now;
    if (finished) router.refresh();
  }, [jobs.data, router]);
  if (!jobs.data?.length) return null;
  return (
    <section className="rounded-xl bg-white px-5 py-2 shadow-sm ring-1 ring-slate-200" aria-label="Bulk actions">
      <h2 className="pt-2 text-sm font-semibold text-slate-900">Bulk actions</h2>
      <ul className="divide-y divide-slate-100">
        {jobs.data.map((job) => (
          <JobRow key={job.id} job={job} canAct={canAct} />
        ))}
      </ul>
    </section>
  );
}
