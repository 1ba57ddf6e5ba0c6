"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { SyncStatus } from "@/lib/sync/sync-team";

const KEY = ["sync-status"] as const;

/** When the cache was last filled from the marketplace; polled, faster while a sync runs. */
export function useSyncStatus(environment: string) {
  return useQuery({
    queryKey: [...KEY, environment],
    queryFn: () => apiFetch<SyncStatus>("/api/sync"),
    refetchInterval: (query) => (query.state.data?.running ? 2_000 : 15_000),
  });
}

export function useSyncNow(environment: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch("/api/sync", { method: "POST", body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: [...KEY, environment] }),
  });
}
