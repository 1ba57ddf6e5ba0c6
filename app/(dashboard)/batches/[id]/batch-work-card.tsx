import { IntentLink } from "@/components/ui/intent-link";
import { Card } from "@/components/ui/card";
import { WORK_SEGMENTS, WorkBar } from "@/components/batches/work-bar";
import type { BatchWork } from "@/lib/batches/batch-work";
import { relative } from "@/lib/format";

/** The batch's work, as far as the last sync saw it: one bar over all the assignments it asks for. */
export function BatchWorkCard({ batchId, work }: { batchId: string; work: BatchWork }) {
  const done = work.approved + work.rejected;
  const received = done + work.submitted;
  return (
    <Card
      title="Work"
      description={work.syncedAt ? `As of the last sync, ${relative(work.syncedAt)}.` : "Not synced yet: figures appear after the next sync."}
      actions={
        work.submitted > 0 ? (
          <IntentLink href={`/review?batch=${batchId}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
            Review this batch
          </IntentLink>
        ) : undefined
      }
    >
      <div data-testid="batch-work" className="space-y-3">
        <p className="text-sm text-slate-700" role="status">
          {received.toLocaleString("en-US")} of {work.assignments.toLocaleString("en-US")} assignments submitted · {done.toLocaleString("en-US")} decided
        </p>
        <WorkBar work={work} />
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {WORK_SEGMENTS.map((s) => (
            <div key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-sm ${s.color}`} />
              <dt className="text-slate-500">{s.label}</dt>
              <dd className="font-medium text-slate-900 tabular-nums">{work[s.key].toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Card>
  );
}
