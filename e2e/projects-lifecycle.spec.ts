import { db } from "@/lib/db";
import { findTemplate } from "@/lib/projects/templates";
import { expect, login, test } from "./support/fixtures";
import { newProjectFromTemplate } from "./support/projects";
import type { SeededTeam } from "./support/seed";

/**
 * A project's life: named when it is created from a template (whose card previews the task),
 * archived and restored, and deleted only while no batch was published from it.
 */

async function seedProject(team: SeededTeam, name: string, withBatch: boolean): Promise<string> {
  const p = await db.project.create({ data: { teamId: team.id, name, templateId: "sentiment" } });
  const version = await db.projectVersion.create({ data: { projectId: p.id, version: 1, design: findTemplate("sentiment")!.design } });
  if (withBatch) {
    await db.batch.create({
      data: {
        teamId: team.id,
        environment: "sandbox",
        projectId: p.id,
        projectVersionId: version.id,
        name: `${name} batch`,
        columns: ["text"],
        rowCount: 0,
        assignmentsPerRow: 1,
        estimatedCostCents: 0,
      },
    });
  }
  return p.id;
}

const auditActions = async (teamId: string) => (await db.auditLog.findMany({ where: { teamId, action: { startsWith: "project." } }, orderBy: { id: "asc" } })).map((e) => `${e.action} ${e.target}`);

test("a project is named before it is created; template cards preview their task in a sandboxed frame", async ({ page, team }) => {
  await login(page, team.users.admin);
  await page.goto("/projects/new");
  const sentimentCard = page.getByRole("list", { name: "Templates" }).getByRole("listitem").filter({ hasText: "Sentiment" });
  const thumbnail = sentimentCard.locator("iframe");
  await expect(thumbnail).toHaveAttribute("sandbox", "allow-scripts");
  await expect(page.frameLocator('iframe[src="/task-preview/templates/sentiment"]').getByText("The food was wonderful and the staff were kind.")).toBeVisible();
  // The last card too, once scrolled to (the frames load lazily): QuestionForm rendered by HITdesk, with the sample row.
  await page.getByRole("list", { name: "Templates" }).getByRole("listitem").last().scrollIntoViewIfNeeded();
  await expect(page.frameLocator('iframe[src="/task-preview/templates/qualification-test"]').getByText("Which country is Lisbon in?")).toBeVisible();
  await page.screenshot({ path: "test-results/project-templates.png", fullPage: true });

  // The name step: the template's name to start with; an empty name is refused, nothing created.
  await sentimentCard.getByRole("button", { name: /Sentiment/ }).click();
  const dialog = page.getByRole("dialog", { name: "New project from “Sentiment”" });
  await expect(dialog.getByLabel("Project name")).toHaveValue("Sentiment");
  await expect(dialog.getByLabel("Project name")).toBeFocused();
  await dialog.getByLabel("Project name").fill("   ");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Name the project");
  await expect(dialog.getByLabel("Project name")).toHaveAttribute("aria-invalid", "true");
  expect(await db.project.count({ where: { teamId: team.id } })).toBe(0);
  await page.screenshot({ path: "test-results/project-name-step.png" });

  // Escape cancels and gives focus back to the card that opened the dialog.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(sentimentCard.getByRole("button", { name: /Sentiment/ })).toBeFocused();
  expect(await db.project.count({ where: { teamId: team.id } })).toBe(0);

  const id = await newProjectFromTemplate(page, "Sentiment", "Restaurant reviews, March");
  await expect(page.getByLabel("Project name")).toHaveValue("Restaurant reviews, March");
  expect(await db.project.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Restaurant reviews, March", templateId: "sentiment" });
  expect(await auditActions(team.id)).toEqual(["project.create Restaurant reviews, March"]);
});

test("projects are archived, restored, and deleted only while no batch depends on them", async ({ page, team }) => {
  await seedProject(team, "Old survey", true);
  const scratchId = await seedProject(team, "Scratch design", false);
  await login(page, team.users.admin);
  await page.goto("/projects");
  const current = page.getByRole("list", { name: "Projects" });
  await expect(current.getByRole("listitem")).toHaveCount(2);
  await expect(current.getByRole("listitem").filter({ hasText: "Old survey" })).toContainText("1 batch");

  // A project with a batch: deleting says why not and offers to archive instead.
  await page.getByRole("button", { name: "Delete Old survey" }).click();
  const refusal = page.getByRole("dialog", { name: "“Old survey” cannot be deleted" });
  await expect(refusal).toContainText("A batch was published from this project");
  await page.screenshot({ path: "test-results/project-delete-refused.png" });
  await refusal.getByRole("button", { name: "Archive instead" }).click();
  await expect(refusal).toHaveCount(0);
  await expect(current.getByRole("listitem")).toHaveCount(1);
  await expect(current).not.toContainText("Old survey");

  // The server refuses too, whatever the page shows.
  const direct = await page.request.delete(`/api/projects/${(await db.project.findFirstOrThrow({ where: { teamId: team.id, name: "Old survey" } })).id}`, { data: {} });
  expect(direct.status()).toBe(409);
  expect(((await direct.json()) as { error: string }).error).toContain("Archive it instead");

  // Its page says so and leads to the archived list, where it can be restored.
  await page.goto("/projects?view=archived");
  await page.getByRole("list", { name: "Archived projects" }).getByRole("link", { name: "Old survey", exact: true }).click();
  await expect(page.getByText("This project is archived: it is hidden from the list of projects.")).toBeVisible();
  await page.getByRole("link", { name: "See archived projects" }).click();
  const archived = page.getByRole("list", { name: "Archived projects" });
  await expect(archived.getByRole("listitem")).toHaveCount(1);
  await expect(archived).toContainText("Old survey");
  await page.screenshot({ path: "test-results/project-archived.png" });
  await page.getByRole("button", { name: "Restore Old survey" }).click();
  await expect(page.getByText("No archived projects.")).toBeVisible();
  await page.getByRole("link", { name: "Current" }).click();
  await expect(current.getByRole("listitem")).toHaveCount(2);

  // A project nothing depends on: confirmed, then gone with its versions.
  await page.getByRole("button", { name: "Delete Scratch design" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Scratch design”?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(await db.project.count({ where: { id: scratchId } })).toBe(1);
  await page.getByRole("button", { name: "Delete Scratch design" }).click();
  await confirm.getByRole("button", { name: "Delete project" }).click();
  await expect(current.getByRole("listitem")).toHaveCount(1);
  expect(await db.project.count({ where: { id: scratchId } })).toBe(0);
  expect(await db.projectVersion.count({ where: { projectId: scratchId } })).toBe(0);

  expect(await auditActions(team.id)).toEqual(["project.archive Old survey", "project.restore Old survey", "project.delete Scratch design"]);
});

test("viewers see projects but cannot archive or delete them", async ({ page, team }) => {
  const id = await seedProject(team, "Shared design", false);
  await login(page, team.users.viewer);
  await page.goto("/projects");
  await expect(page.getByRole("list", { name: "Projects" })).toContainText("Shared design");
  await expect(page.getByRole("button", { name: /Archive|Delete/ })).toHaveCount(0);
  expect((await page.request.patch(`/api/projects/${id}`, { data: { archived: true } })).status()).toBe(403);
  expect((await page.request.delete(`/api/projects/${id}`, { data: {} })).status()).toBe(403);
  expect(await db.project.findUniqueOrThrow({ where: { id } })).toMatchObject({ archivedAt: null });
});
