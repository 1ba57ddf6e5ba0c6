import Link from "next/link";
import { EnvironmentTag } from "@/app/worker/_components/ui";
import { dollars } from "@/lib/format";
import { listMyAssignments, MY_WORK_STATUSES, workerSummary, type MyWorkStatus } from "@/lib/marketplace/worker-site/my-work";
import { requireWorker } from "@/lib/marketplace/worker-site/session";

export const metadata = { title: "My work" };

const STATUS_STYLE: Record<string, string> = {
  Accepted: "bg-sky-50 text-sky-800 ring-sky-200",
  Submitted: "bg-stone-100 text-stone-800 ring-stone-300",
  Approved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  Rejected: "bg-red-50 text-red-800 ring-red-200",
};

const fmt = (d: Date | null) => (d ? d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—");

export default async function MyWorkPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const worker = await requireWorker("/worker/work");
  const raw = await searchParams;
  const status: MyWorkStatus = (MY_WORK_STATUSES as readonly string[]).includes(raw.status ?? "") ? (raw.status as MyWorkStatus) : "all";
  const page = Math.max(1, Number.parseInt(raw.page ?? "1", 10) || 1);
  const [summary, list] = await Promise.all([workerSummary(worker.workerId), listMyAssignments(worker.workerId, { status, page })]);
  const cards = [
    { label: "Earned (approved work)", value: dollars(summary.rewardsCents), accent: true },
    { label: "Bonuses", value: dollars(summary.bonusesCents), accent: true },
    { label: "Submitted, awaiting review", value: String(summary.submitted) },
    { label: "Approved", value: String(summary.approved) },
    { label: "Rejected", value: String(summary.rejected) },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">My work</h1>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {cards.map((c) => (
          <div key={c.label} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <dt className="text-xs text-stone-500">{c.label}</dt>
            <dd className={`mt-1 text-xl font-semibold ${c.accent ? "text-emerald-700" : "text-stone-900"}`}>{c.value}</dd>
          </div>
        ))}
      </dl>
      {summary.recentBonuses.length > 0 && (
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <h2 className="text-sm font-semibold">Recent bonuses</h2>
          <ul className="mt-2 divide-y divide-stone-100 text-sm">
            {summary.recentBonuses.map((b) => (
              <li key={b.id} className="flex justify-between gap-4 py-2">
                <span>
                  <span className="font-medium">{b.requesterName}</span>: {b.reason}
                </span>
                <span className="font-semibold text-emerald-700">{dollars(b.amountCents)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="space-y-3">
        <nav aria-label="Filter by status" className="flex flex-wrap gap-1 text-sm">
          {MY_WORK_STATUSES.map((s) => (
            <Link
              key={s}
              href={`/worker/work?status=${s}`}
              aria-current={s === status ? "page" : undefined}
              className={`rounded-full px-3 py-1 ${s === status ? "bg-stone-900 text-white" : "text-stone-600 ring-1 ring-stone-300 hover:bg-white"}`}
            >
              {s === "all" ? "All" : s === "Accepted" ? "In progress" : s}
            </Link>
          ))}
        </nav>
        {list.assignments.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-stone-500">No assignments here yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-stone-200">
            <table className="min-w-full text-sm">
              <thead className="bg-stone-50 text-left text-xs text-stone-500">
                <tr>
                  <th className="px-4 py-2 font-medium">HIT</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 font-medium">Reward</th>
                  <th className="px-4 py-2 font-medium">Submitted</th>
                  <th className="px-4 py-2 font-medium">Feedback from the requester</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {list.assignments.map((a) => (
                  <tr key={a.id}>
                    <td className="px-4 py-2.5">
                      <div className="flex items-center gap-2">
                        {a.status === "Accepted" ? (
                          <Link className="font-medium text-emerald-700 hover:underline" href={`/worker/tasks/${a.id}`}>
                            {a.title}
                          </Link>
                        ) : (
                          <span className="font-medium">{a.title}</span>
                        )}
                        <EnvironmentTag environment={a.environment} />
                      </div>
                      <div className="text-xs text-stone-500">{a.requesterName}</div>
                    </td>
                    <td className="px-4 py-2.5">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[a.status] ?? ""}`}>{a.status === "Accepted" ? "In progress" : a.status}</span>
                    </td>
                    <td className="px-4 py-2.5 font-medium">{dollars(a.rewardCents)}</td>
                    <td className="px-4 py-2.5 text-stone-600">{fmt(a.submitTime)}</td>
                    <td className="px-4 py-2.5 text-stone-700">{a.requesterFeedback ?? <span className="text-stone-400">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="flex justify-between text-sm" aria-label="Pages">
          {page > 1 ? (
            <Link className="font-medium text-emerald-700 hover:underline" href={`/worker/work?status=${status}&page=${page - 1}`}>
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          {list.hasMore && (
            <Link className="font-medium text-emerald-700 hover:underline" href={`/worker/work?status=${status}&page=${page + 1}`}>
              Older →
            </Link>
          )}
        </nav>
      </section>
    </div>
  );
}
