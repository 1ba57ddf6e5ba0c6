"use client";

import { Card } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";
import { useAccountBalance } from "@/components/balance/use-account-balance";
import { dollars } from "@/lib/format";
import { dollarsToCents } from "@/lib/money";

/** `depositHref`: where this member records a deposit, when they may (owners, built-in production). */
export function BalanceCard({ environment, depositHref }: { environment: string; depositHref?: string }) {
  const balance = useAccountBalance(environment);
  const spent = balance.data?.ok ? balance.data.sandboxSpent : undefined;
  return (
    <Card title="Account balance" description={`Available to spend in ${environment}`}>
      {balance.isPending ? (
        <div className="h-9 w-32 animate-pulse rounded bg-slate-100" />
      ) : balance.data?.ok ? (
        <>
          <p className="text-3xl font-semibold tabular-nums" data-testid="balance">
            {dollars(dollarsToCents(balance.data.availableBalance))}
          </p>
          {spent ? (
            // MTurk's sandbox always reports $10,000.00, so what was spent comes from a ledger.
            <p className="mt-2 text-sm text-slate-600" data-testid="sandbox-spend">
              Sandbox: {dollars(dollarsToCents(balance.data.availableBalance))} test balance · {dollars(spent.cents)} spent
              {spent.source === "hitdesk" ? " through HITdesk (without fees)" : ""}
            </p>
          ) : null}
          {depositHref && (
            <p className="mt-3 text-sm">
              <IntentLink href={depositHref} className="font-medium text-brand-600 hover:underline" data-testid="record-deposit-link">
                {Number(balance.data.availableBalance) === 0 ? "Fund production work: record a deposit →" : "Record a deposit →"}
              </IntentLink>
            </p>
          )}
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          {balance.data?.ok === false ? balance.data.error : (balance.error?.message ?? "Could not read the balance")}
        </p>
      )}
    </Card>
  );
}
