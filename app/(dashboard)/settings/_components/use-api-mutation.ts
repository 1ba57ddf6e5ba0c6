"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";

/** A call to HITdesk's API that refreshes the server-rendered page when it succeeds. */
export function useApiMutation<V, R = unknown>(request: (vars: V) => { path: string; method?: string; body?: unknown }) {
  const router = useRouter();
  return useMutation({
    mutationFn: (vars: V) => {
      const r = request(vars);
      return apiFetch<R>(r.path, { method: r.method, body: r.body });
    },
    onSuccess: () => router.refresh(),
  });
}
