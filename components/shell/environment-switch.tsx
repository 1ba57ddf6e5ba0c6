"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import { ENVIRONMENTS, type EnvironmentName } from "@/lib/scope";

const LABELS: Record<EnvironmentName, string> = { sandbox: "Sandbox", production: "Production" };

export function EnvironmentSwitch({ environment }: { environment: EnvironmentName }) {
  const router = useRouter();
  const change = useMutation({
    mutationFn: (next: EnvironmentName) => apiFetch("/api/me/environment", { body: { environment: next } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div role="radiogroup" aria-label="Environment" className="inline-flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200">
      {ENVIRONMENTS.map((env) => {
        const active = env === environment;
        const tone = env === "production" ? "bg-red-600 text-white" : "bg-white text-slate-900 shadow-sm";
        return (
          <button
            key={env}
            role="radio"
            aria-checked={active}
            disabled={change.isPending}
            onClick={() => !active && change.mutate(env)}
            className={`rounded-md px-3 py-1 text-xs font-semibold transition ${active ? tone : "text-slate-600 hover:text-slate-900"}`}
          >
            {LABELS[env]}
          </button>
        );
      })}
    </div>
  );
}
