"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { RecentHitJob } from "@/lib/hits/hit-jobs";
import type { BulkHitActionInput } from "@/lib/hits/hit-actions";

/**
 * The latest bulk actions (each polls its own progress); re-read when one is started here. The
 * page renders them (`initial`, read at `readAt`), so opening it costs no request of its own.
 */
export function useHitJobs(initial: { jobs: RecentHitJob[]; readAt: number }) {
  return useQuery({ queryKey: ["hit-jobs"], queryFn: () => apiFetch<RecentHitJob[]>("/api/hits/jobs"), initialData: initial.jobs, initialDataUpdatedAt: initial.readAt });
}

export function useStartHitJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkHitActionInput) => apiFetch<{ jobId: string; total: number }>("/api/hits/jobs", { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["hit-jobs"] }),
  });
}
