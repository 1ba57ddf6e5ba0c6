import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { ProjectDesign } from "@/lib/projects/project-design";
import type { ProjectInput } from "@/lib/projects/project-input";

export async function createProject(ctx: TeamContext, input: ProjectInput): Promise<{ id: string }> {
  const project = await db.$transaction(async (tx) => {
    const p = await tx.project.create({ data: { teamId: ctx.team.id, name: input.name, templateId: input.templateId ?? null, createdById: ctx.user.id } });
    await tx.projectVersion.create({ data: { projectId: p.id, version: 1, design: input.design, createdById: ctx.user.id } });
    await recordAudit(ctx, "project.create", input.name, { projectId: p.id }, tx);
    return p;
  });
  return { id: project.id };
}

/**
 * Saves the design as a new version (batches keep pointing at the version they used). Saving
 * an unchanged design creates nothing.
 */
export async function saveProjectVersion(ctx: TeamContext, projectId: string, input: ProjectInput): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    // Locks the project row: two saves at once get consecutive versions.
    const locked = await tx.$queryRaw<{ latestVersion: number }[]>`SELECT "latestVersion" FROM "Project" WHERE id = ${projectId} AND "teamId" = ${ctx.team.id} FOR UPDATE`;
    const latest = locked[0]?.latestVersion;
    if (latest === undefined) throw new NotFound("No such project");
    const current = await tx.projectVersion.findUniqueOrThrow({ where: { projectId_version: { projectId, version: latest } } });
    const unchanged = JSON.stringify(current.design) === JSON.stringify(input.design);
    const version = unchanged ? latest : latest + 1;
    if (!unchanged) await tx.projectVersion.create({ data: { projectId, version, design: input.design, createdById: ctx.user.id } });
    await tx.project.update({ where: { id: projectId }, data: { name: input.name, latestVersion: version } });
    if (!unchanged) await recordAudit(ctx, "project.save", input.name, { projectId, version }, tx);
    return { version };
  });
}

/** The team's projects: the current ones, or those archived. */
export async function listProjects(teamId: string, { archived = false }: { archived?: boolean } = {}) {
  return db.project.findMany({
    where: { teamId, archivedAt: archived ? { not: null } : null },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, name: true, latestVersion: true, updatedAt: true, templateId: true },
  });
}

/** A project of the team with one version's design (the latest by default). */
export async function getProject(teamId: string, projectId: string, version?: number) {
  const project = await db.project.findFirst({ where: { id: projectId, teamId } });
  if (!project) throw new NotFound("No such project");
  const v = await db.projectVersion.findUnique({ where: { projectId_version: { projectId, version: version ?? project.latestVersion } } });
  if (!v) throw new NotFound(`Project ${project.name} has no version ${version}`);
  return { ...project, versionId: v.id, version: v.version, design: ProjectDesign.parse(v.design) };
}
