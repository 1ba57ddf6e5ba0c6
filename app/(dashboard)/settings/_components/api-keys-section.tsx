"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ChoiceSelect, Field, Input } from "@/components/ui/field";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { shortTime } from "@/lib/format";
import { CreateApiKeyInput, type ApiKeyScope } from "@/lib/teams/api-key-input";
import type { ApiKeyView, ApiKeyWithSecret } from "@/lib/teams/api-keys";
import { useApiMutation } from "./use-api-mutation";

const SCOPES: { value: ApiKeyScope; label: string }[] = [
  { value: "both", label: "Sandbox and production" },
  { value: "sandbox", label: "Sandbox only" },
  { value: "production", label: "Production only" },
];

/**
 * Settings → API keys: named keys for the team's own MTurk code at the built-in
 * marketplace's endpoints. A secret is shown once, right after creation or rotation.
 */
export function ApiKeysSection({ keys, endpoints }: { keys: ApiKeyView[]; endpoints: { sandbox: string; production: string } }) {
  const [fresh, setFresh] = useState<(ApiKeyWithSecret & { rotated: boolean }) | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useApiMutation<CreateApiKeyInput, ApiKeyWithSecret>((body) => ({ path: "/api/team/api-keys", method: "POST", body }));
  const restrict = useApiMutation<{ id: string; environment: ApiKeyScope }>(({ id, environment }) => ({ path: `/api/team/api-keys/${id}`, method: "PATCH", body: { environment } }));
  const rotate = useApiMutation<{ id: string; keepOldSecret: boolean }, ApiKeyWithSecret>(({ id, keepOldSecret }) => ({
    path: `/api/team/api-keys/${id}/rotate`,
    method: "POST",
    body: { keepOldSecret },
  }));
  const revoke = useApiMutation((id: string) => ({ path: `/api/team/api-keys/${id}`, method: "DELETE" }));
  const error = formError ?? create.error?.message ?? restrict.error?.message ?? rotate.error?.message ?? revoke.error?.message;

  function submit(form: FormData) {
    const parsed = CreateApiKeyInput.safeParse({ name: form.get("name"), environment: form.get("environment") });
    if (!parsed.success) return setFormError(parsed.error.issues.map((i) => i.message).join("; "));
    setFormError(null);
    create.mutate(parsed.data, { onSuccess: (r) => setFresh({ ...r, rotated: false }) });
  }

  return (
    <Card
      title={<span id="api-keys">API keys</span>}
      description="For your own code (boto3, the JavaScript SDK, the AWS CLI, psiTurk, Mephisto) at the built-in marketplace. As on AWS, one key works at both endpoints and the endpoint picks the environment, unless you restrict it."
    >
      <dl className="mb-4 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Sandbox</dt>
        <dd className="font-mono text-xs leading-5">{endpoints.sandbox}</dd>
        <dt className="text-slate-500">Production</dt>
        <dd className="font-mono text-xs leading-5">{endpoints.production}</dd>
      </dl>
      {error && (
        <div className="mb-3">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      {fresh && <NewSecret fresh={fresh} onDone={() => setFresh(null)} />}
      <form action={submit} className="grid gap-3 sm:grid-cols-[1fr_16rem_auto] sm:items-end">
        <Field label="Key name">
          <Input name="name" placeholder="e.g. psiTurk study server" maxLength={60} required />
        </Field>
        <Field label="Works at">
          <ChoiceSelect name="environment" defaultValue="both" choices={SCOPES} />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {keys.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <Table className="mt-5" aria-label="API keys">
          <TableHead>
            <tr>
              <Th className="py-2">Name</Th>
              <Th className="py-2">Access key ID</Th>
              <Th className="py-2">Works at</Th>
              <Th className="py-2">Last used (UTC)</Th>
              <Th className="py-2" />
            </tr>
          </TableHead>
          <TableBody>
            {keys.map((k) => (
              <KeyRow
                key={k.id}
                apiKey={k}
                busy={restrict.isPending || rotate.isPending || revoke.isPending}
                onRestrict={(environment) => restrict.mutate({ id: k.id, environment })}
                onRotate={(keepOldSecret) => rotate.mutate({ id: k.id, keepOldSecret }, { onSuccess: (r) => setFresh({ ...r, rotated: true }) })}
                onRevoke={() => revoke.mutate(k.id)}
              />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function NewSecret({ fresh, onDone }: { fresh: ApiKeyWithSecret & { rotated: boolean }; onDone: () => void }) {
  const copy = (text: string) => void navigator.clipboard?.writeText(text);
  return (
    <section aria-label="New secret" className="mb-4 space-y-3 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200">
      <p className="text-sm font-medium text-emerald-900">
        {fresh.rotated ? `New secret for “${fresh.key.name}”.` : `Key “${fresh.key.name}” created.`} Copy the secret now: HITdesk will not show it again.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Access key ID">
          <Input readOnly value={fresh.key.accessKeyId} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
        </Field>
        <Field label="Secret access key">
          <Input readOnly value={fresh.secretAccessKey} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={() => copy(fresh.secretAccessKey)}>
          Copy secret
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}

function KeyRow(props: { apiKey: ApiKeyView; busy: boolean; onRestrict: (scope: ApiKeyScope) => void; onRotate: (keepOldSecret: boolean) => void; onRevoke: () => void }) {
  const k = props.apiKey;
  const [confirming, setConfirming] = useState<"rotate" | "revoke" | null>(null);
  const revoked = k.revokedAt !== null;
  const confirmed = (action: () => void) => () => {
    setConfirming(null);
    action();
  };
  return (
    <tr data-testid="api-key-row" className={revoked ? "text-slate-400" : undefined}>
      <td className="py-2 align-top">
        <span className="font-medium">{k.name}</span>
        {k.purpose === "cli" && <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">CLI</span>}
        {revoked && <div className="text-xs">Revoked {shortTime(k.revokedAt)}</div>}
      </td>
      <td className="py-2 align-top font-mono text-xs leading-5">
        {k.accessKeyId}
        {k.previous.map((p) => (
          <div key={p.accessKeyId} className="text-slate-500">
            old {p.accessKeyId}, works until {shortTime(p.expiresAt)}
          </div>
        ))}
      </td>
      <td className="py-2 align-top">
        {revoked ? (
          SCOPES.find((s) => s.value === k.scope)?.label
        ) : (
          // Keyed by the saved scope: shows the choice at once, and what was saved after the refresh.
          <ChoiceSelect
            key={k.scope}
            aria-label={`Where ${k.name} works`}
            defaultValue={k.scope}
            disabled={props.busy}
            choices={SCOPES}
            onChange={(e) => props.onRestrict(e.target.value as ApiKeyScope)}
          />
        )}
      </td>
      <td className="py-2 align-top" data-testid="last-used">
        {k.lastUsed ? (
          <>
            {shortTime(k.lastUsed.at)} · {k.lastUsed.environment}
            {k.lastUsed.withPreviousSecret && <div className="text-xs text-amber-700">with the old secret</div>}
          </>
        ) : (
          "Never"
        )}
      </td>
      <td className="py-2 text-right align-top whitespace-nowrap">
        {!revoked && confirming === null && (
          <>
            <Button type="button" variant="ghost" onClick={() => setConfirming("rotate")} disabled={props.busy}>
              Rotate
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming("revoke")} disabled={props.busy}>
              Revoke
            </Button>
          </>
        )}
        {!revoked && confirming === "rotate" && (
          <div className="flex flex-col items-end gap-1">
            <Button type="button" variant="secondary" onClick={confirmed(() => props.onRotate(true))} disabled={props.busy}>
              New secret, old one works 24 h
            </Button>
            <Button type="button" variant="danger" onClick={confirmed(() => props.onRotate(false))} disabled={props.busy}>
              New secret, old one stops now
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        )}
        {!revoked && confirming === "revoke" && (
          <div className="flex flex-col items-end gap-1">
            <Button type="button" variant="danger" onClick={confirmed(props.onRevoke)} disabled={props.busy}>
              Revoke {k.name} for good
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
