"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { hasRole, type Role } from "@/lib/auth/roles";
import { dollars } from "@/lib/format";
import { dollarsToCents } from "@/lib/money";
import type { ConnectionInput } from "@/lib/mturk/connection-input";
import type { EnvironmentName } from "@/lib/scope";
import { DepositForm } from "./deposit-form";
import { useApiMutation } from "./use-api-mutation";

interface Connection {
  environment: EnvironmentName;
  kind: ConnectionInput["kind"];
  endpoint: string;
  accessKeyId: string;
  updatedAt: string;
}

const KIND_LABELS: Record<Connection["kind"], string> = {
  builtin: "HITdesk built-in marketplace",
  aws: "AWS MTurk",
  custom: "Other MTurk-compatible endpoint",
};

export function ConnectionsSection({ connections, role }: { connections: Connection[]; role: Role }) {
  return (
    <Card title={<span id="marketplace">Marketplace connections</span>} description="Each environment talks to one marketplace through the MTurk API. Secrets are encrypted and never shown again.">
      <div className="grid items-start gap-6 lg:grid-cols-2">
        {connections.map((c) => (
          <ConnectionCard key={c.environment} connection={c} canEdit={c.environment === "production" ? role === "owner" : hasRole(role, "admin")} canTest={hasRole(role, "admin")} />
        ))}
      </div>
    </Card>
  );
}

function ConnectionCard({ connection, canEdit, canTest }: { connection: Connection; canEdit: boolean; canTest: boolean }) {
  const [editing, setEditing] = useState(false);
  const test = useApiMutation<void, { ok: true; availableBalance: string } | { ok: false; error: string }>(() => ({
    path: `/api/team/connections/${connection.environment}/test`,
    body: {},
  }));
  const production = connection.environment === "production";
  return (
    <section data-testid={`connection-${connection.environment}`} className={`rounded-lg p-4 ring-1 ${production ? "bg-red-50/50 ring-red-200" : "ring-slate-200"}`}>
      <h3 className={`text-sm font-semibold ${production ? "text-red-800" : "text-slate-900"}`}>{production ? "Production" : "Sandbox"}</h3>
      <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-y-1.5 text-sm">
        <dt className="text-slate-500">Marketplace</dt>
        <dd className="font-medium">{KIND_LABELS[connection.kind]}</dd>
        <dt className="text-slate-500">Endpoint</dt>
        <dd className="truncate font-mono text-xs leading-5">{connection.endpoint}</dd>
        <dt className="text-slate-500">Access key ID</dt>
        <dd className="font-mono text-xs leading-5" data-testid="access-key-id">
          {connection.accessKeyId}
        </dd>
        <dt className="text-slate-500">Secret</dt>
        <dd className="text-xs leading-5 text-slate-500">stored encrypted · never displayed</dd>
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        {canTest && (
          <Button variant="secondary" onClick={() => test.mutate()} disabled={test.isPending}>
            {test.isPending ? "Testing…" : "Test connection"}
          </Button>
        )}
        {canEdit && !editing && (
          <Button variant="ghost" onClick={() => setEditing(true)}>
            Change
          </Button>
        )}
      </div>
      {test.data && (
        <div className="mt-3">
          {test.data.ok ? <Alert tone="success">Connected. Available balance {dollars(dollarsToCents(test.data.availableBalance))}.</Alert> : <Alert tone="error">{test.data.error}</Alert>}
        </div>
      )}
      {test.error && (
        <div className="mt-3">
          <Alert tone="error">{test.error.message}</Alert>
        </div>
      )}
      {editing && <ConnectionForm connection={connection} onDone={() => setEditing(false)} />}
      {production && connection.kind === "builtin" && canEdit && <DepositForm />}
    </section>
  );
}

function ConnectionForm({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const [kind, setKind] = useState<Connection["kind"]>(connection.kind);
  const [endpoint, setEndpoint] = useState(connection.kind === "custom" ? connection.endpoint : "");
  const [accessKeyId, setAccessKeyId] = useState(connection.kind === "builtin" ? "" : connection.accessKeyId);
  const [secretAccessKey, setSecret] = useState("");
  const save = useApiMutation((body: ConnectionInput) => ({ path: `/api/team/connections/${connection.environment}`, method: "PUT", body }));
  const submit = () => {
    const body: ConnectionInput =
      kind === "builtin"
        ? { kind }
        : kind === "aws"
          ? { kind, accessKeyId, secretAccessKey: secretAccessKey || undefined }
          : { kind, endpoint, accessKeyId, secretAccessKey: secretAccessKey || undefined };
    save.mutate(body, { onSuccess: onDone });
  };
  return (
    <form
      className="mt-4 space-y-3 border-t border-slate-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700">Marketplace</legend>
        {(Object.keys(KIND_LABELS) as Connection["kind"][]).map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`kind-${connection.environment}`} checked={kind === k} onChange={() => setKind(k)} />
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {kind === "custom" && (
        <Field label="Endpoint URL">
          <Input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://mturk.example.com" />
        </Field>
      )}
      {kind !== "builtin" && (
        <>
          <Field label="Access key ID" hint={kind === "aws" ? "An IAM user's key with the AmazonMechanicalTurkFullAccess policy." : undefined}>
            <Input value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Secret access key" hint="Leave blank to keep the stored secret for the same key ID.">
            <Input type="password" value={secretAccessKey} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
          </Field>
        </>
      )}
      {save.error && <Alert tone="error">{save.error.message}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save connection
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
