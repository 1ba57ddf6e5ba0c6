import { IntentLink } from "@/components/ui/intent-link";
import { WorkBar } from "@/components/batches/work-bar";
import { Card } from "@/components/ui/card";
import { dollarsPerHour, plural } from "@/lib/format";
import type { RunningBatch } from "@/lib/overview/team-overview";

/** Batches with work still open, being done or waiting for review, as of the last sync. */
export function RunningWorkCard({ batches }: { batches: RunningBatch[] }) {
  return (
    <Card title="Running work" description="Batches with work open, in progress or waiting for review, as of the last sync." className="lg:col-span-3">
      {batches.length === 0 ? (
        <p className="text-sm text-slate-600">
          No batch has work running.{" "}
          <IntentLink href="/projects" className="font-medium text-brand-600 hover:underline">
            Publish a batch from a project →
          </IntentLink>
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="running-work">
          {batches.map((b) => {
            const w = b.work;
            return (
              <li key={b.id} className="grid gap-2 py-3 sm:grid-cols-[minmax(10rem,1fr)_2fr_auto] sm:items-center sm:gap-6">
                <IntentLink href={`/batches/${b.id}`} className="truncate font-medium text-slate-900 hover:text-brand-700">
                  {b.name}
                </IntentLink>
                <div className="space-y-1">
                  <WorkBar work={w} className="h-2" />
                  <p className="text-xs text-slate-500 tabular-nums">
                    {plural(w.hits, "HIT")} · {plural(w.assignments, "assignment")}: {w.available} open, {w.working} in progress, {w.submitted} submitted, {w.approved} approved, {w.rejected} rejected
                    {b.hourlyCents !== null && ` · pays ${dollarsPerHour(b.hourlyCents)}`}
                  </p>
                </div>
                {w.submitted > 0 ? (
                  <IntentLink href={`/review?batch=${b.id}`} className="text-sm font-medium whitespace-nowrap text-brand-600 hover:underline">
                    Review this batch →
                  </IntentLink>
                ) : (
                  <span />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
