import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { centsToDollars } from "@/lib/money";
import type { projectFairness } from "@/lib/workers/pay-fairness";

const perHour = (c: number | null) => (c === null ? "—" : `$${centsToDollars(c)}/h`);
const duration = (s: number | null) => (s === null ? "—" : s < 90 ? `${s} s` : `${Math.round(s / 6) / 10} min`);

/** Effective hourly pay of the project and each of its batches, flagging those below the team's minimum. */
export function ProjectPayCard({ pay }: { pay: Awaited<ReturnType<typeof projectFairness>> }) {
  const below = pay.batches.filter((b) => b.belowMinimum);
  return (
    <Card
      title="Pay fairness"
      description={`Across this project's batches: ${perHour(pay.all.hourlyCents)} at a median ${duration(pay.all.medianSeconds)} per task${pay.all.bonusCents ? `, ${perHour(pay.all.hourlyWithBonusCents)} with $${centsToDollars(pay.all.bonusCents)} in bonuses` : ""}.${pay.minimumHourlyCents === null ? "" : ` Team minimum: ${perHour(pay.minimumHourlyCents)}.`}`}
    >
      <div className="space-y-3">
        {below.length > 0 && (
          <Alert tone="warning">
            <span data-testid="below-minimum">
              {below.length === 1 ? "1 batch pays" : `${below.length} batches pay`} below your team&apos;s minimum of {perHour(pay.minimumHourlyCents)}.
            </span>{" "}
            Open a batch to plan a top-up.
          </Alert>
        )}
        <table className="w-full text-sm">
          <thead className="text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr className="border-b border-slate-100">
              <th className="py-2 font-medium">Batch</th>
              <th className="px-3 py-2 text-right font-medium">Tasks</th>
              <th className="px-3 py-2 text-right font-medium">Median time</th>
              <th className="px-3 py-2 text-right font-medium">Hourly</th>
              <th className="py-2 text-right font-medium">With bonuses</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {pay.batches.map((b) => (
              <tr key={b.id}>
                <td className="py-2">
                  <Link href={`/batches/${b.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {b.name}
                  </Link>
                  {b.belowMinimum && <span className="ml-2 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">Below minimum</span>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{b.assignments}</td>
                <td className="px-3 py-2 text-right tabular-nums">{duration(b.medianSeconds)}</td>
                <td className={`px-3 py-2 text-right tabular-nums ${b.belowMinimum ? "font-semibold text-amber-800" : ""}`}>{perHour(b.hourlyCents)}</td>
                <td className="py-2 text-right text-slate-600 tabular-nums">{perHour(b.hourlyWithBonusCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
