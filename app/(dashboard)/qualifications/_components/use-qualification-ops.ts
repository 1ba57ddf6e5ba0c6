"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import type { QualificationOp } from "@/lib/qualifications/qualification-op-input";

export interface OpsResult {
  outcome?: string;
  jobId?: string;
  total: number;
  workers?: { workerId: string; value: number }[];
}

/** Decisions and score changes: one at once, several as a job (the result carries its id). */
export function useQualificationOps(qualificationTypeId: string) {
  const router = useRouter();
  return useMutation({
    mutationFn: (ops: QualificationOp[]) => apiFetch<OpsResult>(`/api/qualifications/${qualificationTypeId}/ops`, { body: { ops } }),
    onSuccess: (r) => {
      if (!r.jobId) router.refresh();
    },
  });
}
