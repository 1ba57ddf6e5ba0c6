"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";

/** Sets or revokes one of the team's qualification scores for this worker. */
export function WorkerScoreEditor({ qualificationTypeId, workerId, value }: { qualificationTypeId: string; workerId: string; value: number | null }) {
  const router = useRouter();
  const [draft, setDraft] = useState(String(value ?? ""));
  const op = useMutation({
    mutationFn: (ops: unknown[]) => apiFetch(`/api/qualifications/${qualificationTypeId}/ops`, { body: { ops } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex items-center gap-2">
      <Input aria-label={`Value for ${qualificationTypeId}`} type="number" className="w-24" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <Button variant="secondary" disabled={op.isPending || draft === String(value ?? "")} onClick={() => op.mutate([{ op: "grant", workerId, value: Number(draft), notify: false }])}>
        Save
      </Button>
      <Button variant="ghost" className="text-red-700" disabled={op.isPending} onClick={() => op.mutate([{ op: "revoke", workerId, reason: "" }])}>
        Revoke
      </Button>
      {op.error && <span className="text-xs text-red-700">{op.error.message}</span>}
    </div>
  );
}
