const TONES: Record<string, string> = {
  Assignable: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  Unassignable: "bg-amber-50 text-amber-800 ring-amber-200",
  Reviewable: "bg-brand-50 text-brand-700 ring-brand-100",
  Reviewing: "bg-violet-50 text-violet-700 ring-violet-200",
  Deleted: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** A HIT's MTurk status; a HIT the marketplace no longer lists shows as Deleted. */
export function StatusBadge({ status, forgotten }: { status: string; forgotten?: boolean }) {
  const label = forgotten ? "Deleted" : status;
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[label] ?? TONES.Deleted}`}>{label}</span>;
}
