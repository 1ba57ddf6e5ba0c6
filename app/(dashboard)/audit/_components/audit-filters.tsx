import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { AuditFilter } from "@/lib/audit-log/audit-filter";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and reloaded. */
export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <form
      method="get"
      action="/audit"
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 sm:items-end lg:grid-cols-4 2xl:grid-cols-[9rem_1fr_1fr_1fr_9.5rem_9.5rem_auto]"
    >
      <Field label="Environment">
        <Select name="environment" defaultValue={filter.environment ?? ""}>
          <option value="">Any</option>
          <option value="sandbox">Sandbox</option>
          <option value="production">Production</option>
        </Select>
      </Field>
      <Field label="Actor">
        <Input name="actor" defaultValue={filter.actor ?? ""} placeholder="email contains…" />
      </Field>
      <Field label="Action">
        <Input name="action" defaultValue={filter.action ?? ""} placeholder="starts with, e.g. member." />
      </Field>
      <Field label="Target">
        <Input name="target" defaultValue={filter.target ?? ""} placeholder="contains…" />
      </Field>
      <Field label="From">
        <Input type="date" name="from" defaultValue={filter.from ?? ""} />
      </Field>
      <Field label="To">
        <Input type="date" name="to" defaultValue={filter.to ?? ""} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        <Link href="/audit" className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
          Clear
        </Link>
      </div>
    </form>
  );
}
