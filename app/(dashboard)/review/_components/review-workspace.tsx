"use client";

import { usePathname, useRouter } from "next/navigation";
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ago, dollars, duration, timeAgo } from "@/lib/format";
import type { FeedbackTemplateView } from "@/lib/review/feedback-templates";
import { flattenAnswers, type AnswerField } from "@/lib/review/flatten-answers";
import type { QueueItem } from "@/lib/review/list-review-queue";
import type { BonusCost } from "@/lib/review/bonus-cost";
import type { QueueFilter } from "@/lib/review/review-inputs";
import type { ReviewSettingsView } from "@/lib/review/review-settings";
import type { WorkerStats } from "@/lib/review/worker-stats";
import { AssignmentPanel } from "./assignment-panel";
import { CsvUploads } from "./csv-uploads";
import { BonusDialog, ImpactDialog, Kbd, RejectDialog } from "./decision-dialogs";
import { useNow } from "./format";
import { ReviewSettingsCard } from "./review-settings-card";
import { queueSearch, useBonus, useConfirmRejections, useDecide, useReviewQueue, useSyncOnOpen, useUndo, type DecideBody, type InitialQueue } from "./use-review";

type Target = { assignmentIds: string[] } | { filter: QueueFilter; count: number };
type Open =
  | { kind: "reject"; target: Target }
  | { kind: "bonus"; target: { assignmentIds: string[] }; requestKey: string; cost: BonusCost | null }
  | { kind: "impact"; body: DecideBody; affected: number; impact: WorkerStats[] }
  | null;
type Undoable = { decisionIds: string[]; notBefore: number; label: string };

const DUE_SOON_MS = 24 * 3_600_000;

export type FilterOptions = { batches: { id: string; name: string }[]; projects: { id: string; name: string }[] };

function FilterBar({ filter, options, onChange }: { filter: QueueFilter; options: FilterOptions; onChange: (f: QueueFilter) => void }) {
  // A new filter from the page resets the draft (adjusted while rendering, not in an effect).
  const [draft, setDraft] = useState(filter);
  const [draftOf, setDraftOf] = useState(filter);
  if (draftOf !== filter) {
    setDraftOf(filter);
    setDraft(filter);
  }
  const input = "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600";
  // Visible labels: a placeholder alone disappears as soon as the reviewer types.
  const labelled = (label: string, control: ReactNode) => (
    <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
      {label}
      {control}
    </label>
  );
  const text = (key: "hit" | "hitId" | "workerId" | "answer", label: string, width = "w-40") =>
    labelled(label, <input value={draft[key] ?? ""} onChange={(e) => setDraft({ ...draft, [key]: e.target.value || undefined })} className={`${input} ${width}`} />);
  const hours = (key: "olderThanHours" | "dueWithinHours", label: string) =>
    labelled(
      label,
      <input
        placeholder="hours"
        inputMode="numeric"
        value={draft[key] ?? ""}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value === "" ? undefined : Number(e.target.value) })}
        className={`${input} w-36`}
      />,
    );
  const pick = (key: "batch" | "project", label: string, choices: { id: string; name: string }[]) =>
    labelled(
      label,
      <select value={draft[key] ?? ""} onChange={(e) => setDraft({ ...draft, [key]: e.target.value || undefined })} className={`${input} max-w-48 pr-8`}>
        <option value="">Any {label.toLowerCase()}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>,
    );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
        (document.activeElement as HTMLElement | null)?.blur();
      }}
    >
      {pick("project", "Project", options.projects)}
      {pick("batch", "Batch", options.batches)}
      {text("hit", "HIT title or type id", "w-48")}
      {text("hitId", "HIT id")}
      {text("workerId", "Worker id")}
      {text("answer", "Answer contains")}
      {hours("olderThanHours", "Older than (hours)")}
      {hours("dueWithinHours", "Auto-approves within (hours)")}
      {labelled(
        "Group by",
        <select value={draft.group} onChange={(e) => onChange({ ...draft, group: e.target.value as QueueFilter["group"] })} className={`${input} pr-8`}>
          <option value="none">No grouping</option>
          <option value="hit">HIT</option>
          <option value="worker">Worker</option>
        </select>,
      )}
      <Button type="submit" variant="secondary" className="py-1.5">
        Filter
      </Button>
    </form>
  );
}

