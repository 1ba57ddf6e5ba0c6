"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceSelect, Field, Input } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";
import { QualificationOp } from "@/lib/qualifications/qualification-op-input";

/** Grants one of the team's qualification types to this worker (or changes the score they hold), through the same ops route as the type's page. */
export function WorkerGrantForm({ workerId, types }: { workerId: string; types: { id: string; name: string }[] }) {
  const router = useRouter();
  const [typeId, setTypeId] = useState("");
  const [value, setValue] = useState("1");
  const [notify, setNotify] = useState(false);
  const [issues, setIssues] = useState<{ type?: string; value?: string }>({});
  const [granted, setGranted] = useState<string | null>(null);
  const grant = useMutation({
    mutationFn: (op: QualificationOp) => apiFetch(`/api/qualifications/${typeId}/ops`, { body: { ops: [op] } }),
    onSuccess: (_, op) => {
      setGranted(`Granted ${types.find((t) => t.id === typeId)?.name ?? typeId}${op.op === "grant" ? ` with value ${op.value}` : ""}.`);
      router.refresh();
    },
  });
  if (types.length === 0) return <p className="text-sm text-slate-500">Your team has no qualification types in this environment to grant.</p>;
  return (
    <form
      className="space-y-3"
      aria-label="Grant a qualification"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = QualificationOp.safeParse({ op: "grant", workerId, value: value.trim() === "" ? NaN : Number(value), notify });
        const next = { type: typeId ? undefined : "Choose a qualification type", value: parsed.success ? undefined : "A whole number (the score)" };
        setIssues(next);
        if (next.type || !parsed.success) return;
        grant.mutate(parsed.data);
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[1fr_7rem]">
        <Field label="Qualification type" error={issues.type}>
          <ChoiceSelect
            value={typeId}
            emptyLabel="Choose…"
            aria-invalid={!!issues.type || undefined}
            choices={types.map((t) => ({ value: t.id, label: t.name }))}
            onChange={(e) => {
              grant.reset();
              setTypeId(e.target.value);
            }}
          />
        </Field>
        <Field label="Value" error={issues.value}>
          <Input inputMode="numeric" value={value} invalid={!!issues.value} onChange={(e) => setValue(e.target.value)} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} className="rounded border-slate-300" />
        Tell the worker by e-mail
      </label>
      <Button type="submit" variant="secondary" disabled={grant.isPending}>
        {grant.isPending ? "Granting…" : "Grant"}
      </Button>
      {grant.error && <Alert tone="error">{grant.error.message}</Alert>}
      {grant.isSuccess && granted && <Alert tone="success">{granted}</Alert>}
    </form>
  );
}
