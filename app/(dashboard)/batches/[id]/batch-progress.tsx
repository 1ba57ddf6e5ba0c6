"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import { centsToDollars } from "@/lib/money";

interface BatchStatus {
  id: string;
  name: string;
  environment: string;
  project: { id: string; name: string; version: number | null } | null;
  rowCount: number;
  hitsExpected: number;
  hitsCreated: number;
  estimatedCostCents: number;
  createdAt: string;
  job: { status: string; total: number; done: number; failed: number; lastError: string | null } | null;
}

const ACTIVE = new Set(["queued", "running"]);

/** A batch's creation job, polled while it runs; pause, resume and cancel act on the durable job. */
export function BatchProgress({ initial, canControl }: { initial: BatchStatus; canControl: boolean }) {
  const queryClient = useQueryClient();
  const { data = initial } = useQuery({
    queryKey: ["batch", initial.id],
    queryFn: () => apiFetch<BatchStatus>(`/api/batches/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.job && ACTIVE.has(q.state.data.job.status) ? 1000 : false),
  });
  const control = useMutation({
    mutationFn: (action: "pause" | "resume" | "cancel") => apiFetch(`/api/batches/${initial.id}/control`, { body: { action } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["batch", initial.id] }),
  });
  const job = data.job;
  const percent = job && job.total ? Math.round(((job.done + job.failed) / job.total) * 100) : 0;
  const statusText = !job ? "—" : job.status === "succeeded" ? "Done" : job.status === "running" || job.status === "queued" ? "Creating HITs…" : job.status[0]!.toUpperCase() + job.status.slice(1);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">
          ← Projects
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{data.name}</h1>
        <p className="text-sm text-slate-500">
          {data.project ? (
            <>
              <Link className="hover:underline" href={`/projects/${data.project.id}`}>{data.project.name}</Link> v{data.project.version} ·{" "}
            </>
          ) : null}
          {data.rowCount} rows · {data.environment} · up to ${centsToDollars(data.estimatedCostCents)}
        </p>
      </div>
      <section className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <p className="text-base font-semibold" data-testid="batch-status">{statusText}</p>
            <p className="text-sm text-slate-500" data-testid="batch-counts">
              {data.hitsCreated} of {data.hitsExpected} HITs created{job && job.failed > 0 ? ` · ${job.failed} failed` : ""}
            </p>
          </div>
          {canControl && job && (
            <div className="flex gap-2">
              {ACTIVE.has(job.status) && (
                <Button variant="secondary" type="button" onClick={() => control.mutate("pause")} disabled={control.isPending}>
                  Pause
                </Button>
              )}
              {job.status === "paused" && (
                <Button type="button" onClick={() => control.mutate("resume")} disabled={control.isPending}>
                  Resume
                </Button>
              )}
              {(ACTIVE.has(job.status) || job.status === "paused") && (
                <Button variant="danger" type="button" onClick={() => control.mutate("cancel")} disabled={control.isPending}>
                  Cancel
                </Button>
              )}
            </div>
          )}
        </div>
        <div className="h-3 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="Batch progress">
          <div className={`h-full rounded-full transition-all ${job?.status === "paused" ? "bg-amber-400" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
        </div>
        {job?.lastError && <Alert tone="warning">Last problem: {job.lastError}</Alert>}
        {control.error && <Alert tone="error">{control.error.message}</Alert>}
        <p className="text-xs text-slate-500">The job runs on the server: you can close this page, and a restart resumes it without creating any HIT twice.</p>
      </section>
      <section className="flex flex-wrap gap-3 text-sm">
        <a href={`/api/batches/${data.id}/results`} className="rounded-md bg-white px-3.5 py-2 font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
          Download results (CSV)
        </a>
        <Link href={`/hits?batch=${data.id}`} className="rounded-md px-3.5 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          See the batch&apos;s HITs
        </Link>
      </section>
    </div>
  );
}
