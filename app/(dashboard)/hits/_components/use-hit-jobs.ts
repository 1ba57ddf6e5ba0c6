"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { RecentHitJob } from "@/lib/hits/hit-jobs";
import type { BulkHitActionInput } from "@/lib/hits/hit-actions";

/** The latest bulk actions (each polls its own progress); re-read when one is started here. */
export function useHitJobs() {
  return useQuery({ queryKey: ["hit-jobs"], queryFn: () => apiFetch<RecentHitJob[]>("/api/hits/jobs") });
}

export function useStartHitJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkHitActionInput) => apiFetch<{ jobId: string; total: number }>("/api/hits/jobs", { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["hit-jobs"] }),
  });
}
