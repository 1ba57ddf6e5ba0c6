import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { plural } from "@/lib/format";

/** Batches (in any environment) made from each project: what keeps a project from being deleted. */
export async function batchCountsByProject(teamId: string, projectIds: string[]): Promise<Map<string, number>> {
  const rows = await db.batch.groupBy({ by: ["projectId"], where: { teamId, projectId: { in: projectIds } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.projectId, r._count._all]));
}

/**
 * Deletes a project and its versions, only while no batch was made from it: batches point at
 * the version they used, and their results and costs must stay explainable. Such a project can
 * be archived instead.
 */
export async function deleteProject(ctx: TeamContext, projectId: string): Promise<{ deleted: true }> {
  return db.$transaction(async (tx) => {
    // Locks the row against a batch being started from it meanwhile (startBatch takes a share lock).
    const locked = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Project" WHERE id = ${projectId} AND "teamId" = ${ctx.team.id} FOR UPDATE`;
    const name = locked[0]?.name;
    if (name === undefined) throw new NotFound("No such project");
    const batches = await tx.batch.count({ where: { teamId: ctx.team.id, projectId } });
    if (batches > 0) {
      throw new Conflict(`"${name}" cannot be deleted: ${plural(batches, "batch was", "batches were")} published from it. Archive it instead to hide it from the list.`);
    }
    await tx.projectVersion.deleteMany({ where: { projectId } });
    await tx.project.delete({ where: { id: projectId } });
    await recordAudit(ctx, "project.delete", name, { projectId }, tx);
    return { deleted: true as const };
  });
}
