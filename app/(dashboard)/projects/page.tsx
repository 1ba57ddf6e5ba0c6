import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { listBatches } from "@/lib/batches/batch-status";
import { plural } from "@/lib/format";
import { centsToDollars } from "@/lib/money";
import { batchCountsByProject } from "@/lib/projects/delete-project";
import { listProjects } from "@/lib/projects/projects";
import { ProjectRowActions } from "./_components/project-row-actions";

export const metadata: Metadata = { title: "Projects" };

const STATUS_STYLE: Record<string, string> = {
  running: "bg-brand-50 text-brand-700",
  queued: "bg-brand-50 text-brand-700",
  paused: "bg-amber-50 text-amber-800",
  succeeded: "bg-emerald-50 text-emerald-700",
  cancelled: "bg-slate-100 text-slate-600",
  failed: "bg-red-50 text-red-700",
};

const batchCount = (n: number) => (n === 0 ? "no batches" : plural(n, "batch", "batches"));

const VIEWS = [
  { value: "current", label: "Current", href: "/projects" },
  { value: "archived", label: "Archived", href: "/projects?view=archived" },
] as const;

export default requireTeam("viewer", async function ProjectsPage({ searchParams }: { searchParams: Promise<{ view?: string }> }, ctx) {
  const archived = (await searchParams).view === "archived";
  const [projects, batches] = await Promise.all([listProjects(ctx.team.id, { archived }), listBatches(ctx)]);
  const batchCounts = await batchCountsByProject(
    ctx.team.id,
    projects.map((p) => p.id),
  );
  const canEdit = hasRole(ctx.role, "admin");
  return (
    <>
      <PageHeader
        title="Projects"
        description="Reusable HIT designs. Publish a batch from a CSV: one HIT per row, with the row's values in the task."
        actions={
          canEdit && (
            <Link href="/projects/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              New project
            </Link>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-2">
            <h2 className="text-base font-semibold">Designs</h2>
            <nav aria-label="Which projects" className="flex gap-1 text-sm">
              {VIEWS.map((v) => {
                const current = (v.value === "archived") === archived;
                return (
                  <Link
                    key={v.value}
                    href={v.href}
                    aria-current={current ? "page" : undefined}
                    className={`rounded-md px-2.5 py-1 font-medium ${current ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"}`}
                  >
                    {v.label}
                  </Link>
                );
              })}
            </nav>
          </div>
          {projects.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-slate-500">{archived ? "No archived projects." : "No projects yet. Start from a template: categorization, sentiment, images, surveys…"}</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label={archived ? "Archived projects" : "Projects"}>
              {projects.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-5 py-3">
                  <div>
                    <Link href={`/projects/${p.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      Version {p.latestVersion} · {batchCount(batchCounts.get(p.id) ?? 0)} · updated {p.updatedAt.toLocaleDateString("en-US", { dateStyle: "medium" })}
                    </p>
                  </div>
                  {canEdit && (
                    <div className="flex flex-wrap items-center justify-end gap-1">
                      {!archived && (
                        <Link href={`/projects/${p.id}/batches/new`} className="mr-1 rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50">
                          Publish batch
                        </Link>
                      )}
                      <ProjectRowActions project={{ id: p.id, name: p.name, archived }} batches={batchCounts.get(p.id) ?? 0} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 className="border-b border-slate-100 px-5 py-3 text-base font-semibold">Batches in {ctx.environment}</h2>
          {batches.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-slate-500">No batches in {ctx.environment} yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Batches">
              {batches.map((b) => (
                <li key={b.id} className="flex items-center justify-between gap-4 px-5 py-3">
                  <div>
                    <Link href={`/batches/${b.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {b.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {b.rowCount} rows · up to ${centsToDollars(b.estimatedCostCents)} · {b.createdAt.toLocaleDateString("en-US", { dateStyle: "medium" })}
                    </p>
                  </div>
                  {b.job && (
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[b.job.status] ?? ""}`}>
                      {b.job.status === "running" || b.job.status === "queued" ? `${b.job.done}/${b.job.total}` : b.job.status}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
});
