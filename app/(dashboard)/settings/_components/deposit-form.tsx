"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { DepositInput } from "@/lib/teams/deposit-input";
import { useApiMutation } from "./use-api-mutation";

/** Owners fund the built-in production marketplace by recording deposits. */
export function DepositForm() {
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const deposit = useApiMutation((body: DepositInput) => ({ path: "/api/team/deposits", body }));
  return (
    <form
      id="record-deposit"
      noValidate
      className="mt-4 scroll-mt-20 space-y-3 border-t border-red-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        deposit.mutate({ amount, note: note || undefined }, { onSuccess: () => (setAmount(""), setNote("")) });
      }}
    >
      <h4 className="text-sm font-semibold text-slate-900">Record a deposit</h4>
      <p className="text-xs text-slate-500">Money your team sets aside to pay its workers. Approvals and bonuses draw on it.</p>
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr_auto] sm:items-end">
        <Field label="Amount (USD)">
          <Input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="500.00" />
        </Field>
        <Field label="Note">
          <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Grant 2026-Q4" />
        </Field>
        <Button type="submit" variant="secondary" disabled={deposit.isPending}>
          Record deposit
        </Button>
      </div>
      {deposit.error && <Alert tone="error">{deposit.error.message}</Alert>}
      {deposit.isSuccess && <Alert tone="success">Deposit recorded.</Alert>}
    </form>
  );
}