function StatusBadge({ item, now }: { item: QueueItem; now: number }) {
  const d = item.decision;
  if (!d) return null;
  const wait = new Date(d.notBefore).getTime() - now;
  const label =
    d.status === "awaiting_confirmation" ? "Rejection awaits a second reviewer" : d.action === "reject" ? (wait > 0 ? `Rejecting in ${Math.ceil(wait / 1000)}s` : "Rejecting…") : "Approving…";
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${d.action === "reject" ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-700"}`}>{label}</span>;
}

/** "text: The blender is great · sentiment.label: Positive": fields on one line, as a list row shows them. */
const fieldsText = (fields: AnswerField[]) => fields.map((f) => `${f.name}: ${f.value}`).join(" · ");

function Row({ item, focused, selected, now, onFocus }: { item: QueueItem; focused: boolean; selected: boolean; now: number; onFocus: () => void }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: "nearest" });
  }, [focused]);
  const due = item.autoApprovalTime ? new Date(item.autoApprovalTime).getTime() - now : null;
  const answers = flattenAnswers(item.answers);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={focused}
      data-assignment-id={item.assignmentId}
      onClick={onFocus}
      className={`cursor-default border-l-2 px-3 py-2 ${focused ? "border-brand-600 bg-brand-50" : "border-transparent hover:bg-slate-50"} ${item.decision ? "opacity-70" : ""}`}
    >
      <div className="flex items-center gap-2">
        <span
          aria-label={selected ? "selected" : undefined}
          className={`flex h-4 w-4 shrink-0 items-center justify-center rounded border text-[10px] ${selected ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300"}`}
        >
          {selected ? "✓" : ""}
        </span>
        <span className="truncate text-sm font-medium text-slate-900">{item.title}</span>
        <span className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums">{dollars(item.rewardCents)}</span>
      </div>
      <div className="mt-0.5 flex items-center gap-2 pl-6 text-xs text-slate-600">
        <span className="font-mono">{item.workerId}</span>
        <span>·</span>
        <span>{ago(item.submitTime, now)}</span>
        {due !== null && (
          <span className={due < DUE_SOON_MS ? "font-medium text-amber-700" : ""} title="Auto-approval: MTurk approves it by itself then">
            · auto in {duration(due)}
          </span>
        )}
        <span className="ml-auto">
          <StatusBadge item={item} now={now} />
        </span>
      </div>
      {item.inputs && (
        <p className="mt-0.5 truncate pl-6 text-xs text-slate-600" data-testid="row-inputs" title={fieldsText(item.inputs.fields)}>
          {fieldsText(item.inputs.fields)}
        </p>
      )}
      {answers.length > 0 && (
        <p className="mt-0.5 truncate pl-6 text-xs font-medium text-slate-700" data-testid="row-answers" title={fieldsText(answers)}>
          {fieldsText(answers)}
        </p>
      )}
    </li>
  );
}

const HINTS: [string, string][] = [
  ["j / k", "next / previous"],
  ["x", "select"],
  ["a", "approve"],
  ["r", "reject"],
  ["b", "bonus"],
  ["u", "undo rejection"],
  ["c", "confirm another's rejection"],
  ["A / R", "all matching"],
  ["/", "filter"],
];

