"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useApiMutation } from "./use-api-mutation";

export function TeamSection({
  name,
  slug,
  reviewerBonusLimitCents,
  minimumHourlyCents,
  canEdit,
}: {
  name: string;
  slug: string;
  reviewerBonusLimitCents: number;
  minimumHourlyCents: number | null;
  canEdit: boolean;
}) {
  const [teamName, setTeamName] = useState(name);
  const [limit, setLimit] = useState((reviewerBonusLimitCents / 100).toFixed(2));
  const [minimumError, setMinimumError] = useState<string | undefined>();
  const [minimum, setMinimum] = useState(minimumHourlyCents === null ? "" : (minimumHourlyCents / 100).toFixed(2));
  const save = useApiMutation((body: { name: string; reviewerBonusLimitCents: number; minimumHourlyCents: number | null }) => ({ path: "/api/team", method: "PATCH", body }));
  return (
    <Card title="Team" description="Name, the limits that apply to reviewers, and the least your tasks should pay per hour.">
      <p className="mb-4 text-sm text-slate-600" data-testid="team-slug">
        On the command line this team is <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">--team {slug}</code>
      </p>
      <form
        className="grid max-w-xl gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const rate = minimum.trim() === "" ? null : Number(minimum.trim().replace(/^\$/, ""));
          if (rate !== null && !Number.isFinite(rate)) return setMinimumError("Write an amount in dollars, like 12.00, or leave it empty");
          setMinimumError(undefined);
          save.mutate({ name: teamName, reviewerBonusLimitCents: Math.round(Number(limit) * 100), minimumHourlyCents: rate === null ? null : Math.round(rate * 100) });
        }}
      >
        <Field label="Team name">
          <Input value={teamName} onChange={(e) => setTeamName(e.target.value)} disabled={!canEdit} />
        </Field>
        <Field label="Reviewer bonus limit (USD per payment)" hint="Reviewers cannot send a larger bonus; admins and owners can.">
          <Input value={limit} onChange={(e) => setLimit(e.target.value)} inputMode="decimal" disabled={!canEdit} />
        </Field>
        <Field label="Minimum hourly rate (USD per hour)" error={minimumError} hint="Batches paying less per hour of a worker's time are flagged, with a top-up plan. Empty: no minimum.">
          <Input value={minimum} onChange={(e) => setMinimum(e.target.value)} inputMode="decimal" placeholder="e.g. 12.00" disabled={!canEdit} />
        </Field>
        {canEdit && (
          <div className="flex items-center gap-3 sm:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              Save
            </Button>
            {save.isSuccess && <span className="text-sm text-emerald-700">Saved</span>}
          </div>
        )}
        {save.error && (
          <div className="sm:col-span-2">
            <Alert tone="error">{save.error.message}</Alert>
          </div>
        )}
      </form>
    </Card>
  );
}
