"use client";

import Link from "next/link";
import { approvalPercent, briefDuration } from "@/lib/format";
import type { WorkerRow } from "@/lib/workers/list-workers";
import { WorkerActions } from "./worker-actions";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { useSelection } from "@/components/ui/use-selection";

const money = (cents: number | null) => (cents === null ? "—" : `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** One page of workers with selection for block and message. */
export function WorkersTable({ rows, sort, dir, sortHrefs, canAct }: { rows: WorkerRow[]; sort: string; dir: string; sortHrefs: Record<string, string>; canAct: boolean }) {
  const { selected, set, setAll } = useSelection();
  const head = (key: string, label: string, right = false) => (
    <Th className={`px-3 py-2 ${right ? "text-right" : ""}`} sort={{ href: sortHrefs[key]!, direction: sort === key ? (dir === "asc" ? "asc" : "desc") : null }}>
      {label}
    </Th>
  );
  return (
    <div className="space-y-4">
      {canAct && selected.size > 0 && <WorkerActions workerIds={[...selected]} />}
      <div className="-mx-5 overflow-x-auto">
        <Table>
          <TableHead className="font-medium whitespace-nowrap">
            <tr className="border-b border-slate-100">
              {canAct && (
                <Th className="w-8 pl-5">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    className="size-4 accent-brand-600"
                    checked={selected.size === rows.length}
                    onChange={(e) =>
                      setAll(
                        rows.map((r) => r.workerId),
                        e.target.checked,
                      )
                    }
                  />
                </Th>
              )}
              {head("workerId", "Worker")}
              {head("submitted", "Submitted", true)}
              <Th className="px-3 py-2 text-right">Appr. / Rej.</Th>
              {head("approvalRate", "Approval", true)}
              {head("earnings", "Earned", true)}
              {head("bonuses", "Bonuses", true)}
              {head("medianTime", "Median time", true)}
              {head("hourly", "Hourly", true)}
              {head("lastSeen", "Last seen")}
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <tr key={r.workerId} className="hover:bg-slate-50" data-testid="worker-row">
                {canAct && (
                  <td className="pl-5">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.workerId}`}
                      className="size-4 accent-brand-600"
                      checked={selected.has(r.workerId)}
                      onChange={(e) => set(r.workerId, e.target.checked)}
                    />
                  </td>
                )}
                <td className="px-3 py-2.5">
                  <Link href={`/workers/${r.workerId}`} prefetch={false} className="font-mono font-medium text-slate-900 hover:text-brand-700">
                    {r.workerId}
                  </Link>
                  {r.blocked && <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700">Blocked</span>}
                  {r.qualifications > 0 && <span className="ml-2 text-xs text-slate-500">{r.qualifications} qual.</span>}
                </td>
                <td className="px-3 py-2.5 text-right tabular-nums">{r.submitted.toLocaleString("en-US")}</td>
                <td className="px-3 py-2.5 text-right text-slate-500 tabular-nums">
                  {r.approved} / {r.rejected}
                </td>
                <td className={`px-3 py-2.5 text-right tabular-nums ${r.approved + r.rejected > 0 && r.approvalRate < 90 ? "text-amber-700" : ""}`}>{approvalPercent(r.approved, r.rejected)}</td>
                <td className="px-3 py-2.5 text-right tabular-nums">{money(r.earningsCents)}</td>
                <td className="px-3 py-2.5 text-right tabular-nums">{money(r.bonusCents)}</td>
                <td className="px-3 py-2.5 text-right tabular-nums">{briefDuration(r.medianSeconds)}</td>
                <td className="px-3 py-2.5 text-right tabular-nums">{r.hourlyCents === null ? "—" : `${money(r.hourlyCents)}/h`}</td>
                <td className="px-3 py-2.5 whitespace-nowrap text-slate-500">{new Date(r.lastSeenAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
