"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import type { QualificationOp } from "@/lib/qualifications/qualification-op-input";

export interface OpsResult {
  outcome?: string;
  jobId?: string;
  total: number;
  /** Previews: the first workers who would get the score (with their agreement, for grants by agreement). */
  workers?: { workerId: string; value: number; percent?: number; agreed?: number; compared?: number }[];
  /** Grants by agreement: how many workers could be compared at all. */
  considered?: number;
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
