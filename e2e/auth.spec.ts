import { expect, loginThroughForm, test } from "./support/fixtures";
import { uniqueEmail } from "./support/seed";

test("a member signs in, sees the dashboard and signs out", async ({ page, team }) => {
  await loginThroughForm(page, team.users.reviewer);
  await expect(page.getByRole("heading", { name: team.name })).toBeVisible();
  for (const item of ["Overview", "HITs", "Review", "Workers", "Qualifications", "Settings"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password and an unknown email get the same message", async ({ page, team }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(team.users.viewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.locator("form").getByRole("alert");
  await expect(message).toHaveText("That email and password do not match an account.");

  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(message).toHaveText("That email and password do not match an account.");
});

test("repeated failures lock the account for a while, even with the right password", async ({ page, team }) => {
  const user = team.users.admin;
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The form resets once the server has answered.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password do not match an account.");
  }
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in 1[45] minutes, or from a browser you have signed in with before\.$/);
});

test("a malformed email is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever-it-is");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Enter a valid email address");
});

test("the sign-in page has the HITdesk icon for the browser's tab, served to anyone", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
