"use client";

import Link from "next/link";
import type { HitFilter } from "@/lib/hits/hit-filter";
import type { HitListItem } from "@/lib/hits/list-hits";
import { BulkActions } from "./bulk-actions";
import { dollars, relative, shortTime } from "./format";
import { HitJobsPanel } from "./hit-jobs-panel";
import { StatusBadge } from "./status-badge";
import { useSelection } from "@/components/ui/use-selection";

export interface SortLink {
  label: string;
  href: string;
  active: "asc" | "desc" | null;
}

/** The page of HITs with selection, the bulk-action bar and the jobs it started. */
export function HitsTable({ items, total, filter, canAct, sortLinks }: { items: HitListItem[]; total: number; filter: HitFilter; canAct: boolean; sortLinks: Record<string, SortLink> }) {
  const { selected, set, setAll } = useSelection();
  const allOnPage = items.length > 0 && items.every((h) => selected.has(h.hitId));
  const header = (key: string) => {
    const s = sortLinks[key]!;
    return (
      <Link href={s.href} className="inline-flex items-center gap-1 hover:text-slate-900" aria-sort={s.active === "asc" ? "ascending" : s.active === "desc" ? "descending" : undefined}>
        {s.label}
        <span aria-hidden className={s.active ? "text-brand-600" : "text-slate-300"}>
          {s.active === "asc" ? "▲" : "▼"}
        </span>
      </Link>
    );
  };
  return (
    <div className="space-y-4">
      {canAct && <BulkActions selected={[...selected]} total={total} filter={filter} onStarted={() => setAll([], false)} />}
      <HitJobsPanel canAct={canAct} />
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50/80 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              {canAct && (
                <th className="w-10 px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label="Select all HITs on this page"
                    checked={allOnPage}
                    onChange={() => setAll(items.map((h) => h.hitId), !allOnPage)}
                  />
                </th>
              )}
              <th className="px-4 py-3">{header("title")}</th>
              <th className="px-4 py-3">Batch or annotation</th>
              <th className="px-4 py-3">{header("status")}</th>
              <th className="px-4 py-3 text-right" title="Approved or rejected of the maximum">Done</th>
              <th className="px-4 py-3 text-right">{header("reward")}</th>
              <th className="whitespace-nowrap px-4 py-3">{header("created")}</th>
              <th className="whitespace-nowrap px-4 py-3">{header("expires")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((h) => (
              <tr key={h.hitId} className={selected.has(h.hitId) ? "bg-brand-50/60" : "hover:bg-slate-50"}>
                {canAct && (
                  <td className="px-4 py-3">
                    <input type="checkbox" aria-label={`Select HIT ${h.hitId}`} checked={selected.has(h.hitId)} onChange={(e) => set(h.hitId, e.target.checked)} />
                  </td>
                )}
                <td className="max-w-[16rem] px-4 py-3">
                  <Link href={`/hits/${h.hitId}`} className="block truncate font-medium text-slate-900 hover:text-brand-700">
                    {h.title}
                  </Link>
                  <span className="block truncate font-mono text-xs text-slate-400">{h.hitId}</span>
                </td>
                <td className="max-w-[10rem] px-4 py-3">
                  {h.batchId ? (
                    <Link href={`/hits?batch=${h.batchId}`} className="block truncate text-slate-700 hover:text-brand-700">
                      {h.batchName}
                    </Link>
                  ) : (
                    <span className="block truncate text-xs text-slate-400" title={h.requesterAnnotation ?? undefined}>
                      {h.requesterAnnotation ? h.requesterAnnotation : "Not from a batch"}
                    </span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={h.status} forgotten={h.forgotten} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-700" title={`${h.assignmentsCompleted} completed, ${h.assignmentsPending} in progress, ${h.assignmentsAvailable} available`}>
                  {h.assignmentsCompleted}/{h.maxAssignments}
                  {h.assignmentsPending > 0 && <span className="ml-1 text-xs text-amber-700">+{h.assignmentsPending} working</span>}
                </td>
                <td className="px-4 py-3 text-right tabular-nums text-slate-700">{dollars(h.rewardCents)}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">{shortTime(h.createdAt)}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600" title={shortTime(h.expiresAt)} suppressHydrationWarning>
                  {relative(h.expiresAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p className="px-5 py-10 text-center text-sm text-slate-500">No HITs match. Change the filter, or sync if you created HITs elsewhere a moment ago.</p>}
      </div>
    </div>
  );
}
