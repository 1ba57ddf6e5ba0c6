"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import { dollars } from "@/lib/format";
import type { BonusResult } from "@/lib/review/pay-bonuses";
import type { BonusCost } from "@/lib/review/bonus-cost";
import { BonusDialog } from "@/app/(dashboard)/review/_components/decision-dialogs";

/**
 * A bonus on one of the worker's assignments (MTurk pays bonuses against an assignment), through
 * the review queue's bonus route and dialog: the same ledger, token and job, so a double click or
 * a resend pays once.
 */
export function WorkerBonusButton({ assignmentId, hitTitle, limitCents }: { assignmentId: string; hitTitle: string; limitCents: number | null }) {
  // One key per opening of the dialog: the token of this payment whatever is resent.
  const [requestKey, setRequestKey] = useState<string | null>(null);
  const [cost, setCost] = useState<BonusCost | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  // A second press before the first answer is one payment anyway (same key); it is not sent at all.
  const paying = useRef(false);
  const bonus = useMutation({
    mutationFn: (body: { amount: string; reason: string; preview?: boolean }) => apiFetch<BonusResult>("/api/review/bonuses", { body: { ...body, assignmentIds: [assignmentId], requestKey } }),
  });
  const close = () => {
    setRequestKey(null);
    setCost(null);
    bonus.reset();
  };
  return (
    <>
      <Button
        variant="ghost"
        className="px-2 py-1"
        aria-label={`Bonus for ${hitTitle} (${assignmentId})`}
        onClick={() => {
          setQueued(null);
          setRequestKey(crypto.randomUUID());
        }}
      >
        Bonus…
      </Button>
      {queued && (
        <span role="status" className="text-xs text-emerald-700">
          {queued}
        </span>
      )}
      {requestKey && (
        <BonusDialog
          count={1}
          limitCents={limitCents}
          cost={cost}
          pending={bonus.isPending}
          error={bonus.error?.message}
          onClose={close}
          onPreview={async (v) => {
            const r = await bonus.mutateAsync({ ...v, preview: true }).catch(() => null);
            setCost(r?.cost ?? null);
          }}
          onPay={async (v) => {
            if (paying.current) return;
            paying.current = true;
            const r = await bonus.mutateAsync(v).catch(() => null);
            paying.current = false;
            if (!r || r.preview) return;
            setQueued(r.queued ? `Paying ${dollars(r.cost.totalCents)} with fees.` : "Already paid or on its way.");
            close();
          }}
        />
      )}
    </>
  );
}
