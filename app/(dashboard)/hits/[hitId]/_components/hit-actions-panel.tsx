"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import { HIT_ACTION_LABELS, type HitAction } from "@/lib/hits/hit-actions";
import { ACTION_KINDS, ActionFields, initialAction, type ActionKind } from "../../_components/action-fields";

/** The detail page's actions on this one HIT, done at once, with MTurk's refusals in words. */
export function HitActionsPanel({ hitId }: { hitId: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<ActionKind | null>(null);
  const [action, setAction] = useState<HitAction | null>(null);
  const [problem, setProblem] = useState<string>();
  // One id per opened form: a double click adds assignments once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const act = useMutation({
    mutationFn: (a: HitAction) => apiFetch<{ outcome: string }>(`/api/hits/${hitId}/actions`, { body: { action: a, requestId } }),
    onSuccess: () => {
      setKind(null);
      router.refresh();
    },
  });
  const copy = useMutation({
    mutationFn: () => apiFetch<{ projectId: string; name: string }>(`/api/hits/${hitId}/copy`, { body: {} }),
    onSuccess: ({ projectId }) => router.push(`/projects/${projectId}`),
  });
  const open = (k: ActionKind) => {
    setKind(k);
    setAction(initialAction(k));
    setProblem(undefined);
    setRequestId(crypto.randomUUID());
    act.reset();
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {ACTION_KINDS.map((k) => (
          <Button key={k} variant={k === "delete" ? "danger" : kind === k ? "primary" : "secondary"} onClick={() => open(k)}>
            {HIT_ACTION_LABELS[k]}
          </Button>
        ))}
        <Button variant="secondary" onClick={() => copy.mutate()} disabled={copy.isPending}>
          Copy as new project
        </Button>
      </div>
      {kind && (
        <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          <ActionFields
            key={kind}
            kind={kind}
            onChange={(a, error) => {
              setAction(a);
              setProblem(error);
            }}
          />
          {problem && <Alert tone="error">{problem}</Alert>}
          <div className="flex gap-2">
            <Button variant={kind === "delete" ? "danger" : "primary"} disabled={!action || act.isPending} onClick={() => action && act.mutate(action)}>
              {act.isPending ? "Working…" : `${HIT_ACTION_LABELS[kind]} this HIT`}
            </Button>
            <Button variant="ghost" onClick={() => setKind(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {act.data && <Alert tone="success">{act.data.outcome}</Alert>}
      {act.error && <Alert tone="error">{act.error.message}</Alert>}
      {copy.error && <Alert tone="error">{copy.error.message}</Alert>}
    </div>
  );
}
