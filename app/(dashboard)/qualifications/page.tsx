import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { listQualificationTypes, QUALIFICATIONS_STALE_MS } from "@/lib/qualifications/list-qualification-types";
import { RefreshWhenStale } from "./_components/refresh-when-stale";

export const metadata: Metadata = { title: "Qualifications" };

const hours = (sec: number) => (sec % 3600 === 0 ? `${sec / 3600} h` : `${Math.round(sec / 60)} min`);

export default async function QualificationsPage() {
  // The layout shows sign-in or "not in a team" instead; pages render alongside it, so bail quietly.
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const { rows, syncedAt } = await listQualificationTypes(ctx.team.id, ctx.environment);
  return (
    <>
      <PageHeader
        title="Qualifications"
        description="Your qualification types: who may work on HITs that require them, how workers earn them, and the requests waiting for you."
        actions={
          hasRole(ctx.role, "admin") && (
            <Link href="/qualifications/new" className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              New qualification type
            </Link>
          )
        }
      />
      <Card actions={<RefreshWhenStale syncedAt={syncedAt} staleMs={QUALIFICATIONS_STALE_MS} />} title={`${rows.length} ${rows.length === 1 ? "type" : "types"} in ${ctx.environment}`}>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">No qualification types yet. Create one to test workers before they work, or to keep a group of workers you trust.</p>
        ) : (
          <div className="-mx-5 -my-4 overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs tracking-wide text-slate-500 uppercase">
                <tr className="border-b border-slate-100">
                  <th className="px-5 py-2 font-medium">Name</th>
                  <th className="px-3 py-2 font-medium">Status</th>
                  <th className="px-3 py-2 font-medium">How granted</th>
                  <th className="px-3 py-2 text-right font-medium">Holders</th>
                  <th className="px-3 py-2 text-right font-medium">Requests</th>
                  <th className="px-5 py-2 font-medium">Retry</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((t) => (
                  <tr key={t.qualificationTypeId} className="hover:bg-slate-50">
                    <td className="px-5 py-3">
                      <Link href={`/qualifications/${t.qualificationTypeId}`} className="font-medium text-slate-900 hover:text-brand-700">
                        {t.name}
                      </Link>
                      <p className="max-w-md truncate text-xs text-slate-500">{t.description}</p>
                    </td>
                    <td className="px-3 py-3">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${t.status === "Active" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>{t.status}</span>
                    </td>
                    <td className="px-3 py-3 text-slate-600">{t.hasTest ? "Test" : t.autoGranted ? `Automatic (${t.autoGrantedValue ?? 1})` : "Request or assign"}</td>
                    <td className="px-3 py-3 text-right tabular-nums">{t.granted.toLocaleString("en-US")}</td>
                    <td className="px-3 py-3 text-right tabular-nums">
                      {t.pendingRequests > 0 ? <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-800">{t.pendingRequests} pending</span> : <span className="text-slate-400">—</span>}
                    </td>
                    <td className="px-5 py-3 text-slate-600">{t.retryDelaySec === null ? "Once" : `After ${hours(t.retryDelaySec)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
