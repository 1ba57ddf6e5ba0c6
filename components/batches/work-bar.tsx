import type { BatchWork } from "@/lib/batches/batch-work";

export const WORK_SEGMENTS = [
  { key: "approved", label: "Approved", color: "bg-emerald-500" },
  { key: "rejected", label: "Rejected", color: "bg-red-500" },
  { key: "submitted", label: "Waiting for review", color: "bg-brand-500" },
  { key: "working", label: "Being worked on", color: "bg-amber-400" },
  { key: "available", label: "Not accepted yet", color: "bg-slate-200" },
] as const;

/** One bar over all the assignments a batch asks for, by where each stands. */
export function WorkBar({ work, className = "h-2.5" }: { work: BatchWork; className?: string }) {
  return (
    <div className={`flex overflow-hidden rounded-full bg-slate-100 ${className}`} role="img" aria-label={WORK_SEGMENTS.map((s) => `${s.label}: ${work[s.key]}`).join(", ")}>
      {work.assignments > 0 && WORK_SEGMENTS.map((s) => <div key={s.key} className={s.color} style={{ width: `${(work[s.key] / work.assignments) * 100}%` }} />)}
    </div>
  );
}
