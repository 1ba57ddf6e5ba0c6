import { Card } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";
import type { GettingStartedStep } from "@/lib/overview/getting-started";
import { GettingStartedToggle } from "./getting-started-toggle";

/** A new team's first steps; the overview leaves it out once every step is done, or once the member hides it. */
export function GettingStartedCard({ steps }: { steps: GettingStartedStep[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <Card
      title="Getting started"
      description="Each step ticks itself once it is done, by you or a teammate."
      className="lg:col-span-3"
      actions={
        <div className="flex shrink-0 items-center gap-3 text-sm text-slate-600">
          <span data-testid="getting-started-progress">
            {done} of {steps.length} done
          </span>
          <span aria-hidden className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100">
            <span className="block h-full rounded-full bg-emerald-600" style={{ width: `${(done / steps.length) * 100}%` }} />
          </span>
          <GettingStartedToggle hidden={false} />
        </div>
      }
    >
      <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="getting-started">
        {steps.map((s, i) => (
          <li key={s.key} data-done={s.done} className={`flex flex-col rounded-lg p-3.5 ring-1 ${s.done ? "bg-slate-50 ring-slate-200" : "bg-white ring-slate-300"}`}>
            <div className="flex items-center gap-2">
              {s.done ? (
                <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-xs font-bold text-white" aria-hidden>
                  ✓
                </span>
              ) : (
                <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold text-slate-600 ring-1 ring-slate-300" aria-hidden>
                  {i + 1}
                </span>
              )}
              <h3 className={`text-sm font-semibold ${s.done ? "text-slate-500" : "text-slate-900"}`}>
                {s.title}
                <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
              </h3>
            </div>
            <p className="mt-2 flex-1 text-xs leading-5 text-slate-600">{s.hint}</p>
            {s.done ? (
              <p className="mt-3 text-xs font-medium text-emerald-700">Done</p>
            ) : (
              <IntentLink href={s.href} className="mt-3 text-sm font-medium text-brand-600 hover:underline">
                {s.action} →
              </IntentLink>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
