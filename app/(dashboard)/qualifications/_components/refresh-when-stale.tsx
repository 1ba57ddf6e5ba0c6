"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/api-client";

/** Asks for a sync when the cached copy is older than `staleMs`, then re-renders the page from it. */
export function RefreshWhenStale({ syncedAt, staleMs }: { syncedAt: string | null; staleMs: number }) {
  const router = useRouter();
  const asked = useRef(false);
  const [state, setState] = useState<"idle" | "syncing" | "failed">("idle");
  useEffect(() => {
    if (asked.current) return;
    if (syncedAt && Date.now() - new Date(syncedAt).getTime() < staleMs) return;
    asked.current = true;
    setState("syncing");
    apiFetch("/api/sync", { body: {} })
      .then(() => {
        setState("idle");
        router.refresh();
      })
      .catch(() => setState("failed"));
  }, [syncedAt, staleMs, router]);
  const label = state === "syncing" ? "Refreshing from the marketplace…" : state === "failed" ? "Could not refresh; showing the cached copy." : syncedAt ? `Synced ${new Date(syncedAt).toLocaleString()}` : "Not synced yet";
  return <p className="text-xs text-slate-500" aria-live="polite">{label}</p>;
}
