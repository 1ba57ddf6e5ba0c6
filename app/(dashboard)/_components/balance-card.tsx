"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { apiFetch } from "@/lib/api-client";

type Balance = { ok: true; availableBalance: string } | { ok: false; error: string };

export function BalanceCard({ environment }: { environment: string }) {
  const balance = useQuery({ queryKey: ["balance", environment], queryFn: () => apiFetch<Balance>("/api/team/balance"), refetchInterval: 60_000 });
  return (
    <Card title="Account balance" description={`Available to spend in ${environment}`}>
      {balance.isPending ? (
        <div className="h-9 w-32 animate-pulse rounded bg-slate-100" />
      ) : balance.data?.ok ? (
        <p className="text-3xl font-semibold tabular-nums" data-testid="balance">
          ${Number(balance.data.availableBalance).toLocaleString("en-US", { minimumFractionDigits: 2 })}
        </p>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          {balance.data?.ok === false ? balance.data.error : (balance.error?.message ?? "Could not read the balance")}
        </p>
      )}
    </Card>
  );
}
