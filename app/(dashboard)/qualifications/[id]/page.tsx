import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { HttpError } from "@/lib/http-error";
import { getQualificationType, type QualificationTypeDetail } from "@/lib/qualifications/get-qualification-type";
import { QualificationTypeForm } from "../_components/qualification-type-form";
import { TypeActions } from "../_components/type-actions";

export const metadata: Metadata = { title: "Qualification type" };

export default async function QualificationTypePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const { id } = await params;
  let type: QualificationTypeDetail;
  try {
    type = await getQualificationType(ctx.team.id, ctx.environment, id);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
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
        <Card title="Settings" description={canEdit ? "Changes go to the marketplace at once." : "Read only: changing a type needs the admin role."}>
          <QualificationTypeForm initial={type} canEdit={canEdit} />
        </Card>
      </div>
    </>
  );
}
