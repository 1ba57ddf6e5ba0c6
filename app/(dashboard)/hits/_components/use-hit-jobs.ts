"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { BulkHitActionInput, HitAction } from "@/lib/hits/hit-actions";

/** A bulk HIT action job as /api/hits/jobs returns it. */
export interface HitJobView {
  id: string;
  action: HitAction["kind"];
  status: "queued" | "running" | "paused" | "cancelled" | "succeeded" | "failed";
  total: number;
  done: number;
  failed: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  failures: { hitId: string; error: string }[];
}

const ACTIVE = new Set(["queued", "running", "paused"]);
export const isActive = (job: HitJobView) => ACTIVE.has(job.status);

/** Recent bulk actions, polled every second while one is still going. */
export function useHitJobs() {
  return useQuery({
    queryKey: ["hit-jobs"],
    queryFn: () => apiFetch<HitJobView[]>("/api/hits/jobs"),
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === "queued" || j.status === "running") ? 1000 : false),
  });
}

export function useStartHitJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkHitActionInput) => apiFetch<{ jobId: string; total: number }>("/api/hits/jobs", { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["hit-jobs"] }),
  });
}

export function useControlHitJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "pause" | "resume" | "cancel" }) => apiFetch<HitJobView>(`/api/hits/jobs/${id}`, { body: { action } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["hit-jobs"] }),
  });
}
