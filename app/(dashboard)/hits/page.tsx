import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { ChoiceSelect, Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import type { SortLink } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { shortTime, count } from "@/lib/format";
import { filterParams, HIT_COUNT_CAP, HIT_PAGE_SIZE, HIT_STATUSES, hitCursorParam, HitListQuery } from "@/lib/hits/hit-filter";
import type { HitPage } from "@/lib/hits/list-hits";
import { hitJobsReading } from "@/lib/hits/hit-jobs";
import { listHits } from "@/lib/hits/list-hits";
import { hitsResultsUrl } from "@/lib/hits/results-url";
import { HitsTable } from "./_components/hits-table";

/** "51–100 of 230 HITs"; past the count's cap the position is known only on the first page. */
function pageSummary(page: HitPage): string {
  const total = page.totalCapped ? `${count(HIT_COUNT_CAP)}+` : count(page.total);
  if (page.items.length === 0) return page.total === 0 ? "No HITs match" : `No more HITs of ${total}`;
  if (page.start === null) return `${count(page.items.length)} HITs on this page of ${total}`;
  return `${count(page.start + 1)}–${count(page.start + page.items.length)} of ${total} HITs`;
}

/** Where the linked page starts, `moved` rows from this one: the next page need not count the rows before it. */
const positionParam = (start: number | null, moved: number) => (start === null ? undefined : String(Math.max(0, start + moved)));

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

export default requireTeam("viewer", async function HitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }, ctx) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string"));
  const parsed = HitListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : HitListQuery.parse({});
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const [page, jobs] = await Promise.all([listHits(scope, query), hitJobsReading(scope)]);
  const options = page.filterOptions;
  const { sort, dir, after: _after, before: _before, last: _last, start: _start, ...filter } = query;
  // Every link starts a fresh walk through the list: the cursor belongs to this page only.
  const href = (patch: Partial<Record<keyof HitListQuery, string | undefined>>) => `/hits?${filterParams({ ...filter, sort, dir, ...patch }).toString()}`;
  const sortLinks = Object.fromEntries(
    Object.entries(SORT_LABELS).map(([key, label]): [string, SortLink & { label: string }] => [
      key,
      { label, direction: sort === key ? dir : null, href: href({ sort: key, dir: sort === key && dir === "desc" ? "asc" : "desc" }) },
    ]),
  );
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
          <a
            href={hitsResultsUrl(filter)}
            className="inline-flex items-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
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
          <IntentLink href="/hits" className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Clear
          </IntentLink>
        </div>
      </form>
      <HitsTable items={page.items} total={page.total} totalCapped={page.totalCapped} filter={filter} canAct={hasRole(ctx.role, "admin")} sortLinks={sortLinks} jobs={jobs} />
      <Pager
        firstHref={href({})}
        previousHref={page.previous ? href({ before: hitCursorParam(page.previous), start: positionParam(page.start, -HIT_PAGE_SIZE) }) : undefined}
        nextHref={page.next ? href({ after: hitCursorParam(page.next), start: positionParam(page.start, page.items.length) }) : undefined}
        lastHref={href({ last: "1" })}
        summary={pageSummary(page)}
      />
    </>
  );
});
