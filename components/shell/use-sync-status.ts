"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { apiFetch } from "@/lib/api-client";
import type { SyncStatus } from "@/lib/sync/sync-team";

const KEY = ["sync-status"] as const;

/**
 * When the cache was last filled from the marketplace; polled, faster while a sync runs. The
 * layout renders the first reading (`initial`, read at `readAt`), so a page load asks for none.
 */
export function useSyncStatus(environment: string, initial?: { status: SyncStatus; readAt: number }) {
  return useQuery({
    queryKey: [...KEY, environment],
    queryFn: () => apiFetch<SyncStatus>("/api/sync"),
    initialData: initial?.status,
    initialDataUpdatedAt: initial?.readAt,
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

/**
 * Syncs once when a page opens on a cache older than `staleMs` (or never synced), then calls
 * `onSynced` so the page shows the fresh copy; the header's status follows at once.
 */
export function useSyncWhenStale(syncedAt: string | null | undefined, { staleMs, enabled = true, onSynced }: { staleMs: number; enabled?: boolean; onSynced: () => unknown }) {
  const client = useQueryClient();
  const asked = useRef(false);
  // The latest callback, without restarting the effect when the page passes a new one.
  const synced = useRef(onSynced);
  useEffect(() => {
    synced.current = onSynced;
  });
  const { mutate, isPending, isError } = useMutation({
    mutationFn: () => apiFetch("/api/sync", { method: "POST", body: {} }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      return synced.current();
    },
  });
  useEffect(() => {
    if (!enabled || asked.current) return;
    asked.current = true;
    if (syncedAt && Date.now() - new Date(syncedAt).getTime() < staleMs) return;
    mutate();
  }, [enabled, syncedAt, staleMs, mutate]);
  return isPending ? "syncing" : isError ? "failed" : "idle";
}
