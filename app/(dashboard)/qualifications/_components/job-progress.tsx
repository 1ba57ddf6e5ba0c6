"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { useQualificationJob } from "./use-qualification-job";

/** Progress of a bulk job; the page re-reads the cache when it is done. */
export function JobProgress({ jobId, what }: { jobId: string; what: string }) {
  const router = useRouter();
  const { data } = useQualificationJob(jobId);
  const finished = data && ["succeeded", "failed", "cancelled"].includes(data.status);
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  if (!data) return <Alert>Starting: {what}…</Alert>;
  const pct = data.total ? Math.round(((data.done + data.failed) / data.total) * 100) : 100;
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" role="status" data-testid="job-progress">
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-800">{what}</span>
        <span className="text-slate-500">
          {data.done} done{data.failed ? `, ${data.failed} failed` : ""} of {data.total} · {finished ? "finished" : data.status}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      {data.failures.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-red-700">
          {data.failures.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
