"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { AccountBalance } from "@/lib/mturk/balance";

/** The environment's balance as the marketplace reports it, re-read every minute. */
export function useAccountBalance(environment: string) {
  return useQuery({ queryKey: ["balance", environment], queryFn: () => apiFetch<AccountBalance>("/api/team/balance"), refetchInterval: 60_000 });
}
