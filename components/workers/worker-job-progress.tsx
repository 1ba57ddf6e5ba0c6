"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import { jobFinished, useWorkerJob } from "./use-worker-job";

/**
 * Progress of a bulk job on workers, with each worker it failed for; the page is re-read when it
 * ends. `cancellable`: the job's path also takes { action: "cancel" } (block and message jobs).
 */
export function WorkerJobProgress({ path, what, unit = "workers", refreshOnFinish = true, cancellable = false }: { path: string; what: string; unit?: string; refreshOnFinish?: boolean; cancellable?: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data, error } = useWorkerJob(path);
  const cancel = useMutation({
    mutationFn: () => apiFetch(path, { body: { action: "cancel" } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["worker-job", path] }),
  });
  const finished = jobFinished(data);
  useEffect(() => {
    if (finished && refreshOnFinish) router.refresh();
  }, [finished, refreshOnFinish, router]);
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!data) return <Alert>Starting: {what}…</Alert>;
  const pct = data.total ? Math.round(((data.done + data.failed) / data.total) * 100) : 100;
  const failures = data.failures ?? [];
  return (
    <div className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid="worker-job-progress">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{what}</span>
        <span className="flex items-center gap-3">
          <span className="text-slate-500" role="status">
            {data.done} of {data.total} {unit} done{data.failed ? `, ${data.failed} failed` : ""} · {finished ? (data.status === "succeeded" ? "finished" : data.status) : data.status === "queued" ? "waiting to start" : "running"}
          </span>
          {cancellable && !finished && (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              Cancel
            </Button>
          )}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={what}>
        <div className={`h-full rounded-full transition-all ${data.failed ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
      {cancel.error && <Alert tone="error">{cancel.error.message}</Alert>}
      {failures.length > 0 && (
        <div className="text-xs">
          <p className="font-medium text-red-800">Not done for:</p>
          <ul className="mt-1 max-h-48 space-y-0.5 overflow-y-auto text-red-700">
            {failures.map((f, i) => (
              <li key={`${f.workerId}-${i}`}>
                <span className="font-mono">{f.workerId}</span> — {f.type}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
