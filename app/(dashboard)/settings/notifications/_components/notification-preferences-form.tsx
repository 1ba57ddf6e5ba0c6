"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NOTIFICATION_TYPES, NotificationPreferencesInput, type NotificationPreference } from "@/lib/notifications/notification-types";
import { useApiMutation } from "../../_components/use-api-mutation";

const LABELS = new Map<string, (typeof NOTIFICATION_TYPES)[number]>(NOTIFICATION_TYPES.map((t) => [t.type, t]));

/** Settings → Notifications: for each event this member's role receives, in the bell and/or by e-mail. */
export function NotificationPreferencesForm({ preferences, mail }: { preferences: NotificationPreference[]; mail: boolean }) {
  const [choices, setChoices] = useState(preferences);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = useApiMutation<NotificationPreferencesInput>((body) => ({ path: "/api/notifications/preferences", method: "PUT", body }));

  const set = (type: string, channel: "inApp" | "email", on: boolean) => {
    setSaved(false);
    setChoices((list) => list.map((p) => (p.type === type ? { ...p, [channel]: on } : p)));
  };

  function submit() {
    const parsed = NotificationPreferencesInput.safeParse({ preferences: choices });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid choices");
    setError(null);
    save.mutate(parsed.data, { onSuccess: () => setSaved(true), onError: (e) => setError(e.message) });
  }

  return (
    <Card title="Events" description="In the app: the bell in the header counts it until you read it. E-mail: one message per event.">
      <form action={submit} className="space-y-4">
        {!mail && (
          <Alert tone="info">
            E-mail is off on this server: an administrator sets <code className="font-mono text-xs">SMTP_URL</code> (and <code className="font-mono text-xs">SMTP_FROM</code>) to send it. Until then,
            notifications show in the bell only.
          </Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <table className="w-full text-sm">
          <caption className="sr-only">Notification channels per event</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <th scope="col" className="py-2 pr-4 font-medium">
                Event
              </th>
              <th scope="col" className="w-24 py-2 text-center font-medium">
                In the app
              </th>
              <th scope="col" className="w-24 py-2 text-center font-medium">
                E-mail
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {choices.map((p) => {
              const t = LABELS.get(p.type)!;
              return (
                <tr key={p.type} data-testid={`preference-${p.type}`}>
                  <th scope="row" className="py-3 pr-4 text-left font-normal">
                    <span className="block font-medium text-slate-900">{t.label}</span>
                    <span className="block text-xs text-slate-500">{t.description}</span>
                  </th>
                  <td className="py-3 text-center">
                    <input type="checkbox" aria-label={`${t.label}: in the app`} checked={p.inApp} onChange={(e) => set(p.type, "inApp", e.target.checked)} className="rounded border-slate-300" />
                  </td>
                  <td className="py-3 text-center">
                    <input
                      type="checkbox"
                      aria-label={`${t.label}: by e-mail`}
                      checked={p.email && mail}
                      disabled={!mail}
                      title={mail ? undefined : "E-mail is not configured on this server"}
                      onChange={(e) => set(p.type, "email", e.target.checked)}
                      className="rounded border-slate-300 disabled:opacity-40"
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
          {saved && (
            <p role="status" className="text-sm text-emerald-700">
              Saved.
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
