"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { JobAction, JobStatus } from "@/lib/jobs/job-types";
import type { JobView } from "@/lib/jobs/job-view";

const FINISHED: JobStatus[] = ["succeeded", "failed", "cancelled"];
export const jobFinished = (job: Pick<JobView, "status"> | undefined) => !!job && FINISHED.includes(job.status);

/** A durable job of any kind, polled each second until it ends. */
export function useJob(jobId: string | null | undefined) {
  return useQuery({
    queryKey: ["job", jobId],
    enabled: !!jobId,
    queryFn: () => apiFetch<JobView>(`/api/jobs/${jobId}`),
    refetchInterval: (q) => (jobFinished(q.state.data) ? false : 1000),
  });
}

/** Pause, resume or cancel; the job's view comes back with the answer. */
export function useControlJob(jobId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: JobAction) => apiFetch<JobView>(`/api/jobs/${jobId}`, { body: { action } }),
    onSuccess: (view) => client.setQueryData(["job", jobId], view),
    onSettled: () => client.invalidateQueries({ queryKey: ["job", jobId] }),
  });
}
