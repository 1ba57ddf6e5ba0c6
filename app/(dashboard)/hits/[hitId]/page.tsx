import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableHead, Th } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { NotFound } from "@/lib/errors";
import { dollars, shortTime } from "@/lib/format";
import { getHitDetail } from "@/lib/hits/get-hit-detail";
import { answerFields } from "@/lib/hits/results-csv";
import { hitExternalPageVisit, type ExternalPageVisit } from "@/lib/teams/simulated-workforce";
import { StatusBadge } from "../_components/status-badge";
import { HitActionsPanel } from "./_components/hit-actions-panel";

export const metadata: Metadata = { title: "HIT" };

const ASSIGNMENT_TONES: Record<string, string> = { Approved: "text-emerald-700", Rejected: "text-red-700", Submitted: "text-brand-700" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** What the simulated workforce made of the HIT's ExternalQuestion page, in the sandbox. */
function ExternalPageCard({ visit }: { visit: ExternalPageVisit }) {
  const when = `${shortTime(visit.at)} UTC`;
  return (
    <Card
      title="External page and simulated workers"
      description="Simulated workers open an ExternalQuestion page (with assignmentId, hitId, workerId and turkSubmitTo) before submitting, on hosts allowed in Settings → Simulated workforce."
    >
      <div data-testid="external-page-visit">
        {visit.outcome === "opened" ? (
          <Alert tone="success">
            Last opened on {visit.host} at {when} (HTTP {visit.httpStatus}).
          </Alert>
        ) : visit.outcome === "failed" ? (
          <Alert tone="error">
            Could not open the page on {visit.host || "its host"} at {when}: {visit.error}. Simulated workers return the HIT instead of submitting.
          </Alert>
        ) : (
          <Alert tone="warning">
            Not opened ({when}): {visit.host} is not an allowed host, so your server does not see simulated workers; they submit a completion code without visiting.
          </Alert>
        )}
      </div>
    </Card>
  );
}

export default requireTeam("viewer", async function HitPage({ params }: { params: Promise<{ hitId: string }> }, ctx) {
  const { hitId } = await params;
  const detail = await getHitDetail({ teamId: ctx.team.id, environment: ctx.environment }, hitId).catch((e: unknown) => {
    if (e instanceof NotFound) notFound();
    throw e;
  });
  const { hit, assignments, batch } = detail;
  const visit = ctx.environment === "sandbox" ? await hitExternalPageVisit(ctx.team.id, hit.hitId) : null;
  const submittedUndecided = Math.max(0, hit.maxAssignments - hit.assignmentsPending - hit.assignmentsAvailable - hit.assignmentsCompleted);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/hits" className="text-sm text-slate-500 hover:text-slate-800">
          ← All HITs
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{hit.title}</h1>
          <StatusBadge status={hit.status} forgotten={!!hit.forgottenAt} />
        </div>
        <p className="mt-1 font-mono text-xs text-slate-500">{hit.hitId}</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label="Reward">{dollars(hit.rewardCents)}</Fact>
            <Fact label="Assignments">
              {hit.assignmentsCompleted} decided · {submittedUndecided} to review · {hit.assignmentsPending} in progress · {hit.assignmentsAvailable} available
            </Fact>
            <Fact label="Max assignments">{hit.maxAssignments}</Fact>
            <Fact label="Created (UTC)">{shortTime(hit.createdAt)}</Fact>
            <Fact label="Expires (UTC)">{shortTime(hit.expiresAt)}</Fact>
            <Fact label="Last synced (UTC)">{shortTime(hit.syncedAt)}</Fact>
            <Fact label="HIT type">
              <span className="font-mono text-xs break-all">{hit.hitTypeId}</span>
            </Fact>
            <Fact label="Annotation">
              <span className="break-words">{hit.requesterAnnotation ?? "—"}</span>
            </Fact>
            <Fact label="Keywords">{hit.keywords || "—"}</Fact>
          </dl>
          <p className="mt-4 text-sm text-slate-600">{hit.description}</p>
        </Card>
        <Card title="From batch" description={batch ? undefined : "Created outside a HITdesk batch"}>
          {batch ? (
            <div className="space-y-3 text-sm">
              <p>
                <Link href={`/hits?batch=${batch.id}`} className="font-medium text-brand-700 hover:underline">
                  {batch.name}
                </Link>
                <span className="text-slate-500">
                  {" "}
                  · row {batch.rowNumber}
                  {batch.part > 1 ? `, part ${batch.part}` : ""}
                </span>
                {batch.project && <span className="block text-slate-500">Project {batch.project.name}</span>}
              </p>
              <dl className="space-y-2">
                {batch.columns.map((c) => (
                  <div key={c}>
                    <dt className="text-xs font-medium text-slate-500">{c}</dt>
                    <dd className="break-words text-slate-900">{batch.values[c] || <span className="text-slate-500">empty</span>}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : (
            <p className="text-sm text-slate-500">No inputs: this HIT was made by another tool or by hand.</p>
          )}
        </Card>
      </div>

      {visit && <ExternalPageCard visit={visit} />}

      {hasRole(ctx.role, "admin") && !hit.forgottenAt && (
        <Card title="Actions" description="Done at once through the marketplace; the cache is updated right after.">
          <HitActionsPanel hitId={hit.hitId} />
        </Card>
      )}

      <Card title={`Assignments (${assignments.length})`} description={hit.assignmentsSyncedAt ? `As of ${shortTime(hit.assignmentsSyncedAt)} UTC` : "Not synced since the last change"}>
        {assignments.length === 0 ? (
          <p className="text-sm text-slate-500">No worker has submitted this HIT yet.</p>
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <Table className="min-w-full">
              <TableHead className="border-b border-slate-200 font-semibold">
                <tr>
                  <Th className="px-5 py-2">Worker</Th>
                  <Th className="px-5 py-2">Status</Th>
                  <Th className="px-5 py-2">Submitted (UTC)</Th>
                  <Th className="px-5 py-2">Answers</Th>
                </tr>
              </TableHead>
              <TableBody>
                {assignments.map((a) => (
                  <tr key={a.assignmentId} className="align-top">
                    <td className="px-5 py-3">
                      <span className="font-mono text-xs text-slate-800">{a.workerId}</span>
                      <span className="block font-mono text-[11px] text-slate-500">{a.assignmentId}</span>
                    </td>
                    <td className={`px-5 py-3 font-medium ${ASSIGNMENT_TONES[a.status] ?? "text-slate-600"}`}>
                      {a.status}
                      {a.requesterFeedback && <span className="block text-xs font-normal text-slate-500">“{a.requesterFeedback}”</span>}
                    </td>
                    <td className="px-5 py-3 whitespace-nowrap text-slate-600">{shortTime(a.submitTime)}</td>
                    <td className="px-5 py-3">
                      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                        {[...answerFields(a.answers)].map(([name, value]) => (
                          <div key={name} className="contents">
                            <dt className="text-xs text-slate-500">{name.replace(/^Answer\./, "")}</dt>
                            <dd className="break-words text-slate-900">{value}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
    </div>
  );
});
