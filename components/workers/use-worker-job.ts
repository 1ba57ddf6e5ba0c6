"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

export interface WorkerJobView {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  failures?: { workerId: string; type: string; message: string }[];
}

const FINISHED = ["succeeded", "failed", "cancelled"];

/**
 * A bulk job's progress, polled each second until it finishes: a block or message job
 * (/api/workers/jobs) or a bonus job (/api/review/jobs).
 */
export function useWorkerJob(path: string | undefined) {
  return useQuery({
    queryKey: ["worker-job", path],
    enabled: !!path,
    queryFn: () => apiFetch<WorkerJobView>(path!),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 1000),
  });
}

export const jobFinished = (job: WorkerJobView | undefined) => !!job && FINISHED.includes(job.status);
