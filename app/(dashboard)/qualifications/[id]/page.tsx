import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { DomainError } from "@/lib/errors";
import { getQualificationType, type QualificationTypeDetail } from "@/lib/qualifications/get-qualification-type";
import { batchChoices, projectChoices } from "@/lib/qualifications/grant-scores";
import { listHitsForQualification } from "@/lib/qualifications/list-hits-for-qualification";
import { listQualificationRequests } from "@/lib/qualifications/list-qualification-requests";
import { listQualificationScores } from "@/lib/qualifications/list-qualification-scores";
import { refreshQualificationRequests } from "@/lib/qualifications/refresh-qualification-requests";
import { QualificationTypeForm } from "../_components/qualification-type-form";
import { RequestsInbox } from "../_components/requests-inbox";
import { ScoresPanel } from "../_components/scores-panel";
import { TypeActions } from "../_components/type-actions";

export const metadata: Metadata = { title: "Qualification type" };

export default requireTeam("viewer", async function QualificationTypePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ scores?: string }> }, ctx) {
  const { id } = await params;
  let type: QualificationTypeDetail;
  try {
    type = await getQualificationType(ctx.team.id, ctx.environment, id);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return (
      <>
        <PageHeader title="Qualification type" />
        <Alert tone="error">{e.message}</Alert>
        <p className="mt-4 text-sm">
          <Link href="/qualifications" className="text-brand-700 hover:underline">
            Back to qualifications
          </Link>
        </p>
      </>
    );
  }
  const canEdit = hasRole(ctx.role, "admin");
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  const scoreStatus = (await searchParams).scores === "Revoked" ? "Revoked" : "Granted";
  await refreshQualificationRequests(scope, id);
  const [requests, scores, batches, projects, usedBy] = await Promise.all([
    listQualificationRequests(scope, id, type),
    listQualificationScores(scope, id, scoreStatus),
    batchChoices(scope),
    projectChoices(ctx.team.id),
    listHitsForQualification(scope, id).catch((e: unknown) => {
      if (e instanceof DomainError) return e.message;
      throw e;
    }),
  ]);
  return (
    <>
      <PageHeader
        title={type.name}
        description={
          <>
            <span className="font-mono text-xs">{type.qualificationTypeId}</span> · {type.status} · created {new Date(type.createdAt).toLocaleDateString("en-US", { dateStyle: "medium" })}
          </>
        }
        actions={canEdit && <TypeActions qualificationTypeId={type.qualificationTypeId} status={type.status} name={type.name} />}
      />
      <div className="space-y-6">
        <Card title={`Requests${requests.length ? ` (${requests.length})` : ""}`} description="Workers waiting for your decision, with their test answers and what the answer key gives them.">
          <RequestsInbox qualificationTypeId={id} requests={requests} canDecide={canEdit} />
        </Card>
        <Card title="Workers holding it" description={`${scores.total.toLocaleString("en-US")} ${scoreStatus.toLowerCase()}, as of the last sync and your changes since.`}>
          <ScoresPanel qualificationTypeId={id} status={scoreStatus} rows={scores.rows} total={scores.total} batches={batches} projects={projects} canEdit={canEdit} />
        </Card>
        <Card title="Where used" description="HITs that require this qualification.">
          {typeof usedBy === "string" ? (
            <Alert tone="warning">{usedBy}</Alert>
          ) : usedBy.hits.length === 0 ? (
            <p className="text-sm text-slate-500">No HIT requires it.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {usedBy.hits.map((h) => (
                <li key={h.hitId} className="flex justify-between gap-4 py-2">
                  <Link href={`/hits/${h.hitId}`} className="text-slate-900 hover:text-brand-700">
                    {h.title}
                  </Link>
                  <span className="text-slate-500">
                    {h.status} · {h.available} available
                  </span>
                </li>
              ))}
              {usedBy.more && <li className="py-2 text-slate-500">…and more</li>}
            </ul>
          )}
        </Card>
        <Card title="Settings" description={canEdit ? "Changes go to the marketplace at once." : "Read only: changing a type needs the admin role."}>
          <QualificationTypeForm initial={type} canEdit={canEdit} />
        </Card>
      </div>
    </>
  );
});
