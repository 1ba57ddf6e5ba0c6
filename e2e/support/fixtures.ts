import { test as base, expect, type Page } from "@playwright/test";
import { seedTeam, type SeededTeam, type SeededUser } from "./seed";

export async function login(page: Page, user: Pick<SeededUser, "email" | "password">): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export const test = base.extend<{ team: SeededTeam }>({
  // eslint-disable-next-line no-empty-pattern
  team: async ({}, use) => {
    await use(await seedTeam());
  },
});

export { expect };
