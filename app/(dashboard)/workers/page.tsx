import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { JobProgress } from "@/components/jobs/job-progress";
import { listWorkers, WORKERS_PAGE_SIZE } from "@/lib/workers/list-workers";
import { recentWorkerJobs } from "@/lib/workers/worker-jobs";
import { WorkersQuery, workersQueryParams, type WorkerSort } from "@/lib/workers/workers-query";
import { BlockCsvForm } from "./_components/block-csv-form";
import { WorkersTable } from "./_components/workers-table";

export const metadata: Metadata = { title: "Workers" };

export default requireTeam("viewer", async function WorkersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }, ctx) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = WorkersQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : WorkersQuery.parse({});
  const isAdmin = hasRole(ctx.role, "admin");
  const [{ rows, total, pageCount }, jobs] = await Promise.all([
    listWorkers({ teamId: ctx.team.id, environment: ctx.environment }, query),
    isAdmin ? recentWorkerJobs({ teamId: ctx.team.id, environment: ctx.environment }) : Promise.resolve([]),
  ]);
  const params = workersQueryParams({ ...query, page: 1 });
  const sortHref = (sort: WorkerSort) => `/workers?${workersQueryParams({ ...query, sort, dir: query.sort === sort && query.dir === "desc" ? "asc" : "desc", page: 1 })}`;
  const pageHref = (page: number) => `/workers?${workersQueryParams({ ...query, page })}`;
  const control = "rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";
  return (
    <>
      <PageHeader
        title="Workers"
        description={`Everyone who has worked for ${ctx.team.name} in ${ctx.environment}, from the synced assignments and bonuses.`}
        actions={
          <a
            href={`/api/workers/export${params.size ? `?${params}` : ""}`}
            download
            className="inline-flex items-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      <div className="space-y-6">
        {!parsed.success && <Alert tone="error">Some filters were not understood and were ignored.</Alert>}
        <form className="flex flex-wrap items-end gap-3" action="/workers">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Worker ID</span>
            <input name="q" defaultValue={query.q} placeholder="Starts with…" className={`${control} font-mono`} />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Blocked</span>
            <select name="blocked" defaultValue={query.blocked} className={control}>
              <option value="all">Everyone</option>
              <option value="blocked">Blocked only</option>
              <option value="unblocked">Not blocked</option>
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">At least</span>
            <input name="minSubmitted" type="number" min={0} defaultValue={query.minSubmitted || ""} placeholder="0" className={`${control} w-24`} />
          </label>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
          <button className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">Filter</button>
        </form>
        {isAdmin && <BlockCsvForm />}
        {jobs.length > 0 && (
          <details className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200" open={jobs.some((j) => j.status === "queued" || j.status === "running")}>
            <summary className="cursor-pointer list-none px-5 py-3 text-sm font-semibold text-slate-800 select-none">
              <span className="mr-1 inline-block transition group-open:rotate-90">›</span> Recent bulk actions
            </summary>
            <div className="space-y-2 border-t border-slate-100 px-5 py-4" data-testid="recent-worker-jobs">
              {jobs.map((j) => (
                <JobProgress
                  key={j.id}
                  jobId={j.id}
                  testId="worker-job-progress"
                  what={`${j.label} · ${j.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`}
                  refreshOnFinish={j.status === "queued" || j.status === "running"}
                />
              ))}
            </div>
          </details>
        )}
        <Card>
          <p className="mb-3 text-sm text-slate-500" data-testid="workers-total">
            {total === 0 ? "No workers match." : `${total.toLocaleString("en-US")} ${total === 1 ? "worker" : "workers"}`}
            {total > WORKERS_PAGE_SIZE && ` · page ${query.page} of ${pageCount.toLocaleString("en-US")}`}
          </p>
          {rows.length > 0 && (
            <WorkersTable
              rows={rows}
              sort={query.sort}
              dir={query.dir}
              sortHrefs={Object.fromEntries((["workerId", "submitted", "approvalRate", "earnings", "bonuses", "medianTime", "hourly", "lastSeen"] as const).map((s) => [s, sortHref(s)]))}
              canAct={isAdmin}
            />
          )}
          <Pager previousHref={query.page > 1 ? pageHref(query.page - 1) : undefined} nextHref={query.page < pageCount ? pageHref(query.page + 1) : undefined} />
        </Card>
      </div>
    </>
  );
});
