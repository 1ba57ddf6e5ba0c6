"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { WorkforceActivity, WorkforceSettings } from "@/lib/marketplace/admin";
import { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import type { TeamWorkforce } from "@/lib/teams/simulated-workforce";
import { useSimulatedWorkforce, useUpdateSimulatedWorkforce } from "./use-simulated-workforce";

type Available = Extract<TeamWorkforce, { available: true }>;

export function SimulatedWorkforceSection({ canEdit }: { canEdit: boolean }) {
  const workforce = useSimulatedWorkforce();
  return (
    <Card
      title={<span id="simulated-workforce">Simulated workforce</span>}
      description="Sandbox only. Simulated workers find, accept and submit your sandbox HITs under the rules people work under (qualifications, blocks, deadlines), so a first batch gets done without recruiting anyone."
    >
      <div data-testid="simulated-workforce">
        {workforce.isPending ? (
          <div className="h-24 animate-pulse rounded bg-slate-100" />
        ) : workforce.error ? (
          <Alert tone="error">{workforce.error.message}</Alert>
        ) : !workforce.data.available ? (
          <Alert>{workforce.data.reason}</Alert>
        ) : (
          <WorkforceDetails data={workforce.data} canEdit={canEdit} />
        )}
      </div>
    </Card>
  );
}

function statusOf(settings: WorkforceSettings | null): "Off" | "Paused" | "Running" {
  if (!settings || settings.workers === 0) return "Off";
  return settings.paused ? "Paused" : "Running";
}

function WorkforceDetails({ data, canEdit }: { data: Available; canEdit: boolean }) {
  const { settings, activity } = data;
  const status = statusOf(settings);
  const update = useUpdateSimulatedWorkforce();
  return (
    <div className="space-y-4">
      {!data.sandboxUsesBuiltin && <Alert tone="warning">The sandbox is connected to another marketplace. Simulated workers only work on HITs in HITdesk&apos;s built-in sandbox.</Alert>}
      <div className="flex flex-wrap items-start gap-x-10 gap-y-4">
        <dl className="grid grid-cols-[6rem_1fr] gap-y-1.5 text-sm">
          <dt className="text-slate-500">Status</dt>
          <dd className="font-medium" data-testid="workforce-status">
            {status}
          </dd>
          <dt className="text-slate-500">Workers</dt>
          <dd className="tabular-nums">{settings?.workers ?? 0}</dd>
          <dt className="text-slate-500">Pace</dt>
          <dd>{settings ? `one step every ${(settings.paceMs / 1000).toLocaleString("en-US")} s` : "—"}</dd>
          <dt className="text-slate-500">Seed</dt>
          <dd className="font-mono text-xs leading-5">{settings?.seed ?? "—"}</dd>
          <dt className="text-slate-500">Opens pages on</dt>
          <dd className="text-xs leading-5" data-testid="workforce-external-hosts">
            {settings ? settings.externalHosts.join(", ") || "no host" : "—"}
          </dd>
        </dl>
        <ActivityCounts activity={activity} />
      </div>
      {canEdit && settings && settings.workers > 0 && (
        <Button variant="secondary" disabled={update.isPending} onClick={() => update.mutate({ paused: !settings.paused })}>
          {settings.paused ? "Resume" : "Pause"}
        </Button>
      )}
      {canEdit && <SettingsForm key={settings?.updatedAt ?? "new"} settings={settings} />}
      {update.error && <Alert tone="error">{update.error.message}</Alert>}
    </div>
  );
}

const COUNTS: { key: keyof WorkforceActivity; label: string }[] = [
  { key: "inProgress", label: "In progress" },
  { key: "submitted", label: "Submitted" },
  { key: "returned", label: "Returned" },
  { key: "abandoned", label: "Abandoned" },
];

function ActivityCounts({ activity }: { activity: WorkforceActivity }) {
  return (
    <dl className="grid grid-cols-4 gap-4 text-center" aria-label="Assignments of simulated workers">
      {COUNTS.map(({ key, label }) => (
        <div key={key}>
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={`workforce-${key}`}>
            {activity[key].toLocaleString("en-US")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** "" stays NaN, so an empty box reads as "must be a number" instead of 0. */
const toNumber = (text: string) => (text.trim() === "" ? NaN : Number(text));

function SettingsForm({ settings }: { settings: WorkforceSettings | null }) {
  const [workers, setWorkers] = useState(String(settings?.workers ?? 20));
  const [paceMs, setPaceMs] = useState(String(settings?.paceMs ?? 2000));
  const [seed, setSeed] = useState(settings ? String(settings.seed) : "");
  const [paused, setPaused] = useState(settings?.paused ?? false);
  const [hosts, setHosts] = useState((settings?.externalHosts ?? ["localhost", "127.0.0.1", "::1"]).join(", "));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useUpdateSimulatedWorkforce();
  return (
    <form
      noValidate
      className="space-y-3 border-t border-slate-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        // A blank seed keeps the current one (or lets the server pick one).
        const externalHosts = hosts.split(/[\s,]+/).filter(Boolean);
        const parsed = WorkforceSettingsPatch.safeParse({ workers: toNumber(workers), paceMs: toNumber(paceMs), paused, externalHosts, ...(seed.trim() ? { seed: toNumber(seed) } : {}) });
        if (!parsed.success) {
          setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
          return;
        }
        setErrors({});
        save.mutate(parsed.data);
      }}
    >
      <div className="grid max-w-2xl gap-3 sm:grid-cols-3">
        <Field label="Workers" hint="0 turns the simulation off; at most 200." error={errors.workers}>
          <Input value={workers} onChange={(e) => setWorkers(e.target.value)} inputMode="numeric" invalid={!!errors.workers} />
        </Field>
        <Field label="Pace (ms between steps)" hint="200 to 60000." error={errors.paceMs}>
          <Input value={paceMs} onChange={(e) => setPaceMs(e.target.value)} inputMode="numeric" invalid={!!errors.paceMs} />
        </Field>
        <Field label="Seed" hint="The same seed gives the same workers and answers." error={errors.seed}>
          <Input value={seed} onChange={(e) => setSeed(e.target.value)} inputMode="numeric" invalid={!!errors.seed} placeholder="random" />
        </Field>
      </div>
      <div className="max-w-2xl">
        <Field
          label="Hosts whose ExternalQuestion pages simulated workers open"
          hint="Before submitting, a simulated worker opens the page (one GET with assignmentId, hitId, workerId and turkSubmitTo), so a psiTurk or Mephisto server sees it. Other hosts are never contacted. Separate with commas."
          error={errors.externalHosts}
        >
          <Input value={hosts} onChange={(e) => setHosts(e.target.value)} invalid={!!errors.externalHosts} placeholder="none" />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} />
        Paused
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save workforce
        </Button>
        {save.isSuccess && <span className="text-sm text-emerald-700">Saved</span>}
      </div>
      {save.error && <Alert tone="error">{save.error.message}</Alert>}
    </form>
  );
}
