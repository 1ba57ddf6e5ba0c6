"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { HitFilter } from "@/lib/hits/hit-filter";
import { HIT_ACTION_LABELS, type HitAction } from "@/lib/hits/hit-actions";
import { ACTION_KINDS, ActionFields, initialAction, type ActionKind } from "./action-fields";
import { useStartHitJob } from "./use-hit-jobs";

/** The bar above the table: pick an action for the selected HITs, or for every HIT the filter matches. */
export function BulkActions({
  selected,
  total,
  totalCapped,
  filter,
  onStarted,
}: {
  selected: string[];
  total: number;
  /** The list counted only up to `total`: more match. */
  totalCapped: boolean;
  filter: HitFilter;
  onStarted: () => void;
}) {
  const [scope, setScope] = useState<"selected" | "all">("selected");
  const [kind, setKind] = useState<ActionKind | "">("");
  const [action, setAction] = useState<HitAction | null>(null);
  const [problem, setProblem] = useState<string>();
  const start = useStartHitJob();
  const count = scope === "all" ? total : selected.length;
  const countText = `${count.toLocaleString("en-US")}${scope === "all" && totalCapped ? "+" : ""}`;
  const choose = (k: ActionKind | "") => {
    setKind(k);
    setAction(k ? initialAction(k) : null);
    setProblem(undefined);
    start.reset();
  };
  const submit = () => {
    if (!action) return;
    start.mutate(scope === "all" ? { action, filter } : { action, hitIds: selected }, {
      onSuccess: () => {
        choose("");
        onStarted();
      },
    });
  };
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-3">
        <fieldset className="flex items-center gap-3 text-sm text-slate-700">
          <legend className="sr-only">Which HITs</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="scope" checked={scope === "selected"} onChange={() => setScope("selected")} />
            {selected.length} selected
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} />
            All {total.toLocaleString("en-US")}
            {totalCapped && "+"} matching the filter
          </label>
        </fieldset>
        <div className="ml-auto flex items-center gap-2">
          <Select aria-label="Action" value={kind} onChange={(e) => choose(e.target.value as ActionKind | "")} className="w-48">
            <option value="">Choose an action…</option>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {HIT_ACTION_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {kind && (
        <div className="mt-3 space-y-3 border-t border-slate-100 pt-3">
          <ActionFields
            key={kind}
            kind={kind}
            onChange={(a, error) => {
              setAction(a);
              setProblem(error);
            }}
          />
          {problem && <Alert tone="error">{problem}</Alert>}
          {start.error && <Alert tone="error">{start.error.message}</Alert>}
          <div className="flex items-center gap-2">
            <Button variant={kind === "delete" ? "danger" : "primary"} disabled={!action || count === 0 || start.isPending} onClick={submit}>
              {HIT_ACTION_LABELS[kind]}: {countText} HIT{count === 1 ? "" : "s"}
            </Button>
            <Button variant="ghost" onClick={() => choose("")}>
              Cancel
            </Button>
            <span className="text-xs text-slate-500">Runs in the background; you can pause or cancel it below.</span>
          </div>
        </div>
      )}
    </div>
  );
}
