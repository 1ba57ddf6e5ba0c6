"use client";

import { useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { HitAction, HIT_ACTION_LABELS } from "@/lib/hits/hit-actions";

export type ActionKind = HitAction["kind"];
export const ACTION_KINDS = Object.keys(HIT_ACTION_LABELS) as ActionKind[];

const EXPLAIN: Record<ActionKind, string> = {
  addAssignments: "More workers can take each HIT. Costs the reward and fees for each new assignment.",
  extend: "Moves the expiration later; a HIT that already expires later is left alone.",
  expire: "Workers can no longer accept it; work in progress can still be submitted.",
  changeType: "Moves each HIT to a HIT type with these properties; empty fields keep the HIT's own.",
  delete: "Removes HITs for good. MTurk refuses while assignments are in progress or undecided, or before the HIT expires.",
};

/**
 * The parameters of one action, checked with the same schema the server uses. Calls onChange
 * with the action when it is valid, null otherwise.
 */
export function ActionFields({ kind, onChange }: { kind: ActionKind; onChange: (action: HitAction | null, error?: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>({ count: "1", hours: "24", title: "", reward: "", description: "" });
  const update = (patch: Record<string, string>) => {
    const next = { ...values, ...patch };
    setValues(next);
    onChange(...parse(kind, next));
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{EXPLAIN[kind]}</p>
      {kind === "addAssignments" && (
        <Field label="Assignments to add to each HIT">
          <Input type="number" min={1} max={1000} value={values.count} onChange={(e) => update({ count: e.target.value })} />
        </Field>
      )}
      {kind === "extend" && (
        <Field label="Expire in (hours from now)">
          <Input type="number" min={0.1} step={1} value={values.hours} onChange={(e) => update({ hours: e.target.value })} />
        </Field>
      )}
      {kind === "changeType" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="New title" hint="Empty keeps each HIT's title">
            <Input value={values.title} maxLength={128} onChange={(e) => update({ title: e.target.value })} />
          </Field>
          <Field label="New reward ($)" hint="e.g. 0.25">
            <Input value={values.reward} inputMode="decimal" onChange={(e) => update({ reward: e.target.value })} />
          </Field>
        </div>
      )}
    </div>
  );
}

export function parse(kind: ActionKind, v: Record<string, string>): [HitAction | null, string?] {
  const raw =
    kind === "addAssignments"
      ? { kind, count: Number(v.count) }
      : kind === "extend"
        ? { kind, hours: Number(v.hours) }
        : kind === "changeType"
          ? { kind, title: v.title || undefined, reward: v.reward || undefined }
          : { kind };
  const parsed = HitAction.safeParse(raw);
  return parsed.success ? [parsed.data] : [null, parsed.error.issues[0]?.message];
}

/** The action with the form's starting values: actions without parameters are valid at once. */
export const initialAction = (kind: ActionKind) => parse(kind, { count: "1", hours: "24", title: "", reward: "" })[0];
