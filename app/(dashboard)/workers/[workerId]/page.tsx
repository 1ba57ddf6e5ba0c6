import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { approvalPercent, briefDuration, dollars } from "@/lib/format";
import { grantableQualificationTypes } from "@/lib/qualifications/list-qualification-types";
import { getWorkerProfile } from "@/lib/workers/get-worker-profile";
import { WorkerActions } from "../_components/worker-actions";
import { WorkerBonusButton } from "../_components/worker-bonus-button";
import { WorkerGrantForm } from "../_components/worker-grant-form";
import { WorkerScoreEditor } from "../_components/worker-score-editor";

export const metadata: Metadata = { title: "Worker" };

/** MTurk pays a bonus only against an assignment the worker submitted. */
const BONUSABLE = new Set(["Submitted", "Approved", "Rejected"]);

export default requireTeam("viewer", async function WorkerPage({ params }: { params: Promise<{ workerId: string }> }, ctx) {
  const { workerId } = await params;
  // Roles as the routes check them: blocks, messages and grants need an admin; bonuses a reviewer (up to the team's limit).
  const canAct = hasRole(ctx.role, "admin");
  const canBonus = hasRole(ctx.role, "reviewer");
  const [p, grantable] = await Promise.all([
    getWorkerProfile({ teamId: ctx.team.id, environment: ctx.environment }, workerId),
    canAct ? grantableQualificationTypes(ctx.team.id, ctx.environment) : [],
  ]);
  const s = p.stat;
  const facts: [string, string][] = [
    ["Submitted", String(s?.submitted ?? 0)],
    ["Approved / rejected", `${s?.approved ?? 0} / ${s?.rejected ?? 0}`],
    ["Approval rate", approvalPercent(s?.approved ?? 0, s?.rejected ?? 0)],
    ["Earned", dollars(s?.earningsCents)],
    ["Bonuses", dollars(s?.bonusCents)],
    ["Median time", briefDuration(s?.medianSeconds ?? null)],
    ["Hourly pay", s?.hourlyCents != null ? `${dollars(s.hourlyCents)}/h` : "—"],
    ["Agrees with others", p.agreement ? `${p.agreement.percent}% of ${p.agreement.compared} compared` : "—"],
    ["First / last seen", s ? `${s.firstSeenAt.toLocaleDateString()} – ${s.lastSeenAt.toLocaleDateString()}` : "—"],
  ];
  return (
    <>
      <PageHeader
        title={workerId}
        description={p.blocked ? `Blocked: ${p.blockReason}` : `Worker in ${ctx.environment}`}
        actions={canAct && <WorkerActions workerIds={[workerId]} blocked={p.blocked} />}
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
                <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Qualification scores">
            {p.scores.length === 0 ? (
              <p className="text-sm text-slate-500">Holds none of your qualifications.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {p.scores.map((q) => (
                  <li key={q.qualificationTypeId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <Link href={`/qualifications/${q.qualificationTypeId}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {q.name}
                    </Link>
                    {q.status === "Granted" && canAct && q.own ? (
                      <WorkerScoreEditor qualificationTypeId={q.qualificationTypeId} workerId={workerId} value={q.value} />
                    ) : (
                      <span className="text-slate-500">{q.status === "Granted" ? q.value : "Revoked"}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canAct && (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="mb-3 text-sm font-semibold text-slate-900">Grant a qualification</h3>
                <WorkerGrantForm workerId={workerId} types={grantable} />
              </div>
            )}
          </Card>
          <Card title="Messages sent">
            {p.messages.length === 0 ? (
              <p className="text-sm text-slate-500">No messages yet.</p>
            ) : (
              <ul className="space-y-3 text-sm">
                {p.messages.map((m) => (
                  <li key={m.id}>
                    <p className="font-medium text-slate-900">
                      {m.subject} {m.failed && <span className="text-xs text-red-700">(not delivered)</span>}
                    </p>
                    <p className="line-clamp-2 text-slate-600">{m.body}</p>
                    <p className="text-xs text-slate-400">
                      {new Date(m.at).toLocaleString()} · {m.by}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card title="Block history" description="From HITdesk's audit log; MTurk keeps only the current block.">
          {p.blockHistory.length === 0 ? (
            <p className="text-sm text-slate-500">{p.blocked ? `Blocked outside HITdesk: ${p.blockReason}` : "Never blocked from HITdesk."}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {p.blockHistory.map((b, i) => (
                <li key={i} className="flex justify-between gap-4 py-2">
                  <span>
                    <span className="font-medium">{b.action}</span> — {b.reason}
                  </span>
                  <span className="text-slate-500">
                    {new Date(b.at).toLocaleString()} · {b.by}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Assignments" description={canBonus ? "The latest 100. A bonus is paid against one of them." : "The latest 100."}>
          {p.assignments.length === 0 ? (
            <p className="text-sm text-slate-500">No assignments in the cache.</p>
          ) : (
            <div className="-mx-5 overflow-x-auto">
              <Table>
                <TableHead>
                  <tr className="border-b border-slate-100">
                    <Th className="px-5 py-2">HIT</Th>
                    <Th className="px-3 py-2">Status</Th>
                    <Th className="px-3 py-2 text-right">Reward</Th>
                    <Th className="px-3 py-2 text-right">Time</Th>
                    <Th className="px-5 py-2">Submitted</Th>
                    {canBonus && (
                      <Th className="px-5 py-2">
                        <span className="sr-only">Bonus</span>
                      </Th>
                    )}
                  </tr>
                </TableHead>
                <TableBody>
                  {p.assignments.map((a) => (
                    <tr key={a.assignmentId}>
                      <td className="px-5 py-2">
                        <Link href={`/hits/${a.hitId}`} className="text-slate-900 hover:text-brand-700">
                          {a.title}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{a.status}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{dollars(a.rewardCents)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{briefDuration(a.seconds)}</td>
                      <td className="px-5 py-2 text-slate-500">{a.submitTime ? new Date(a.submitTime).toLocaleString() : "—"}</td>
                      {canBonus && (
                        <td className="px-5 py-1 text-right whitespace-nowrap">
                          {BONUSABLE.has(a.status) && (
                            <WorkerBonusButton assignmentId={a.assignmentId} hitTitle={a.title} limitCents={ctx.role === "reviewer" ? ctx.team.reviewerBonusLimitCents : null} />
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
});
