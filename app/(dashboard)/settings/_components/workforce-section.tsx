"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { WorkerInviteInput } from "@/lib/marketplace/admin-inputs";
import { useApiMutation } from "./use-api-mutation";
import type { EnvironmentName } from "@/lib/scope";

interface Invite {
  id: string;
  label: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
}

interface Member {
  workerId: string;
  displayName: string;
  joinedAt: string;
}

/** Invitation links that bring the team's own people to the worker site, and who joined. */
export function WorkforceSection(props: { environment: EnvironmentName; openWorkforce: boolean; invites: Invite[]; members: Member[] }) {
  const [link, setLink] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useApiMutation<Record<string, unknown>, { url: string }>((body) => ({ path: "/api/team/workforce/invites", method: "POST", body }));
  const revoke = useApiMutation((id: string) => ({ path: `/api/team/workforce/invites/${id}`, method: "DELETE" }));
  const error = formError ?? create.error?.message ?? revoke.error?.message;

  function submit(form: FormData) {
    const raw = Object.fromEntries([...form].filter(([, v]) => v !== ""));
    const parsed = WorkerInviteInput.safeParse(raw);
    if (!parsed.success) return setFormError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
    setFormError(null);
    create.mutate(parsed.data, { onSuccess: (r) => setLink(r.url) });
  }

  return (
    <Card
      title="Workers"
      description={
        props.environment === "sandbox"
          ? "Your own people do your HITs on the worker site (/worker). In sandbox every worker account sees your HITs; invitation links also add people to your workforce."
          : "Only workers who joined through one of these links see your production HITs on the worker site (/worker)."
      }
    >
      {error && (
        <div className="mb-3">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      {link && (
        <div className="mb-4 space-y-2 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200" data-testid="worker-invite-link">
          <p className="text-sm font-medium text-emerald-900">New invitation link (shown once):</p>
          <div className="flex gap-2">
            <Input readOnly value={link} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(link)}>
              Copy
            </Button>
          </div>
        </div>
      )}
      <form action={submit} className="grid gap-3 sm:grid-cols-[1fr_8rem_8rem_auto] sm:items-end">
        <Field label="Label (optional)">
          <Input name="label" placeholder="e.g. Spring annotators" maxLength={100} />
        </Field>
        <Field label="Max uses">
          <Input name="maxUses" type="number" min={1} placeholder="Unlimited" />
        </Field>
        <Field label="Expires in days">
          <Input name="expiresInDays" type="number" min={1} max={365} placeholder="Never" />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create worker link"}
        </Button>
      </form>
      {props.invites.length > 0 && (
        <Table className="mt-5">
          <TableHead>
            <tr>
              <Th className="py-2">Link</Th>
              <Th className="py-2">Used</Th>
              <Th className="py-2">Expires</Th>
              <Th className="py-2" />
            </tr>
          </TableHead>
          <TableBody>
            {props.invites.map((i) => (
              <tr key={i.id}>
                <td className="py-2">{i.label ?? <span className="text-slate-400">Unlabelled</span>}</td>
                <td className="py-2">
                  {i.uses}
                  {i.maxUses !== null && ` / ${i.maxUses}`}
                </td>
                <td className="py-2">{i.expiresAt ? new Date(i.expiresAt).toLocaleDateString() : "Never"}</td>
                <td className="py-2 text-right">
                  <Button type="button" variant="ghost" onClick={() => revoke.mutate(i.id)} disabled={revoke.isPending}>
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      <h3 className="mt-5 text-sm font-semibold text-slate-800">Workforce ({props.members.length})</h3>
      {props.members.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">Nobody has joined through a link yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Workforce">
          {props.members.map((m) => (
            <li key={m.workerId} className="flex justify-between py-1.5">
              <span>{m.displayName}</span>
              <span className="font-mono text-xs text-slate-500">{m.workerId}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
