import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { briefDuration, dollarsPerHour } from "@/lib/format";
import { centsToDollars } from "@/lib/money";
import type { projectFairness } from "@/lib/workers/pay-fairness";

/** Effective hourly pay of the project and each of its batches, flagging those below the team's minimum. */
export function ProjectPayCard({ pay }: { pay: Awaited<ReturnType<typeof projectFairness>> }) {
  const below = pay.batches.filter((b) => b.belowMinimum);
  return (
    <Card
      title="Pay fairness"
      description={`Across this project's batches: ${dollarsPerHour(pay.all.hourlyCents)} at a median ${briefDuration(pay.all.medianSeconds)} per task${pay.all.bonusCents ? `, ${dollarsPerHour(pay.all.hourlyWithBonusCents)} with $${centsToDollars(pay.all.bonusCents)} in bonuses` : ""}.${pay.minimumHourlyCents === null ? "" : ` Team minimum: ${dollarsPerHour(pay.minimumHourlyCents)}.`}`}
    >
      <div className="space-y-3">
        {below.length > 0 && (
          <Alert tone="warning">
            <span data-testid="below-minimum">
              {below.length === 1 ? "1 batch pays" : `${below.length} batches pay`} below your team&apos;s minimum of {dollarsPerHour(pay.minimumHourlyCents)}.
            </span>{" "}
            Open a batch to plan a top-up.
          </Alert>
        )}
        <Table>
          <TableHead>
            <tr className="border-b border-slate-100">
              <Th className="py-2">Batch</Th>
              <Th className="px-3 py-2 text-right">Tasks</Th>
              <Th className="px-3 py-2 text-right">Median time</Th>
              <Th className="px-3 py-2 text-right">Hourly</Th>
              <Th className="py-2 text-right">With bonuses</Th>
            </tr>
          </TableHead>
          <TableBody>
            {pay.batches.map((b) => (
              <tr key={b.id}>
                <td className="py-2">
                  <Link href={`/batches/${b.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {b.name}
                  </Link>
                  {b.belowMinimum && <span className="ml-2 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">Below minimum</span>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{b.assignments}</td>
                <td className="px-3 py-2 text-right tabular-nums">{briefDuration(b.medianSeconds)}</td>
                <td className={`px-3 py-2 text-right tabular-nums ${b.belowMinimum ? "font-semibold text-amber-800" : ""}`}>{dollarsPerHour(b.hourlyCents)}</td>
                <td className="py-2 text-right text-slate-600 tabular-nums">{dollarsPerHour(b.hourlyWithBonusCents)}</td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </div>
    </Card>
  );
}
