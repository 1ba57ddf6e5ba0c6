import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceSelect, Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { filterParams, HIT_PAGE_SIZE, HIT_STATUSES, HitListQuery } from "@/lib/hits/hit-filter";
import { hitFilterOptions, listHits } from "@/lib/hits/list-hits";
import { hitsResultsUrl } from "@/lib/hits/results-url";
import { shortTime } from "./_components/format";
import { HitsTable, type SortLink } from "./_components/hits-table";

export const metadata: Metadata = { title: "HITs" };

const SORT_LABELS = { title: "Title", status: "Status", reward: "Reward", created: "Created (UTC)", expires: "Expires" } as const;

/** A filter's select: "Any" first, then the options. */
function FilterSelect({ label, name, value, options }: { label: string; name: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <label className="space-y-1 text-xs font-medium text-slate-600">
      {label}
      <ChoiceSelect name={name} defaultValue={value ?? ""} choices={options} emptyLabel="Any" />
    </label>
  );
}

export default async function HitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string"));
  const parsed = HitListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : HitListQuery.parse({});
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const [page, options] = await Promise.all([listHits(scope, query), hitFilterOptions(scope)]);
  const { sort, dir, page: pageNumber, ...filter } = query;
  const href = (patch: Partial<Record<keyof HitListQuery, string | number | undefined>>) => `/hits?${filterParams({ ...filter, sort, dir, page: pageNumber, ...patch }).toString()}`;
  const sortLinks = Object.fromEntries(
    Object.entries(SORT_LABELS).map(([key, label]): [string, SortLink] => [
      key,
      { label, active: sort === key ? dir : null, href: href({ sort: key, dir: sort === key && dir === "desc" ? "asc" : "desc", page: undefined }) },
    ]),
  );
  const first = page.total === 0 ? 0 : (page.page - 1) * HIT_PAGE_SIZE + 1;
  const last = Math.min(page.total, page.page * HIT_PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="HITs"
        description={
          <>
            Every HIT of this account in {ctx.environment}, including ones created outside HITdesk, as of the last sync
            {page.syncedAt ? ` (${shortTime(page.syncedAt)} UTC)` : " (not synced yet)"}.
          </>
        }
        actions={
          <a href={hitsResultsUrl(filter)} className="inline-flex items-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            Download results (CSV)
          </a>
        }
      />
      <form method="get" action="/hits" className="mb-4 grid gap-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6" role="search" aria-label="Filter HITs">
        <label className="space-y-1 text-xs font-medium text-slate-600 lg:col-span-2">
          Title contains
          <Input name="title" defaultValue={filter.title ?? ""} placeholder="e.g. sentiment" />
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-600">
          Annotation contains
          <Input name="annotation" defaultValue={filter.annotation ?? ""} />
        </label>
        <FilterSelect label="Batch" name="batch" value={filter.batch} options={options.batches.map((b) => ({ value: b.id, label: b.name }))} />
        <FilterSelect label="Project" name="project" value={filter.project} options={options.projects.map((p) => ({ value: p.id, label: p.name }))} />
        <FilterSelect label="Status" name="status" value={filter.status} options={HIT_STATUSES.map((st) => ({ value: st, label: st }))} />
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <div className="flex items-end gap-2 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
            Apply filter
          </button>
          <Link href="/hits" className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Clear
          </Link>
        </div>
      </form>
      <HitsTable items={page.items} total={page.total} filter={filter} canAct={hasRole(ctx.role, "admin")} sortLinks={sortLinks} />
      <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label="Pages">
        <span>
          {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {page.total.toLocaleString("en-US")} HITs · page {page.page} of {page.pages}
        </span>
        <span className="flex gap-2">
          {page.page > 1 ? (
            <Link href={href({ page: page.page - 1 })} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-white" rel="prev">
              Previous
            </Link>
          ) : null}
          {page.page < page.pages ? (
            <Link href={href({ page: page.page + 1 })} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-white" rel="next">
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
