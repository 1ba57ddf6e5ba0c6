"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSyncWhenStale } from "@/components/shell/use-sync-status";
import { apiFetch } from "@/lib/api-client";
import type { BonusResult } from "@/lib/review/pay-bonuses";
import type { DecideResult } from "@/lib/review/decide-assignments";
import type { AssignmentReview } from "@/lib/review/get-assignment-review";
import type { QueueFilter } from "@/lib/review/review-inputs";
import type { QueuePage } from "@/lib/review/list-review-queue";
import type { ResultsCsvOutcome } from "@/lib/review/upload-review-csv";

const STALE_SYNC_MS = 60_000;

export function queueSearch(filter: QueueFilter, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "" && !(k === "group" && v === "none")) params.set(k, String(v));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

/** A queue page as the server rendered it, for the filter the page opened with. */
export interface InitialQueue {
  filter: QueueFilter;
  page: QueuePage;
  readAt: number;
}

/**
 * One page of the queue; refreshed every few seconds so decisions sent by the runner drop out.
 * The first page of the filter the page opened with comes rendered (`initial`): no request, no
 * loading state.
 */
export function useReviewQueue(filter: QueueFilter, cursor: string | undefined, initial?: InitialQueue) {
  const rendered = initial && !cursor && queueSearch(filter) === queueSearch(initial.filter) ? initial : undefined;
  return useQuery({
    queryKey: ["review-queue", filter, cursor ?? null],
    queryFn: () => apiFetch<QueuePage>(`/api/review/queue?${queueSearch(filter, cursor)}`),
    initialData: rendered?.page,
    initialDataUpdatedAt: rendered?.readAt,
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useAssignmentReview(assignmentId: string | undefined) {
  return useQuery({
    queryKey: ["assignment-review", assignmentId],
    queryFn: () => apiFetch<AssignmentReview>(`/api/review/assignments/${assignmentId}`),
    enabled: !!assignmentId,
    staleTime: 30_000,
  });
}

/** Syncs the cache when the page opens on data older than a minute, then shows the fresh queue. */
export function useSyncOnOpen(syncedAt: string | null | undefined, loaded: boolean) {
  const client = useQueryClient();
  return useSyncWhenStale(syncedAt, { staleMs: STALE_SYNC_MS, enabled: loaded, onSynced: () => client.invalidateQueries({ queryKey: ["review-queue"] }) });
}

function useReviewMutation<V, R>(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => apiFetch<R>(path, { body }),
    onSettled: () => client.invalidateQueries({ queryKey: ["review-queue"] }),
  });
}

export type DecideBody = { action: "approve" | "reject" | "override"; feedback?: string; confirmedImpact?: boolean } & ({ assignmentIds: string[] } | { filter: QueueFilter });

export const useDecide = () => useReviewMutation<DecideBody, DecideResult>("/api/review/decisions");
export const useUndo = () => useReviewMutation<{ decisionIds: string[] }, { undone: string[] }>("/api/review/decisions/undo");
export const useConfirmRejections = () => useReviewMutation<{ decisionIds: string[] }, { confirmed: number; jobId: string }>("/api/review/decisions/confirm");
export const useBonus = () => useReviewMutation<{ assignmentIds: string[]; amount: string; reason: string; requestKey: string; preview?: boolean }, BonusResult>("/api/review/bonuses");
export const useResultsCsv = () => useReviewMutation<{ csv: string; preview?: boolean }, ResultsCsvOutcome>("/api/review/results-csv");
export const useBonusCsv = () => useReviewMutation<{ csv: string; preview?: boolean }, BonusResult>("/api/review/bonus-csv");
