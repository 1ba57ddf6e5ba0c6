import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { briefDuration, dollars, dollarsPerHour } from "@/lib/format";
import type { BatchFairness } from "@/lib/workers/pay-fairness";
import { TopUpPlan } from "./top-up-plan";

/** What the batch pays per hour of a worker's time, against the team's minimum, with the top-up plan. */
export function BatchPayCard({ batchId, pay, canPay }: { batchId: string; pay: BatchFairness; canPay: boolean }) {
  const figures: [string, string, string?][] = [
    ["Effective hourly pay", dollarsPerHour(pay.hourlyCents), "reward at the median time"],
    ["Median time per task", briefDuration(pay.medianSeconds)],
    ["Reward per task", dollars(pay.rewardCents)],
    ["Bonuses paid", dollars(pay.bonusCents), pay.bonusCents ? `${dollarsPerHour(pay.hourlyWithBonusCents)} with bonuses` : "counted apart"],
  ];
  return (
    <Card title="Pay fairness" description={`From the accept and submit times of ${pay.assignments} submitted ${pay.assignments === 1 ? "assignment" : "assignments"} (as of the last sync).`}>
      <div className="space-y-4">
        {pay.belowMinimum && (
          <Alert tone="warning">
            <span data-testid="below-minimum">
              This batch pays {dollarsPerHour(pay.hourlyCents)}, below your team&apos;s minimum of {dollarsPerHour(pay.minimumHourlyCents)}.
            </span>{" "}
            {canPay ? "A top-up bonus can bring each worker up to it for the time they actually spent." : "A reviewer can top the workers up with bonuses."}
          </Alert>
        )}
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {figures.map(([label, value, hint]) => (
            <div key={label}>
              <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
              <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
              {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
            </div>
          ))}
        </dl>
        {pay.minimumHourlyCents === null ? (
          <p className="text-sm text-slate-500">
            No minimum hourly rate is set. An admin can set one in{" "}
            <Link href="/settings" className="font-medium text-brand-700 hover:underline">
              Settings
            </Link>{" "}
            to be warned about batches below it.
          </p>
        ) : (
          canPay && <TopUpPlan batchId={batchId} minimumHourlyCents={pay.minimumHourlyCents} />
        )}
      </div>
    </Card>
  );
}
