"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { dollars } from "@/lib/format";
import type { BonusCost } from "@/lib/review/bonus-cost";
import type { FeedbackTemplateView } from "@/lib/review/feedback-templates";
import { BonusAmount } from "@/lib/review/review-inputs";
import type { WorkerStats } from "@/lib/review/worker-stats";

export const Kbd = ({ children }: { children: ReactNode }) => (
  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] font-medium text-slate-700 shadow-[0_1px_0_rgba(0,0,0,0.08)]">{children}</kbd>
);

/** Feedback is required; a digit picks a saved template while the box is empty. */
export function RejectDialog({
  count,
  countLabel,
  templates,
  error,
  pending,
  onSubmit,
  onClose,
}: {
  count: number;
  /** "1,000+" for all matching a filter; the server counts exactly before anything is sent. */
  countLabel?: string;
  templates: FeedbackTemplateView[];
  error?: string;
  pending: boolean;
  onSubmit: (feedback: string) => void;
  onClose: () => void;
}) {
  const [feedback, setFeedback] = useState("");
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const submit = () => (feedback.trim() ? onSubmit(feedback.trim()) : setMissing(true));
  return (
    <Dialog title={`Reject ${count === 1 && !countLabel ? "assignment" : `${countLabel ?? count} assignments`}`} onClose={onClose}>
      {/* Whole templates, wrapped: a reviewer reads what the worker will get before picking it. */}
      <ol className="-mx-2 max-h-64 space-y-1 overflow-y-auto text-sm" aria-label="Feedback templates">
        {templates.slice(0, 9).map((t, i) => (
          <li key={t.id}>
            <button type="button" className="grid w-full grid-cols-[auto_1fr] items-start gap-x-2 rounded px-2 py-1.5 text-left hover:bg-slate-50" onClick={() => setFeedback(t.text)}>
              <Kbd>{i + 1}</Kbd>
              <span className="min-w-0">
                <span className="block font-medium text-slate-800">{t.label}</span>
                <span className="block [overflow-wrap:anywhere] whitespace-pre-line text-slate-600">{t.text}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      <label className="block space-y-1.5">
        <span className="text-sm font-medium text-slate-700">Feedback to the worker</span>
        <textarea
          ref={box}
          rows={3}
          value={feedback}
          aria-invalid={missing || undefined}
          onChange={(e) => {
            setMissing(false);
            setFeedback(e.target.value);
          }}
          onKeyDown={(e) => {
            const template = /^[1-9]$/.test(e.key) && !feedback ? templates[Number(e.key) - 1] : undefined;
            if (template) {
              e.preventDefault();
              setFeedback(template.text);
            } else if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        />
      </label>
      {missing && <Alert tone="error">A rejection needs feedback: pick a template or write one.</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-xs text-slate-500">
        <Kbd>1</Kbd>–<Kbd>{Math.min(9, templates.length)}</Kbd> template · <Kbd>Enter</Kbd> reject · <Kbd>Shift+Enter</Kbd> new line · <Kbd>Esc</Kbd> cancel. You can undo for a few seconds after.
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" disabled={pending} onClick={submit}>
          Reject
        </Button>
      </div>
    </Dialog>
  );
}

/** Amount and reason, then a preview of the cost with fees, then pay: Enter twice. */
export function BonusDialog({
  count,
  limitCents,
  cost,
  error,
  pending,
  onPreview,
  onPay,
  onClose,
}: {
  count: number;
  limitCents: number | null;
  cost: BonusCost | null;
  error?: string;
  pending: boolean;
  onPreview: (v: { amount: string; reason: string }) => unknown;
  onPay: (v: { amount: string; reason: string }) => unknown;
  onClose: () => void;
}) {
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  // A preview holds only for what was previewed: editing asks for a new one.
  const shown = cost && previewed === `${amount}|${reason}` ? cost : null;
  const go = () => {
    const parsed = BonusAmount.safeParse(amount);
    if (!parsed.success) return setInvalid(parsed.error.issues[0]!.message);
    if (!reason.trim()) return setInvalid("Say why the worker gets the bonus");
    setInvalid(null);
    if (shown) return onPay({ amount, reason });
    setPreviewed(`${amount}|${reason}`);
    onPreview({ amount, reason });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      go();
    }
  };
  const input = "block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";
  return (
    <Dialog title={`Bonus ${count === 1 ? "this worker" : `${count} workers`}`} onClose={onClose}>
      <div className="grid grid-cols-[8rem_1fr] gap-3">
        <label className="space-y-1.5">
          <span className="text-sm font-medium text-slate-700">Amount ($)</span>
          <input ref={first} inputMode="decimal" value={amount} placeholder="0.50" onKeyDown={onKeyDown} onChange={(e) => setAmount(e.target.value)} className={input} />
        </label>
        <label className="space-y-1.5">
          <span className="text-sm font-medium text-slate-700">Reason</span>
          <input value={reason} placeholder="Thanks for the careful work" onKeyDown={onKeyDown} onChange={(e) => setReason(e.target.value)} className={input} />
        </label>
      </div>
      {limitCents !== null && <p className="text-xs text-slate-500">Your limit as a reviewer: {dollars(limitCents)} per bonus.</p>}
      {shown && (
        <div className="rounded-lg bg-slate-50 px-4 py-3 text-sm" data-testid="bonus-preview">
          <p>
            {shown.count} bonus{shown.count === 1 ? "" : "es"}: {dollars(shown.bonusCents)} + fees {dollars(shown.feeCents)} = <span className="font-semibold">{dollars(shown.totalCents)}</span>
          </p>
          <p className="text-xs text-slate-500">Fees estimated with {shown.feeBasis}.</p>
        </div>
      )}
      {(invalid || error) && <Alert tone="error">{invalid ?? error}</Alert>}
      <p className="text-xs text-slate-500">
        <Kbd>Enter</Kbd> {shown ? "pay" : "show the cost"} · <Kbd>Esc</Kbd> cancel
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={pending} onClick={go}>
          {shown ? `Pay ${dollars(shown.totalCents)}` : "Show cost"}
        </Button>
      </div>
    </Dialog>
  );
}

/** Before a bulk rejection: who it hits and how they have done so far. */
export function ImpactDialog({ affected, impact, pending, onConfirm, onClose }: { affected: number; impact: WorkerStats[]; pending: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={`Reject ${affected} assignments of ${impact.length} worker${impact.length === 1 ? "" : "s"}?`} onClose={onClose}>
      <div className="max-h-72 overflow-auto">
        <Table data-testid="rejection-impact">
          <TableHead>
            <tr>
              <Th className="py-1">Worker</Th>
              <Th className="py-1 text-right">Approval rate</Th>
              <Th className="py-1 text-right">Decided</Th>
              <Th className="py-1 text-right">Waiting</Th>
            </tr>
          </TableHead>
          <TableBody>
            {impact.map((w) => (
              <tr key={w.workerId}>
                <td className="py-1 font-mono text-xs">{w.workerId}</td>
                <td className="py-1 text-right tabular-nums">{w.approvalRate === null ? "new" : `${Math.round(w.approvalRate * 100)}%`}</td>
                <td className="py-1 text-right tabular-nums">{w.approved + w.rejected}</td>
                <td className="py-1 text-right tabular-nums">{w.submitted}</td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </div>
      <p className="text-xs text-slate-500">
        Rejections lower these workers&apos; approval rates on the marketplace. <Kbd>Enter</Kbd> reject all · <Kbd>Esc</Kbd> cancel
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button autoFocus variant="danger" disabled={pending} onClick={onConfirm}>
          Reject {affected}
        </Button>
      </div>
    </Dialog>
  );
}
