"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import type { TeamWorkforce } from "@/lib/teams/simulated-workforce";

const KEY = ["simulated-workforce"] as const;

/** The team's simulated workforce, refreshed while the page is open so its counts move live. */
export function useSimulatedWorkforce() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<TeamWorkforce>("/api/team/workforce"), refetchInterval: 5000 });
}

export function useUpdateSimulatedWorkforce() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkforceSettingsPatch) => apiFetch<TeamWorkforce>("/api/team/workforce", { method: "PATCH", body: patch }),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
}
