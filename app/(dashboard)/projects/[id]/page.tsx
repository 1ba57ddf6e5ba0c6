import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { hasRole } from "@/lib/auth/roles";
import { requireTeam } from "@/lib/auth/require-team";
import { db } from "@/lib/db";
import { teamFeeSchedule } from "@/lib/batches/fee-schedule";
import { projectOrNotFound } from "@/app/(dashboard)/projects/project-or-not-found";
import { systemQualificationTypes } from "@/lib/mturk-formats/system-qualifications";
import { templateSampleValues } from "@/lib/projects/templates";
import { projectFairness } from "@/lib/workers/pay-fairness";
import { ProjectEditor } from "../_components/project-editor";
import { ProjectPayCard } from "./project-pay-card";

export const metadata: Metadata = { title: "Project" };

export default requireTeam("viewer", async function ProjectPage({ params }: { params: Promise<{ id: string }> }, ctx) {
  const { id } = await params;
  const project = await projectOrNotFound(ctx.team.id, id);
  const [schedule, teamTypes, pay] = await Promise.all([
    teamFeeSchedule(ctx.team.id, ctx.environment),
    db.cachedQualificationType.findMany({
      where: { teamId: ctx.team.id, environment: ctx.environment, status: "Active" },
      orderBy: { name: "asc" },
      take: 200,
      select: { qualificationTypeId: true, name: true },
    }),
    projectFairness({ teamId: ctx.team.id, environment: ctx.environment }, project.id),
  ]);
  const editor = (
    <ProjectEditor
      project={{ id: project.id, name: project.name, version: project.version, design: project.design }}
      sampleValues={templateSampleValues(project.templateId)}
      qualificationTypes={[
        ...systemQualificationTypes(ctx.environment).map((t) => ({ id: t.id, name: t.name, system: true, locale: t.kind === "Locale" })),
        ...teamTypes.map((t) => ({ id: t.qualificationTypeId, name: t.name, system: false, locale: false })),
      ]}
      feeSchedule={schedule}
      environment={ctx.environment}
      canEdit={hasRole(ctx.role, "admin")}
    />
  );
  const archived = project.archivedAt && (
    <Alert>
      This project is archived: it is hidden from the list of projects.{" "}
      <Link href="/projects?view=archived" className="font-semibold underline">
        See archived projects
      </Link>
    </Alert>
  );
  if (pay.all.assignments === 0 && !archived) return editor;
  const below = pay.batches.filter((b) => b.belowMinimum).length;
  return (
    <div className="space-y-6">
      {archived}
      {below > 0 && (
        <Alert tone="warning">
          {below === 1 ? "A batch" : `${below} batches`} of this project {below === 1 ? "pays" : "pay"} below your team&apos;s minimum hourly rate.{" "}
          <a href="#pay-fairness" className="font-semibold underline">
            See pay fairness
          </a>
        </Alert>
      )}
      {editor}
      {pay.all.assignments > 0 && (
        <div id="pay-fairness">
          <ProjectPayCard pay={pay} />
        </div>
      )}
    </div>
  );
});
