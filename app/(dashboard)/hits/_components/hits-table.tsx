"use client";

import Link from "next/link";
import { dollars, relative, shortTime } from "@/lib/format";
import type { HitFilter } from "@/lib/hits/hit-filter";
import type { RecentHitJob } from "@/lib/hits/hit-jobs";
import type { HitListItem } from "@/lib/hits/list-hits";
import { BulkActions } from "./bulk-actions";
import { HitJobsPanel } from "./hit-jobs-panel";
import { StatusBadge } from "./status-badge";
import { Table, TableBody, TableEmpty, TableHead, Th, type SortLink } from "@/components/ui/table";
import { useSelection } from "@/components/ui/use-selection";

/** The page of HITs with selection, the bulk-action bar and the jobs it started. */
export function HitsTable({
  items,
  total,
  totalCapped,
  filter,
  canAct,
  sortLinks,
  jobs,
}: {
  items: HitListItem[];
  total: number;
  totalCapped: boolean;
  filter: HitFilter;
  canAct: boolean;
  sortLinks: Record<string, SortLink & { label: string }>;
  /** The recent bulk actions as the page read them. */
  jobs: { jobs: RecentHitJob[]; readAt: number };
}) {
  const { selected, set, setAll } = useSelection();
  const allOnPage = items.length > 0 && items.every((h) => selected.has(h.hitId));
  const sorted = (key: string, className: string) => {
    const { label, ...sort } = sortLinks[key]!;
    return (
      <Th className={className} sort={sort}>
        {label}
      </Th>
    );
  };
  return (
    <div className="space-y-4">
      {canAct && <BulkActions selected={[...selected]} total={total} totalCapped={totalCapped} filter={filter} onStarted={() => setAll([], false)} />}
      <HitJobsPanel initial={jobs} />
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <Table className="min-w-full">
          <TableHead className="border-b border-slate-200 bg-slate-50/80 font-semibold">
            <tr>
              {canAct && (
                <Th className="w-10 px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label="Select all HITs on this page"
                    checked={allOnPage}
                    onChange={() =>
                      setAll(
                        items.map((h) => h.hitId),
                        !allOnPage,
                      )
                    }
                  />
                </Th>
              )}
              {sorted("title", "px-4 py-3")}
              <Th className="px-4 py-3">Batch or annotation</Th>
              {sorted("status", "px-4 py-3")}
              <Th className="px-4 py-3 text-right" title="Assignments submitted (decided or waiting for review) of the maximum">
                Submitted
              </Th>
              {sorted("reward", "px-4 py-3 text-right")}
              {sorted("created", "whitespace-nowrap px-4 py-3")}
              {sorted("expires", "whitespace-nowrap px-4 py-3")}
            </tr>
          </TableHead>
          <TableBody>
            {items.map((h) => (
              <tr key={h.hitId} className={selected.has(h.hitId) ? "bg-brand-50/60" : "hover:bg-slate-50"}>
                {canAct && (
                  <td className="px-4 py-3">
                    <input type="checkbox" aria-label={`Select HIT ${h.hitId}`} checked={selected.has(h.hitId)} onChange={(e) => set(h.hitId, e.target.checked)} />
                  </td>
                )}
                <td className="max-w-[16rem] px-4 py-3">
                  <Link href={`/hits/${h.hitId}`} prefetch={false} className="block truncate font-medium text-slate-900 hover:text-brand-700">
                    {h.title}
                  </Link>
                  <span className="block truncate font-mono text-xs text-slate-500">{h.hitId}</span>
                </td>
                <td className="max-w-[10rem] px-4 py-3">
                  {h.batchId ? (
                    <Link href={`/hits?batch=${h.batchId}`} prefetch={false} className="block truncate text-slate-700 hover:text-brand-700">
                      {h.batchName}
                    </Link>
                  ) : (
                    <span className="block truncate text-xs text-slate-500" title={h.requesterAnnotation ?? undefined}>
                      {h.requesterAnnotation ? h.requesterAnnotation : "Not from a batch"}
                    </span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={h.status} forgotten={h.forgotten} />
                </td>
                <td
                  className="px-4 py-3 text-right whitespace-nowrap text-slate-700 tabular-nums"
                  title={`${h.assignmentsCompleted} approved or rejected, ${h.assignmentsSubmitted} waiting for review, ${h.assignmentsPending} in progress, ${h.assignmentsAvailable} available`}
                >
                  {h.assignmentsCompleted + h.assignmentsSubmitted}/{h.maxAssignments}
                  {h.assignmentsSubmitted > 0 && <span className="ml-1 text-xs text-brand-700">{h.assignmentsSubmitted} to review</span>}
                  {h.assignmentsPending > 0 && <span className="ml-1 text-xs text-amber-700">+{h.assignmentsPending} working</span>}
                </td>
                <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{dollars(h.rewardCents)}</td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-600">{shortTime(h.createdAt)}</td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-600" title={shortTime(h.expiresAt)} suppressHydrationWarning>
                  {relative(h.expiresAt)}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
        {items.length === 0 && <TableEmpty className="px-5 py-10">No HITs match. Change the filter, or sync if you created HITs elsewhere a moment ago.</TableEmpty>}
      </div>
    </div>
  );
}
