"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import type { Role } from "@/lib/auth/roles";

export function TeamSwitch({ teams, activeTeamId }: { teams: { id: string; name: string; role: Role }[]; activeTeamId: string }) {
  const router = useRouter();
  const change = useMutation({
    mutationFn: (teamId: string) => apiFetch("/api/me/team", { body: { teamId } }),
    onSuccess: () => router.refresh(),
  });
  if (teams.length < 2) {
    return <span className="truncate text-sm font-medium text-slate-700">{teams[0]?.name}</span>;
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Team</span>
      <select
        aria-label="Team"
        value={activeTeamId}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.target.value)}
        className="rounded-md border-0 bg-transparent py-1 pr-8 pl-2 text-sm font-medium text-slate-800 ring-1 ring-slate-200 focus:ring-2 focus:ring-brand-600"
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
