import Link from "next/link";
import { EnvironmentTag, GroupFacts, Notice } from "@/app/worker/_components/ui";
import { findHitGroups } from "@/lib/marketplace/worker-site/find-work";
import { FindWorkInput } from "@/lib/marketplace/worker-site/schemas";
import { requireWorker } from "@/lib/marketplace/worker-site/session";

export const metadata = { title: "Find work" };

const SORTS = [
  ["newest", "Newest"],
  ["reward", "Highest reward"],
  ["available", "Most available"],
  ["title", "Title"],
] as const;

export default async function FindWorkPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const worker = await requireWorker("/worker");
  const raw = await searchParams;
  const query = FindWorkInput.parse({ q: raw.q || undefined, sort: raw.sort || undefined, env: raw.env || undefined, page: raw.page || undefined });
  const { groups, hasMore } = await findHitGroups(worker.workerId, query);
  const link = (patch: Record<string, string | number>) =>
    `/worker?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort: query.sort, env: query.env, page: String(query.page), ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])) })}`;
  return (
    <div className="space-y-6">
      {raw.welcome && (
        <Notice tone="success">
          Welcome, {worker.displayName}! Your Worker ID is {worker.workerId}.
        </Notice>
      )}
      {raw.joined && <Notice tone="success">You joined {raw.joined}&apos;s workforce. Their HITs appear below.</Notice>}
      {raw.returned && <Notice tone="info">You returned the HIT. It is available to others again.</Notice>}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Find work</h1>
          <p className="text-sm text-stone-500">HIT groups open to you. Preview a group to see the task before you accept.</p>
        </div>
        <form className="flex flex-wrap items-center gap-2" role="search">
          <input
            name="q"
            defaultValue={query.q}
            placeholder="Search titles, keywords, requesters"
            aria-label="Search HITs"
            className="w-72 rounded-full border-0 bg-white px-4 py-2 text-sm shadow-sm ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-emerald-600"
          />
          <select name="sort" defaultValue={query.sort} aria-label="Sort by" className="rounded-full border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-stone-300 ring-inset">
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <select name="env" defaultValue={query.env} aria-label="Kind of work" className="rounded-full border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-stone-300 ring-inset">
            <option value="all">Paid and practice</option>
            <option value="production">Paid only</option>
            <option value="sandbox">Practice (sandbox) only</option>
          </select>
          <button className="rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700">Search</button>
        </form>
      </div>

      {groups.length === 0 ? (
        <div className="rounded-3xl border border-dashed border-stone-300 bg-white px-6 py-16 text-center">
          <p className="font-medium text-stone-800">{query.q ? "No HITs match your search." : "No HITs are open to you right now."}</p>
          <p className="mt-1 text-sm text-stone-500">New work appears here as soon as requesters publish it. Qualifications can open more work.</p>
        </div>
      ) : (
        <ul className="grid gap-3" aria-label="HIT groups">
          {groups.map((g) => (
            <li key={g.hitTypeId} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 transition hover:ring-emerald-300">
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/worker/groups/${g.hitTypeId}`} className="text-base font-semibold text-stone-900 hover:text-emerald-700 hover:underline">
                      {g.title}
                    </Link>
                    <EnvironmentTag environment={g.environment} />
                  </div>
                  <p className="mt-0.5 text-sm text-stone-500">{g.requesterName}</p>
                  <p className="mt-2 line-clamp-2 text-sm text-stone-700">{g.description}</p>
                  {g.requirements.length > 0 && (
                    <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Qualifications required">
                      {g.requirements.map((r, i) => (
                        <li
                          key={i}
                          className={`rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${r.met ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}
                        >
                          {r.met ? "✓" : "✕"} {r.name} {r.comparator} {r.values}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <GroupFacts group={g} className="sm:w-80" />
              </div>
              <div className="mt-4 flex justify-end">
                <Link href={`/worker/groups/${g.hitTypeId}`} className="rounded-full bg-emerald-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-emerald-800">
                  {g.access.accept ? "Preview & accept" : g.access.preview ? "Preview" : "See requirements"}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav className="flex justify-between text-sm" aria-label="Pages">
        {query.page > 1 ? (
          <Link href={link({ page: query.page - 1 })} className="font-medium text-emerald-700 hover:underline">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        {hasMore && (
          <Link href={link({ page: query.page + 1 })} className="font-medium text-emerald-700 hover:underline">
            Next →
          </Link>
        )}
      </nav>
    </div>
  );
}
