import type { Metadata } from "next";
import { hasRole } from "@/lib/auth/roles";
import { currentTeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { teamFeeSchedule } from "@/lib/batches/fee-schedule";
import { parseCsv } from "@/lib/batches/csv";
import { systemQualificationTypes } from "@/lib/marketplace/system-qualifications";
import { projectOrNotFound } from "@/app/(dashboard)/projects/project-or-not-found";
import { findTemplate } from "@/lib/projects/templates";
import { ProjectEditor } from "../_components/project-editor";

export const metadata: Metadata = { title: "Project" };

function sampleValues(templateId: string | null): Record<string, string> {
  const csv = templateId ? findTemplate(templateId)?.sampleCsv : undefined;
  if (!csv) return {};
  const table = parseCsv(csv);
  return Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]?.values[i] ?? ""]));
}

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await currentTeamContext();
  if (!ctx) return null;
  const { id } = await params;
  const project = await projectOrNotFound(ctx.team.id, id);
  const [schedule, teamTypes] = await Promise.all([
    teamFeeSchedule(ctx.team.id, ctx.environment),
    db.cachedQualificationType.findMany({ where: { teamId: ctx.team.id, environment: ctx.environment, status: "Active" }, orderBy: { name: "asc" }, take: 200, select: { qualificationTypeId: true, name: true } }),
  ]);
  return (
    <ProjectEditor
      project={{ id: project.id, name: project.name, version: project.version, design: project.design }}
      sampleValues={sampleValues(project.templateId)}
      qualificationTypes={[
        ...systemQualificationTypes(ctx.environment).map((t) => ({ id: t.id, name: t.name, system: true, locale: t.kind === "Locale" })),
        ...teamTypes.map((t) => ({ id: t.qualificationTypeId, name: t.name, system: false, locale: false })),
      ]}
      feeSchedule={schedule}
      environment={ctx.environment}
      canEdit={hasRole(ctx.role, "admin")}
    />
  );
}