export function ReviewWorkspace({
  initialFilter,
  initialQueue,
  canAct,
  canEditSettings,
  reviewerLimitCents,
  settings,
  templates,
  environment,
  filterOptions,
}: {
  initialFilter: QueueFilter;
  /** The first page of `initialFilter`, as the server read it. */
  initialQueue: InitialQueue;
  canAct: boolean;
  canEditSettings: boolean;
  reviewerLimitCents: number | null;
  settings: ReviewSettingsView;
  templates: FeedbackTemplateView[];
  environment: string;
  filterOptions: FilterOptions;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [filter, setFilter] = useState(initialFilter);
  const [cursors, setCursors] = useState<string[]>([]);
  const queue = useReviewQueue(filter, cursors.at(-1), initialQueue);
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  // The server counts on the first page; later pages keep that count.
  const [counted, setCounted] = useState({ total: 0, capped: false });
  if (queue.data && queue.data.total !== null && (queue.data.total !== counted.total || queue.data.totalCapped !== counted.capped)) {
    setCounted({ total: queue.data.total, capped: queue.data.totalCapped });
  }
  const total = counted.total;
  const totalLabel = `${total.toLocaleString("en-US")}${counted.capped ? "+" : ""}`;
  const [focusId, setFocusId] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [undoables, setUndoables] = useState<Undoable[]>([]);
  const [jobs, setJobs] = useState<{ id: string; label: string }[]>([]);
  const decide = useDecide();
  const undo = useUndo();
  const confirmRejection = useConfirmRejections();
  const bonus = useBonus();
  const now = useNow();
  const syncing = useSyncOnOpen(queue.data?.syncedAt, !!queue.data);

  const focusIndex = Math.max(
    0,
    items.findIndex((i) => i.assignmentId === focusId),
  );
  const focused = items[focusIndex];
  // The focused row left the queue (decided and synced): stay at the same position.
  const lastIndex = useRef(0);
  useEffect(() => {
    if (items.length === 0) return;
    if (!focusId || !items.some((i) => i.assignmentId === focusId)) setFocusId(items[Math.min(lastIndex.current, items.length - 1)]!.assignmentId);
    else lastIndex.current = items.findIndex((i) => i.assignmentId === focusId);
  }, [items, focusId]);

  const applyFilter = useCallback(
    (f: QueueFilter) => {
      setFilter(f);
      setCursors([]);
      setSelected(new Set());
      lastIndex.current = 0;
      const search = queueSearch(f);
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const move = useCallback(
    (delta: 1 | -1) => {
      const next = focusIndex + delta;
      if (next >= 0 && next < items.length) return setFocusId(items[next]!.assignmentId);
      if (delta === 1 && queue.data?.nextCursor) {
        setCursors((c) => [...c, queue.data.nextCursor!]);
        lastIndex.current = 0;
        setFocusId(undefined);
      } else if (delta === -1 && cursors.length > 0) {
        setCursors((c) => c.slice(0, -1));
        lastIndex.current = Number.MAX_SAFE_INTEGER;
        setFocusId(undefined);
      }
    },
    [focusIndex, items, queue.data, cursors.length],
  );

  const target = useCallback((): { assignmentIds: string[] } | null => {
    if (selected.size > 0) return { assignmentIds: [...selected] };
    if (focused && !focused.decision) return { assignmentIds: [focused.assignmentId] };
    return null;
  }, [selected, focused]);

  const send = useCallback(
    async (body: DecideBody) => {
      setNotice(null);
      try {
        const result = await decide.mutateAsync(body);
        if (result.confirmRequired) return setOpen({ kind: "impact", body, affected: result.affected, impact: result.impact });
        setOpen(null);
        setSelected(new Set());
        const n = result.decisions.length;
        if (body.action === "reject") {
          const ids = result.decisions.map((d) => d.id);
          const waiting = result.decisions[0]?.status === "awaiting_confirmation";
          setUndoables((u) => [
            ...u,
            { decisionIds: ids, notBefore: waiting ? Number.MAX_SAFE_INTEGER : new Date(result.decisions[0]!.notBefore).getTime(), label: `${n} rejection${n === 1 ? "" : "s"}` },
          ]);
          setNotice({ tone: "info", text: waiting ? `${n} rejection${n === 1 ? "" : "s"} wait for a second reviewer's confirmation.` : `Rejected ${n}. Press u to undo.` });
        } else {
          setNotice({ tone: "success", text: `${body.action === "override" ? "Overriding" : "Approving"} ${n} assignment${n === 1 ? "" : "s"}.` });
        }
        if (result.skipped.length) setNotice({ tone: "info", text: `${n} decided; ${result.skipped.length} skipped (${result.skipped[0]!.reason}).` });
        if (n > 1 && result.jobId) setJobs((j) => [{ id: result.jobId!, label: `${body.action === "reject" ? "Rejecting" : "Approving"} ${n}` }, ...j]);
        if ("assignmentIds" in body && body.assignmentIds.length === 1 && focused?.assignmentId === body.assignmentIds[0]) move(1);
      } catch (e) {
        setOpen(null);
        setNotice({ tone: "error", text: (e as Error).message });
      }
    },
    [decide, focused, move],
  );

  const undoLatest = useCallback(async () => {
    const live = undoables.filter((u) => u.notBefore > Date.now());
    const latest = live.at(-1);
    if (!latest) return setNotice({ tone: "info", text: "Nothing to undo: rejections are sent once their undo window ends." });
    setUndoables((u) => u.filter((x) => x !== latest));
    try {
      const r = await undo.mutateAsync({ decisionIds: latest.decisionIds });
      setNotice({ tone: "success", text: `Undone: ${r.undone.length} rejection${r.undone.length === 1 ? "" : "s"} will not be sent.` });
    } catch (e) {
      setNotice({ tone: "error", text: (e as Error).message });
    }
  }, [undoables, undo]);

  const refuseViewer = useCallback(() => setNotice({ tone: "info", text: "You have read-only access in this team: a reviewer, admin or owner can decide." }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open || e.metaKey || e.ctrlKey || e.altKey) return;
      const el = e.target as HTMLElement;
      if (el.closest("input, textarea, select, [contenteditable=true]")) return;
      const act = (fn: () => void) => {
        e.preventDefault();
        if (!canAct) refuseViewer();
        else fn();
      };
      switch (e.key) {
        case "j":
        case "ArrowDown":
          e.preventDefault();
          move(1);
          break;
        case "k":
        case "ArrowUp":
          e.preventDefault();
          move(-1);
          break;
        case "x":
          e.preventDefault();
          if (focused)
            setSelected((s) => {
              const n = new Set(s);
              if (n.has(focused.assignmentId)) n.delete(focused.assignmentId);
              else n.add(focused.assignmentId);
              return n;
            });
          break;
        case "a":
          act(() => {
            const t = target();
            if (t) void send({ action: "approve", ...t });
          });
          break;
        case "r":
          act(() => {
            const t = target();
            if (t) setOpen({ kind: "reject", target: t });
          });
          break;
        case "A":
          act(() => void send({ action: "approve", filter }));
          break;
        case "R":
          act(() => setOpen({ kind: "reject", target: { filter, count: total } }));
          break;
        case "b":
          act(() => {
            const t = selected.size ? [...selected] : focused ? [focused.assignmentId] : [];
            if (t.length) setOpen({ kind: "bonus", target: { assignmentIds: t }, requestKey: crypto.randomUUID(), cost: null });
          });
          break;
        case "u":
          act(() => void undoLatest());
          break;
        case "c":
          act(() => {
            const d = focused?.decision;
            if (d?.status !== "awaiting_confirmation") return setNotice({ tone: "info", text: "Only a rejection that awaits a second reviewer can be confirmed." });
            confirmRejection
              .mutateAsync({ decisionIds: [d.id] })
              .then(() => setNotice({ tone: "success", text: "Confirmed: the rejection is being sent." }))
              .catch((err: Error) => setNotice({ tone: "error", text: err.message }));
          });
          break;
        case "/":
          e.preventDefault();
          document.querySelector<HTMLInputElement>("[aria-label='HIT title or type id']")?.focus();
          break;
        case "Escape":
          setSelected(new Set());
          break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, canAct, move, focused, target, send, filter, total, selected, undoLatest, refuseViewer, confirmRejection]);

  const liveUndo = undoables.filter((u) => u.notBefore > now);

  const pageStart = cursors.length * 50;
  const groupOf = (item: (typeof items)[number]) => (filter.group === "hit" ? item.hitId : filter.group === "worker" ? item.workerId : undefined);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <FilterBar filter={filter} options={filterOptions} onChange={applyFilter} />
        <p className="text-xs text-slate-500" data-testid="queue-sync-status">
          {syncing === "syncing" ? (
            "Syncing with the marketplace… · "
          ) : syncing === "failed" ? (
            "Sync failed; showing the cache · "
          ) : queue.data ? (
            // The header says it from lg up; the page repeats it only where the header does not.
            <span className="lg:hidden">Synced {timeAgo(queue.data.syncedAt, now)} · </span>
          ) : (
            "Reading the cache… · "
          )}
          {environment}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500" aria-label="Keyboard shortcuts">
        {(canAct ? HINTS : HINTS.slice(0, 2)).map(([k, label]) => (
          <span key={k} className="flex items-center gap-1">
            <Kbd>{k}</Kbd> {label}
          </span>
        ))}
        {!canAct && <span className="font-medium text-slate-600">Read only: viewers cannot decide or pay.</span>}
        {canAct && (
          <span>
            Rejections wait {settings.undoWindowSeconds}s before they are sent{settings.confirmProductionRejections ? "; in production they also need a second reviewer" : ""}.
          </span>
        )}
      </div>

      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {liveUndo.length > 0 && (
        <div className="flex items-center justify-between rounded-lg bg-slate-900 px-4 py-2 text-sm text-white" role="status" data-testid="undo-bar">
          <span>
            {liveUndo.at(-1)!.label} {liveUndo.at(-1)!.notBefore === Number.MAX_SAFE_INTEGER ? "await confirmation" : `sending in ${Math.ceil((liveUndo.at(-1)!.notBefore - now) / 1000)}s`}
          </span>
          <button type="button" className="font-semibold underline" onClick={() => void undoLatest()}>
            Undo (u)
          </button>
        </div>
      )}
      {jobs.length > 0 && (
        <div className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          {jobs.slice(0, 4).map((j) => (
            <JobProgress key={j.id} jobId={j.id} what={j.label} />
          ))}
        </div>
      )}

      <div className="grid min-h-[32rem] grid-cols-1 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200 lg:grid-cols-[minmax(20rem,26rem)_1fr]">
        <div className="flex min-h-0 flex-col border-b border-slate-200 lg:border-r lg:border-b-0">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2 text-xs text-slate-500">
            <span data-testid="queue-count">
              {queue.isPending
                ? "Loading…"
                : total === 0
                  ? "No submitted assignments"
                  : `${(pageStart + 1).toLocaleString("en-US")}–${(pageStart + items.length).toLocaleString("en-US")} of ${totalLabel} submitted`}
              {selected.size > 0 && <span className="ml-2 font-medium text-brand-700">{selected.size} selected</span>}
            </span>
            <span className="flex gap-1">
              <button type="button" disabled={cursors.length === 0} onClick={() => move(-1)} className="rounded px-1.5 hover:bg-slate-100 disabled:opacity-30" aria-label="Previous page">
                ‹
              </button>
              <button
                type="button"
                disabled={!queue.data?.nextCursor}
                onClick={() => setCursors((c) => [...c, queue.data!.nextCursor!])}
                className="rounded px-1.5 hover:bg-slate-100 disabled:opacity-30"
                aria-label="Next page"
              >
                ›
              </button>
            </span>
          </div>
          {queue.isPending ? (
            <div className="space-y-2 p-3">
              {[0, 1, 2, 3].map((i) => (
                <div key={i} className="h-12 animate-pulse rounded bg-slate-100" />
              ))}
            </div>
          ) : queue.error ? (
            <div className="p-3">
              <Alert tone="error">{queue.error.message}</Alert>
            </div>
          ) : items.length === 0 ? (
            <p className="p-6 text-sm text-slate-500">
              Nothing waits for review
              {filter.hit || filter.hitId || filter.workerId || filter.answer || filter.batch || filter.project || filter.olderThanHours !== undefined || filter.dueWithinHours !== undefined
                ? " with these filters"
                : ""}
              . New submissions appear after the next sync.
            </p>
          ) : (
            <ul role="listbox" aria-label="Submitted assignments" className="max-h-[70vh] divide-y divide-slate-100 overflow-auto">
              {items.map((item, i) => {
                const group = groupOf(item);
                const header = group !== undefined && (i === 0 || group !== groupOf(items[i - 1]!));
                return (
                  <Fragment key={item.assignmentId}>
                    {header && (
                      <li role="presentation" className="sticky top-0 z-10 bg-slate-50 px-3 py-1 text-xs font-semibold text-slate-600">
                        {filter.group === "hit" ? `HIT ${item.title} · ${item.hitId}` : `Worker ${item.workerId}`}
                      </li>
                    )}
                    <Row item={item} focused={item.assignmentId === focused?.assignmentId} selected={selected.has(item.assignmentId)} now={now} onFocus={() => setFocusId(item.assignmentId)} />
                  </Fragment>
                );
              })}
            </ul>
          )}
        </div>
        <div className="min-h-0 overflow-auto">
          <AssignmentPanel assignmentId={focused?.assignmentId} canAct={canAct} onOverride={(id) => void send({ action: "override", assignmentIds: [id] })} />
        </div>
      </div>

      {canAct && (
        <details className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-slate-900">Bulk and CSV</summary>
          <div className="space-y-4 border-t border-slate-100 px-5 py-4">
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" disabled={total === 0} onClick={() => void send({ action: "approve", filter })}>
                Approve all {totalLabel} matching
              </Button>
              <Button variant="secondary" disabled={total === 0} onClick={() => setOpen({ kind: "reject", target: { filter, count: total } })}>
                Reject all matching…
              </Button>
            </div>
            <CsvUploads canAct={canAct} onJob={(id, label) => setJobs((j) => [{ id, label }, ...j])} />
          </div>
        </details>
      )}
      {canAct && (
        <details className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-slate-900">Review settings and feedback templates</summary>
          <div className="border-t border-slate-100 px-5 py-4">
            <ReviewSettingsCard settings={settings} canEditSettings={canEditSettings} />
          </div>
        </details>
      )}

      {open?.kind === "reject" && (
        <RejectDialog
          count={"assignmentIds" in open.target ? open.target.assignmentIds.length : open.target.count}
          countLabel={"assignmentIds" in open.target ? undefined : totalLabel}
          templates={templates}
          pending={decide.isPending}
          onClose={() => setOpen(null)}
          onSubmit={(feedback) => {
            const t = open.target;
            void send("assignmentIds" in t ? { action: "reject", feedback, assignmentIds: t.assignmentIds } : { action: "reject", feedback, filter: t.filter });
          }}
        />
      )}
      {open?.kind === "impact" && (
        <ImpactDialog affected={open.affected} impact={open.impact} pending={decide.isPending} onClose={() => setOpen(null)} onConfirm={() => void send({ ...open.body, confirmedImpact: true })} />
      )}
      {open?.kind === "bonus" && (
        <BonusDialog
          count={open.target.assignmentIds.length}
          limitCents={reviewerLimitCents}
          cost={open.cost}
          pending={bonus.isPending}
          error={bonus.error?.message}
          onClose={() => {
            bonus.reset();
            setOpen(null);
          }}
          onPreview={async (v) => {
            const r = await bonus.mutateAsync({ ...open.target, ...v, requestKey: open.requestKey, preview: true }).catch(() => null);
            if (r) setOpen({ ...open, cost: r.cost });
          }}
          onPay={async (v) => {
            const r = await bonus.mutateAsync({ ...open.target, ...v, requestKey: open.requestKey }).catch(() => null);
            if (!r || r.preview) return;
            setOpen(null);
            setSelected(new Set());
            setNotice({
              tone: "success",
              text: r.queued ? `Paying ${r.queued} bonus${r.queued === 1 ? "" : "es"} (${dollars(r.cost.totalCents)} with fees).` : "Already paid: this bonus was sent before.",
            });
            if (r.jobId && r.queued > 1) setJobs((j) => [{ id: r.jobId!, label: `Bonuses (${r.queued})` }, ...j]);
          }}
        />
      )}
    </div>
  );
}
