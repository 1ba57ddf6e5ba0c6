"use client";

import { useEffect, useState } from "react";
import { timeAgo } from "@/lib/format";
import type { SyncStatus as Status } from "@/lib/sync/sync-team";
import { useSyncNow, useSyncStatus } from "./use-sync-status";

const PART_LABELS: Record<keyof Status["parts"], string> = {
  hits: "HITs and assignments",
  bonuses: "Bonus payments",
  workerBlocks: "Worker blocks",
  qualificationTypes: "Qualification types",
  qualificationRequests: "Qualification requests",
  qualificationScores: "Qualification scores",
};

/** "Synced 12 s ago · Sync now" in the header; hover for when each part was last copied. */
export function SyncStatus({ environment, initial }: { environment: string; initial: { status: Status; readAt: number } }) {
  const status = useSyncStatus(environment, initial);
  const syncNow = useSyncNow(environment);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const data = status.data;
  const busy = syncNow.isPending || !!data?.running;
  const error = syncNow.error?.message ?? data?.lastError;
  const details = data
    ? [...Object.entries(PART_LABELS).map(([part, label]) => `${label}: ${timeAgo(data.parts[part as keyof Status["parts"]], now)}`), ...(error ? [`Last error: ${error}`] : [])].join("\n")
    : undefined;
  return (
    <div className="hidden items-center gap-1.5 text-xs text-slate-500 lg:flex" data-testid="sync-status">
      <span title={details} className="cursor-help">
        {error && !busy && <span aria-hidden className="mr-1 inline-block h-1.5 w-1.5 rounded-full bg-amber-500 align-middle" />}
        {busy ? "Syncing…" : data ? `Synced ${timeAgo(data.parts.hits, now)}` : "\u00a0"}
      </span>
      <span aria-hidden>·</span>
      <button type="button" onClick={() => syncNow.mutate()} disabled={busy} className="font-medium text-brand-600 hover:underline disabled:cursor-wait disabled:text-slate-400 disabled:no-underline">
        Sync now
      </button>
    </div>
  );
}
