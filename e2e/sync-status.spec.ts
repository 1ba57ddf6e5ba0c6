import { expect, login, test } from "./support/fixtures";

test("the header says when the cache was synced, syncs on demand and shows each part on hover", async ({ page, team }) => {
  await login(page, team.users.viewer);
  const status = page.getByTestId("sync-status");
  await status.getByRole("button", { name: "Sync now" }).click();
  await expect(status).toContainText(/Synced \d+ s ago/);
  const details = await status.locator("[title]").getAttribute("title");
  for (const part of ["HITs and assignments", "Bonus payments", "Worker blocks", "Qualification types", "Qualification requests", "Qualification scores"]) {
    expect(details).toMatch(new RegExp(`${part}: \\d+ s ago`));
  }
});
