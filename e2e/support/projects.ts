import { expect, type Page } from "@playwright/test";

/** Creates a project from a template through the Projects page; returns its id. */
export async function newProjectFromTemplate(page: Page, template: string): Promise<string> {
  await page.goto("/projects");
  await page.getByRole("link", { name: "New project" }).click();
  await page
    .getByRole("list", { name: "Templates" })
    .getByRole("button", { name: new RegExp(template) })
    .click();
  await expect(page.getByLabel("Project name")).toBeVisible();
  return page.url().split("/projects/")[1]!;
}
