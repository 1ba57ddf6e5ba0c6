import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableEmpty, TableHead, Th } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { listQualificationTypes, QUALIFICATIONS_STALE_MS } from "@/lib/qualifications/list-qualification-types";
import { RefreshWhenStale } from "./_components/refresh-when-stale";

export const metadata: Metadata = { title: "Qualifications" };

const hours = (sec: number) => (sec % 3600 === 0 ? `${sec / 3600} h` : `${Math.round(sec / 60)} min`);

export default requireTeam("viewer", async function QualificationsPage(_props: object, ctx) {
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
          <TableEmpty>No qualification types yet. Create one to test workers before they work, or to keep a group of workers you trust.</TableEmpty>
        ) : (
          <div className="-mx-5 -my-4 overflow-x-auto">
            <Table>
              <TableHead>
                <tr className="border-b border-slate-100">
                  <Th className="px-5 py-2">Name</Th>
                  <Th className="px-3 py-2">Status</Th>
                  <Th className="px-3 py-2">How granted</Th>
                  <Th className="px-3 py-2 text-right">Holders</Th>
                  <Th className="px-3 py-2 text-right">Requests</Th>
                  <Th className="px-5 py-2">Retry</Th>
                </tr>
              </TableHead>
              <TableBody>
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
                      {t.pendingRequests > 0 ? (
                        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-800">{t.pendingRequests} pending</span>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className="px-5 py-3 text-slate-600">{t.retryDelaySec === null ? "Once" : `After ${hours(t.retryDelaySec)}`}</td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
    </>
  );
});
