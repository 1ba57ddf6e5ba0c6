"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

export interface QualificationJobView {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  failures: string[];
}

const FINISHED = ["succeeded", "failed", "cancelled"];

/** A bulk job's progress, polled until it finishes. */
export function useQualificationJob(jobId: string | undefined) {
  return useQuery({
    queryKey: ["qualification-job", jobId],
    enabled: !!jobId,
    queryFn: () => apiFetch<QualificationJobView>(`/api/qualifications/jobs/${jobId}`),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 1000),
  });
}
