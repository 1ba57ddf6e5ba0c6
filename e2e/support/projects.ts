import { expect, type Page } from "@playwright/test";

/** Creates a project from a template through the Projects page (keeping or giving its name); returns its id. */
export async function newProjectFromTemplate(page: Page, template: string, name?: string): Promise<string> {
  await page.goto("/projects");
  await page.getByRole("link", { name: "New project" }).click();
  await page
    .getByRole("list", { name: "Templates" })
    .getByRole("button", { name: new RegExp(template) })
    .click();
  const dialog = page.getByRole("dialog");
  if (name !== undefined) await dialog.getByLabel("Project name").fill(name);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/(?!new$)[^/]+$/);
  await expect(page.getByLabel("Project name")).toBeVisible();
  return page.url().split("/projects/")[1]!;
}
