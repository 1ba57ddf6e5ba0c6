"use client";

import { useRouter } from "next/navigation";
import { useSyncWhenStale } from "@/components/shell/use-sync-status";

/** Asks for a sync when the cached copy is older than `staleMs`, then re-renders the page from it. */
export function RefreshWhenStale({ syncedAt, staleMs }: { syncedAt: string | null; staleMs: number }) {
  const router = useRouter();
  const state = useSyncWhenStale(syncedAt, { staleMs, onSynced: () => router.refresh() });
  const label =
    state === "syncing"
      ? "Refreshing from the marketplace…"
      : state === "failed"
        ? "Could not refresh; showing the cached copy."
        : syncedAt
          ? `Synced ${new Date(syncedAt).toLocaleString()}`
          : "Not synced yet";
  return (
    <p className="text-xs text-slate-500" aria-live="polite">
      {label}
    </p>
  );
}
