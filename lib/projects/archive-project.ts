import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";

/** Archives (hides from the default list; batches and versions stay) or restores a project of the team. */
export async function setProjectArchived(ctx: TeamContext, projectId: string, archived: boolean): Promise<{ archived: boolean }> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: projectId, teamId: ctx.team.id }, select: { name: true, archivedAt: true } });
    if (!project) throw new NotFound("No such project");
    if ((project.archivedAt !== null) === archived) return { archived };
    await tx.project.update({ where: { id: projectId }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(ctx, archived ? "project.archive" : "project.restore", project.name, { projectId }, tx);
    return { archived };
  });
}
