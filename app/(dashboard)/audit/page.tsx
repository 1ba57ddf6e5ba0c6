import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { AuditPageInput, auditFilterParams } from "@/lib/audit-log/audit-filter";
import { AUDIT_PAGE_SIZE, listAuditLog } from "@/lib/audit-log/list-audit-log";
import { requireTeam } from "@/lib/auth/require-team";
import type { TeamContext } from "@/lib/auth/session";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

/** A page of the log, keeping the filters. */
function pageHref(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page > 1) next.set("page", String(page));
  return `/audit${next.size ? `?${next}` : ""}`;
}

const needsAdmin = (ctx: TeamContext) => (
  <>
    <PageHeader title="Audit log" />
    <Alert tone="warning">
      The audit log needs the admin role. You are a {ctx.role} in {ctx.team.name}; ask an admin or owner if you need it.
    </Alert>
  </>
);

async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }, ctx: TeamContext) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = AuditPageInput.safeParse(raw);
  const input = parsed.success ? parsed.data : AuditPageInput.parse({});
  const { page, ...filter } = input;
  const { rows, total, pageCount } = await listAuditLog(ctx.team.id, filter, page);
  const params = auditFilterParams(filter);
  const exportHref = `/api/audit/export${params.size ? `?${params}` : ""}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who did what in ${ctx.team.name}, newest first. Times are UTC.`}
        actions={
          <a
            href={exportHref}
            download
            className="inline-flex items-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      <div className="space-y-6">
        {!parsed.success && <Alert tone="error">Some filters were not understood and were ignored: {parsed.error.issues.map((i) => i.message).join("; ")}</Alert>}
        <AuditFilters filter={filter} />
        <Card>
          <p className="mb-3 text-sm text-slate-500" data-testid="audit-total">
            {total === 0 ? "No entries match." : `${total.toLocaleString("en-US")} ${total === 1 ? "entry" : "entries"}`}
            {total > AUDIT_PAGE_SIZE && ` · page ${page} of ${pageCount.toLocaleString("en-US")}`}
          </p>
          {rows.length > 0 && <AuditTable rows={rows} />}
          <Pager
            previousHref={page > 1 ? pageHref(params, page - 1) : undefined}
            nextHref={page < pageCount ? pageHref(params, page + 1) : undefined}
            labels={{ previous: "← Newer", next: "Older →" }}
          />
        </Card>
      </div>
    </>
  );
}

export default requireTeam("admin", AuditPage, { refused: needsAdmin });
