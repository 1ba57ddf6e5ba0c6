"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { JobProgress } from "@/components/jobs/job-progress";
import { apiFetch } from "@/lib/api-client";
import { briefDuration, dollars } from "@/lib/format";
import { centsToDollars } from "@/lib/money";
import type { TopUpPlan as Plan } from "@/lib/workers/top-up-plan";

/** The per-worker top-up bonuses to the team's minimum: previewed with fees, then paid once through the ledger. */
export function TopUpPlan({ batchId, minimumHourlyCents }: { batchId: string; minimumHourlyCents: number }) {
  const [open, setOpen] = useState(false);
  const plan = useQuery({ queryKey: ["top-up", batchId], enabled: open, queryFn: () => apiFetch<Plan>(`/api/batches/${batchId}/top-up`) });
  const pay = useMutation({
    mutationFn: (expectedTotalCents: number) => apiFetch<{ jobId: string | null; queued: number; alreadyRecorded: number }>(`/api/batches/${batchId}/top-up`, { body: { expectedTotalCents } }),
  });
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Plan a top-up to ${centsToDollars(minimumHourlyCents)}/h
      </Button>
    );
  }
  if (plan.error) return <Alert tone="error">{plan.error.message}</Alert>;
  if (!plan.data) return <p className="text-sm text-slate-500">Working out each worker&apos;s time…</p>;
  const due = plan.data.lines.filter((l) => l.topUpCents > 0);
  const { cost } = plan.data;
  return (
    <div className="space-y-3" data-testid="top-up-plan">
      <h3 className="text-sm font-semibold text-slate-900">Top-up plan</h3>
      {plan.data.lines.length === 0 ? (
        <p className="text-sm text-slate-500">No accepted work with times in this batch yet.</p>
      ) : (
        <div className="-mx-5 overflow-x-auto">
          <Table>
            <TableHead>
              <tr className="border-b border-slate-100">
                <Th className="px-5 py-2">Worker</Th>
                <Th className="px-3 py-2 text-right">Tasks</Th>
                <Th className="px-3 py-2 text-right">Time</Th>
                <Th className="px-3 py-2 text-right">Earned</Th>
                <Th className="px-3 py-2 text-right">At minimum</Th>
                <Th className="px-5 py-2 text-right">Top-up</Th>
              </tr>
            </TableHead>
            <TableBody>
              {plan.data.lines.map((l) => (
                <tr key={l.workerId} data-testid="top-up-line">
                  <td className="px-5 py-2 font-mono text-slate-900">{l.workerId}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.assignments}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{briefDuration(l.seconds)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {dollars(l.rewardCents)}
                    {l.bonusCents > 0 && <span className="text-slate-500"> + {dollars(l.bonusCents)} bonus</span>}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{dollars(l.targetCents)}</td>
                  <td className="px-5 py-2 text-right font-semibold tabular-nums">
                    {l.alreadyToppedUp ? (
                      <span className="font-normal text-emerald-700">Topped up</span>
                    ) : l.topUpCents > 0 ? (
                      dollars(l.topUpCents)
                    ) : (
                      <span className="font-normal text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {due.length > 0 && !pay.data && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
          <p className="text-sm text-slate-700" data-testid="top-up-cost">
            {due.length} {due.length === 1 ? "bonus" : "bonuses"}: {dollars(cost.bonusCents)} + {dollars(cost.feeCents)} fees = <strong>{dollars(cost.totalCents)}</strong>
            <span className="block text-xs text-slate-500">Fees from {cost.feeBasis}. Each worker is topped up once for this batch, however often this is confirmed.</span>
          </p>
          <Button onClick={() => pay.mutate(cost.totalCents)} disabled={pay.isPending}>
            {pay.isPending ? "Queuing…" : `Pay ${dollars(cost.totalCents)} in top-ups`}
          </Button>
        </div>
      )}
      {due.length === 0 && plan.data.lines.length > 0 && !pay.data && <Alert tone="success">Everyone in this batch has been paid at least the minimum for their time.</Alert>}
      {pay.error && <Alert tone="error">{pay.error.message}</Alert>}
      {pay.data && !pay.data.jobId && <Alert tone="success">Nothing new to pay: {pay.data.alreadyRecorded} top-ups were already recorded.</Alert>}
      {pay.data?.jobId && <JobProgress jobId={pay.data.jobId} testId="worker-job-progress" refreshOnFinish what={`Paying ${pay.data.queued} top-up ${pay.data.queued === 1 ? "bonus" : "bonuses"}`} />}
    </div>
  );
}
