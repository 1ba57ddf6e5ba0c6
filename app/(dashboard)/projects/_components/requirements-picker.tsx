"use client";

import { Button } from "@/components/ui/button";
import { ACTIONS_GUARDED, COMPARATORS, type QualificationRequirementInput } from "@/lib/projects/project-design";

export interface QualificationTypeOption {
  id: string;
  name: string;
  system: boolean;
  /** Worker_Locale takes countries (US) or subdivisions (US-CA) instead of numbers. */
  locale: boolean;
}

const COMPARATOR_LABELS: Record<(typeof COMPARATORS)[number], string> = {
  LessThan: "<",
  LessThanOrEqualTo: "≤",
  GreaterThan: ">",
  GreaterThanOrEqualTo: "≥",
  EqualTo: "=",
  NotEqualTo: "≠",
  Exists: "has been granted",
  DoesNotExist: "has not been granted",
  In: "is one of",
  NotIn: "is none of",
};

const GUARD_LABELS: Record<(typeof ACTIONS_GUARDED)[number], string> = {
  Accept: "to accept",
  PreviewAndAccept: "to preview and accept",
  DiscoverPreviewAndAccept: "to see, preview and accept",
};

const CONTROL = "rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

function valuesText(r: QualificationRequirementInput): string {
  if (r.LocaleValues?.length) return r.LocaleValues.map((l) => (l.Subdivision ? `${l.Country}-${l.Subdivision}` : l.Country)).join(", ");
  return (r.IntegerValues ?? []).join(", ");
}

function parseValues(text: string, locale: boolean): Pick<QualificationRequirementInput, "IntegerValues" | "LocaleValues"> {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (locale)
    return {
      LocaleValues: parts.map((p) => {
        const [Country = "", Subdivision] = p.toUpperCase().split("-");
        return Subdivision ? { Country, Subdivision } : { Country };
      }),
    };
  return { IntegerValues: parts.map(Number).filter((n) => Number.isInteger(n)) };
}

/** MTurk's qualification requirements: system types with the environment's IDs, the team's own types, every comparator, ActionsGuarded. */
export function RequirementsPicker({
  value,
  onChange,
  types,
  disabled,
}: {
  value: QualificationRequirementInput[];
  onChange: (v: QualificationRequirementInput[]) => void;
  types: QualificationTypeOption[];
  disabled?: boolean;
}) {
  const update = (i: number, patch: Partial<QualificationRequirementInput>) => onChange(value.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const typeOf = (id: string) => types.find((t) => t.id === id);
  return (
    <div className="space-y-2">
      {value.length === 0 && <p className="text-sm text-slate-500">Any worker may accept these HITs.</p>}
      {value.map((r, i) => {
        const type = typeOf(r.QualificationTypeId);
        const takesValues = r.Comparator !== "Exists" && r.Comparator !== "DoesNotExist";
        return (
          <div key={i} className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 p-2" data-testid="requirement">
            <select
              aria-label="Qualification type"
              className={`${CONTROL} max-w-56`}
              value={type ? r.QualificationTypeId : "custom"}
              disabled={disabled}
              onChange={(e) => update(i, { QualificationTypeId: e.target.value === "custom" ? "" : e.target.value, IntegerValues: undefined, LocaleValues: undefined })}
            >
              <optgroup label="MTurk">
                {types
                  .filter((t) => t.system)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
              </optgroup>
              {types.some((t) => !t.system) && (
                <optgroup label="Your team">
                  {types
                    .filter((t) => !t.system)
                    .map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                </optgroup>
              )}
              <option value="custom">Another type ID…</option>
            </select>
            {!type && (
              <input
                aria-label="Qualification type ID"
                placeholder="Type ID"
                className={`${CONTROL} w-52 font-mono`}
                value={r.QualificationTypeId}
                disabled={disabled}
                onChange={(e) => update(i, { QualificationTypeId: e.target.value.trim() })}
              />
            )}
            <select
              aria-label="Comparator"
              className={CONTROL}
              value={r.Comparator}
              disabled={disabled}
              onChange={(e) => update(i, { Comparator: e.target.value as QualificationRequirementInput["Comparator"] })}
            >
              {COMPARATORS.map((c) => (
                <option key={c} value={c}>
                  {COMPARATOR_LABELS[c]}
                </option>
              ))}
            </select>
            {takesValues && (
              <input
                aria-label="Values"
                placeholder={type?.locale ? "US, US-CA" : "e.g. 95"}
                className={`${CONTROL} w-32`}
                defaultValue={valuesText(r)}
                disabled={disabled}
                onBlur={(e) => update(i, { IntegerValues: undefined, LocaleValues: undefined, ...parseValues(e.target.value, type?.locale ?? false) })}
              />
            )}
            <select
              aria-label="Required"
              className={CONTROL}
              value={r.ActionsGuarded}
              disabled={disabled}
              onChange={(e) => update(i, { ActionsGuarded: e.target.value as QualificationRequirementInput["ActionsGuarded"] })}
            >
              {ACTIONS_GUARDED.map((g) => (
                <option key={g} value={g}>
                  {GUARD_LABELS[g]}
                </option>
              ))}
            </select>
            {!disabled && (
              <button
                type="button"
                className="ml-auto rounded px-2 text-sm text-slate-500 hover:text-red-700"
                onClick={() => onChange(value.filter((_, k) => k !== i))}
                aria-label="Remove requirement"
              >
                Remove
              </button>
            )}
          </div>
        );
      })}
      {!disabled && value.length < 10 && (
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            onChange([
              ...value,
              {
                QualificationTypeId: (types.find((t) => t.name === "Worker_PercentAssignmentsApproved") ?? types[0])?.id ?? "",
                Comparator: "GreaterThanOrEqualTo",
                IntegerValues: [95],
                ActionsGuarded: "Accept",
              },
            ])
          }
        >
          Add requirement
        </Button>
      )}
    </div>
  );
}
