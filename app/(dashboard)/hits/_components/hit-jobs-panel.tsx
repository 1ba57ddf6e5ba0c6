"use client";

import { JobProgress } from "@/components/jobs/job-progress";
import { HIT_ACTION_LABELS } from "@/lib/hits/hit-actions";
import type { RecentHitJob } from "@/lib/hits/hit-jobs";
import { useHitJobs } from "./use-hit-jobs";

/** Recent bulk actions with live progress; one still going re-reads the page when it ends, so the table shows the new state. */
export function HitJobsPanel({ initial }: { initial: { jobs: RecentHitJob[]; readAt: number } }) {
  const jobs = useHitJobs(initial);
  if (!jobs.data?.length) return null;
  return (
    <section className="space-y-2 rounded-xl bg-white px-5 py-3 shadow-sm ring-1 ring-slate-200" aria-label="Bulk actions">
      <h2 className="text-sm font-semibold text-slate-900">Bulk actions</h2>
      {jobs.data.map((job) => (
        <JobProgress key={job.id} jobId={job.id} what={HIT_ACTION_LABELS[job.action]} testId="hit-job" refreshOnFinish={job.status === "queued" || job.status === "running"} />
      ))}
    </section>
  );
}
