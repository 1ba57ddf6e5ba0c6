"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { ApiError } from "@/lib/api-client";
import { shortTime } from "@/lib/format";
import type { EnvironmentName } from "@/lib/scope";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { CreateWebhookInput } from "@/lib/webhooks/webhook-input";
import { useApiMutation } from "../../_components/use-api-mutation";
import { useWebhookDeliveries } from "./use-webhook-deliveries";

type FieldErrors = Partial<Record<"url" | "description" | "eventTypes" | "form", string>>;

/** zod's or the server's issues, by the field they name. */
function errorsByField(issues: { path: PropertyKey[] | string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = (Array.isArray(issue.path) ? String(issue.path[0] ?? "") : issue.path.split(".")[0]) as keyof FieldErrors;
    const key = field === "url" || field === "description" || field === "eventTypes" ? field : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Settings → Webhooks: the environment's endpoints, each with its secret, a test button and its delivery log. */
export function WebhooksSection({ endpoints, environment }: { endpoints: WebhookEndpointView[]; environment: EnvironmentName }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [fresh, setFresh] = useState<{ url: string; secret: string } | null>(null);
  const create = useApiMutation<CreateWebhookInput, { endpoint: WebhookEndpointView; secret: string }>((body) => ({ path: "/api/team/webhooks", method: "POST", body }));

  function submit(form: FormData) {
    const parsed = CreateWebhookInput.safeParse({ url: form.get("url"), description: form.get("description"), eventTypes: form.getAll("eventTypes") });
    if (!parsed.success) return setErrors(errorsByField(parsed.error.issues));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (r) => setFresh({ url: r.endpoint.url, secret: r.secret }),
      onError: (e) => setErrors(e instanceof ApiError && Array.isArray(e.details) ? errorsByField(e.details as { path: string; message: string }[]) : { form: e.message }),
    });
  }

  return (
    <div className="space-y-6">
      <Card title="Add an endpoint" description={`Receives the chosen events of the ${environment} account. HTTPS only (http:// just for localhost); each POST is signed with the endpoint's secret.`}>
        <form action={submit} className="space-y-4" noValidate>
          {errors.form && <Alert tone="error">{errors.form}</Alert>}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Endpoint URL" error={errors.url}>
              <Input name="url" type="url" placeholder="https://example.com/hooks/hitdesk" invalid={!!errors.url} />
            </Field>
            <Field label="Description" error={errors.description} hint="Optional: what receives these events.">
              <Input name="description" maxLength={100} invalid={!!errors.description} />
            </Field>
          </div>
          <fieldset aria-describedby={errors.eventTypes ? "webhook-events-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">Events</legend>
            <div className="mt-2 grid gap-x-6 gap-y-1.5 sm:grid-cols-2">
              {WEBHOOK_EVENT_TYPES.map((e) => (
                <label key={e.type} className="flex items-start gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="eventTypes" value={e.type} className="mt-0.5 rounded border-slate-300" />
                  <span>
                    <span className="font-mono text-xs text-slate-900">{e.type}</span>
                    <span className="block text-xs text-slate-500">{e.label}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.eventTypes && (
              <p id="webhook-events-error" role="alert" className="mt-1.5 text-sm text-red-600">
                {errors.eventTypes}
              </p>
            )}
          </fieldset>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add endpoint"}
          </Button>
        </form>
      </Card>

      {fresh && (
        <section aria-label="New signing secret" className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-900">Endpoint {fresh.url} added. Its signing secret (admins can reveal it again later):</p>
          <Input readOnly aria-label="Signing secret" value={fresh.secret} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
          <Button type="button" variant="ghost" onClick={() => setFresh(null)}>
            Done
          </Button>
        </section>
      )}

      {endpoints.length === 0 ? <p className="text-sm text-slate-500">No endpoints in this environment yet.</p> : endpoints.map((e) => <EndpointCard key={e.id} endpoint={e} />)}
    </div>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpointView }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const reveal = useApiMutation<void, { secret: string }>(() => ({ path: `/api/team/webhooks/${endpoint.id}/secret`, method: "POST", body: {} }));
  const test = useApiMutation<void>(() => ({ path: `/api/team/webhooks/${endpoint.id}/test`, method: "POST", body: {} }));
  const toggle = useApiMutation<boolean>((enabled) => ({ path: `/api/team/webhooks/${endpoint.id}`, method: "PATCH", body: { enabled } }));
  const remove = useApiMutation<void>(() => ({ path: `/api/team/webhooks/${endpoint.id}`, method: "DELETE" }));
  const deliveries = useWebhookDeliveries(endpoint.id, true);
  const error = reveal.error ?? test.error ?? toggle.error ?? remove.error;
  const busy = reveal.isPending || test.isPending || toggle.isPending || remove.isPending;

  return (
    <section aria-label={`Webhook ${endpoint.url}`} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 className="font-mono text-sm font-semibold break-all text-slate-900">{endpoint.url}</h2>
          {endpoint.description && <p className="mt-0.5 text-sm text-slate-500">{endpoint.description}</p>}
          <p className="mt-1.5 flex flex-wrap gap-1">
            {!endpoint.enabled && <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Paused</span>}
            {endpoint.eventTypes.map((t) => (
              <span key={t} className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">
                {t}
              </span>
            ))}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={busy} onClick={() => test.mutate(undefined, { onSuccess: () => void deliveries.refetch() })}>
            Send test
          </Button>
          <Button type="button" variant="secondary" disabled={busy} onClick={() => (secret ? setSecret(null) : reveal.mutate(undefined, { onSuccess: (r) => setSecret(r.secret) }))}>
            {secret ? "Hide secret" : "Reveal secret"}
          </Button>
          <Button type="button" variant="ghost" disabled={busy} onClick={() => toggle.mutate(!endpoint.enabled)}>
            {endpoint.enabled ? "Pause" : "Resume"}
          </Button>
          {confirmDelete ? (
            <>
              <Button type="button" variant="danger" disabled={busy} onClick={() => remove.mutate()}>
                Delete for good
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirmDelete(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <Button type="button" variant="ghost" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          )}
        </div>
      </header>
      <div className="space-y-3 px-5 py-4">
        {error && <Alert tone="error">{error.message}</Alert>}
        {secret && <Input readOnly aria-label="Signing secret" value={secret} className="font-mono" onFocus={(e) => e.currentTarget.select()} />}
        <h3 className="text-sm font-semibold text-slate-700">Recent deliveries</h3>
        {deliveries.error ? (
          <Alert tone="error">{deliveries.error.message}</Alert>
        ) : !deliveries.data ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : deliveries.data.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing sent yet. “Send test” posts a WebhookTest event.</p>
        ) : (
          <DeliveryLog deliveries={deliveries.data} />
        )}
      </div>
    </section>
  );
}

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
};

function DeliveryLog({ deliveries }: { deliveries: WebhookDeliveryView[] }) {
  return (
    <Table aria-label="Deliveries">
      <TableHead>
        <tr>
          <Th className="py-2">Event</Th>
          <Th className="py-2">Status</Th>
          <Th className="py-2">Attempts (UTC)</Th>
        </tr>
      </TableHead>
      <TableBody>
        {deliveries.map((d) => (
          <tr key={d.id} data-testid="webhook-delivery" className="align-top">
            <td className="py-2">
              <div className="font-mono text-xs text-slate-900">{d.eventType}</div>
              <div className="font-mono text-xs text-slate-500">{d.eventId}</div>
            </td>
            <td className="py-2">
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status] ?? ""}`}>{d.status === "pending" && d.attempts > 0 ? "retrying" : d.status}</span>
              {d.nextAttemptAt && d.attempts > 0 && <div className="mt-1 text-xs text-slate-500">next try {shortTime(d.nextAttemptAt)}</div>}
            </td>
            <td className="py-2">
              <ol className="space-y-0.5 text-xs text-slate-700">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt} data-testid="webhook-attempt">
                    #{a.attempt} · {shortTime(a.at)} · {a.statusCode !== null ? `HTTP ${a.statusCode}` : a.error} · {a.durationMs} ms
                  </li>
                ))}
                {d.attemptLog.length === 0 && <li className="text-slate-500">Queued</li>}
              </ol>
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
