import { expect, login, test } from "./support/fixtures";

test("switching to Production marks every page unmistakably and is remembered", async ({ page, team }) => {
  await login(page, team.users.reviewer);
  await expect(page.getByTestId("production-band")).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Sandbox" })).toHaveAttribute("aria-checked", "true");

  await page.getByRole("radio", { name: "Production" }).click();
  await expect(page.getByTestId("production-band")).toHaveText(/Production · real workers, real money/i);
  for (const path of ["/", "/hits", "/review", "/workers", "/qualifications", "/settings"]) {
    await page.goto(path);
    await expect(page.getByTestId("production-band")).toBeVisible();
    await expect(page.getByText("You are in Production")).toBeVisible();
  }
  // Simulated workers are a sandbox tool: Production's settings do not offer them.
  await expect(page.getByRole("heading", { name: "Team", exact: true })).toBeVisible();
  await expect(page.getByTestId("simulated-workforce")).toHaveCount(0);

  // Remembered across sign-out and sign-in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await login(page, team.users.reviewer);
  await expect(page.getByRole("radio", { name: "Production" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("production-band")).toBeVisible();

  await page.getByRole("radio", { name: "Sandbox" }).click();
  await expect(page.getByTestId("production-band")).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByTestId("simulated-workforce")).toBeVisible();
});
