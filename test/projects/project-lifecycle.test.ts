import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Conflict, NotFound } from "@/lib/errors";
import { setProjectArchived } from "@/lib/projects/archive-project";
import { batchCountsByProject, deleteProject } from "@/lib/projects/delete-project";
import { NewProjectForm, ProjectArchiveInput } from "@/lib/projects/project-input";
import { createProject, listProjects } from "@/lib/projects/projects";
import { findTemplate } from "@/lib/projects/templates";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });
const design = findTemplate("sentiment")!.design;

const auditOf = async (teamId: string) => (await db.auditLog.findMany({ where: { teamId, action: { startsWith: "project." } }, orderBy: { id: "asc" } })).map((a) => a.action);

async function batchFrom(teamId: string, projectId: string) {
  const version = await db.projectVersion.findFirstOrThrow({ where: { projectId } });
  await db.batch.create({
    data: { teamId, environment: "sandbox", projectId, projectVersionId: version.id, name: "Published", columns: ["text"], rowCount: 0, assignmentsPerRow: 1, estimatedCostCents: 0 },
  });
}

describe("the project name step", () => {
  it("trims the name and refuses an empty or overlong one with a message naming the problem", () => {
    expect(NewProjectForm.parse({ name: "  Reviews  " })).toEqual({ name: "Reviews" });
    expect(NewProjectForm.safeParse({ name: "   " }).error?.issues[0]?.message).toBe("Name the project");
    expect(NewProjectForm.safeParse({ name: "x".repeat(121) }).error?.issues[0]?.message).toBe("Name is at most 120 characters");
    expect(ProjectArchiveInput.safeParse({ archived: "yes" }).success).toBe(false);
  });
});

describe("archiving and deleting projects", () => {
  it("archives out of the default list and restores, auditing each change once", async () => {
    const ctx = await teamOnHarness(sandbox.h, "admin");
    const { id } = await createProject(ctx, { name: "Seasonal", templateId: "sentiment", design });
    await setProjectArchived(ctx, id, true);
    await setProjectArchived(ctx, id, true);
    expect((await listProjects(ctx.team.id)).map((p) => p.id)).not.toContain(id);
    expect((await listProjects(ctx.team.id, { archived: true })).map((p) => p.id)).toEqual([id]);
    await setProjectArchived(ctx, id, false);
    expect((await listProjects(ctx.team.id)).map((p) => p.id)).toEqual([id]);
    expect(await listProjects(ctx.team.id, { archived: true })).toEqual([]);
    expect(await auditOf(ctx.team.id)).toEqual(["project.create", "project.archive", "project.restore"]);
  });

  it("deletes a project nothing depends on, with its versions; refuses one a batch was published from", async () => {
    const ctx = await teamOnHarness(sandbox.h, "admin");
    const used = await createProject(ctx, { name: "Used", design });
    const unused = await createProject(ctx, { name: "Unused", design });
    await batchFrom(ctx.team.id, used.id);
    expect(await batchCountsByProject(ctx.team.id, [used.id, unused.id])).toEqual(new Map([[used.id, 1]]));

    const refused = await deleteProject(ctx, used.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Conflict);
    expect((refused as Error).message).toBe('"Used" cannot be deleted: 1 batch was published from it. Archive it instead to hide it from the list.');
    expect(await db.project.count({ where: { id: used.id } })).toBe(1);
    expect(await db.projectVersion.count({ where: { projectId: used.id } })).toBe(1);

    await deleteProject(ctx, unused.id);
    expect(await db.project.count({ where: { id: unused.id } })).toBe(0);
    expect(await db.projectVersion.count({ where: { projectId: unused.id } })).toBe(0);
    expect(await auditOf(ctx.team.id)).toEqual(["project.create", "project.create", "project.delete"]);
  });

  it("never reaches another team's project", async () => {
    const owner = await teamOnHarness(sandbox.h, "admin");
    const stranger = await teamOnHarness(sandbox.h, "owner");
    const { id } = await createProject(owner, { name: "Private", design });
    await expect(setProjectArchived(stranger, id, true)).rejects.toBeInstanceOf(NotFound);
    await expect(deleteProject(stranger, id)).rejects.toBeInstanceOf(NotFound);
    expect(await db.project.findUniqueOrThrow({ where: { id } })).toMatchObject({ archivedAt: null });
  });
});
