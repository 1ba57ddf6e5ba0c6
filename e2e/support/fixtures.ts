import { test as base, expect, type Page } from "@playwright/test";
import { seedTeam, type SeededTeam, type SeededUser } from "./seed";

type Credentials = Pick<SeededUser, "email" | "password">;

/** Signs in through the login form, as a person does: for the tests about signing in. */
export async function loginThroughForm(page: Page, user: Credentials): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/**
 * Signs in through Auth.js's own credentials route (the same check, throttle and server-side
 * session as the form, without rendering the login page), then opens the dashboard. Users are
 * fresh per test, so a saved storage state would serve one sign-in; this makes every one cheap.
 */
export async function login(page: Page, user: Credentials): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", { form: { email: user.email, password: user.password, csrfToken }, maxRedirects: 0 });
  expect(res.status(), `signing in ${user.email}`).toBe(302);
  expect(res.headers().location, `signing in ${user.email}`).not.toMatch(/[?&]error=/);
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export const test = base.extend<{ team: SeededTeam }>({
  team: async ({}, use) => {
    await use(await seedTeam());
  },
});

export { expect };
