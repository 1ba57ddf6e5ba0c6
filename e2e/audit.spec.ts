import { readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";

/** The audit log page and its CSV export, against the server's own database. */
test("an admin filters the audit log and exports exactly the filtered rows as safe CSV", async ({ page, team }) => {
  const actor = team.users.owner.email;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await db.auditLog.createMany({
    data: [
      { teamId: team.id, environment: "sandbox", actorEmail: actor, action: "member.invite", target: "ana@example.com", createdAt: at(30) },
      { teamId: team.id, environment: "sandbox", actorEmail: actor, action: "member.remove", target: '=HYPERLINK("http://evil.example","click")', createdAt: at(20) },
      { teamId: team.id, environment: "production", actorEmail: actor, action: "member.role", target: "ben, the reviewer", detail: { role: "admin" }, createdAt: at(10) },
      { teamId: team.id, environment: "production", actorEmail: actor, action: "connection.update", target: "production", createdAt: at(5) },
    ],
  });

  await login(page, team.users.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await filters.getByLabel("Action", { exact: true }).fill("member.");
  await filters.getByLabel("Environment").selectOption("sandbox");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=member\./);
  await expect(page.getByTestId("audit-total")).toHaveText("2 entries");
  // Newest first.
  await expect(page.getByTestId("audit-row").first()).toContainText("member.remove");
  await expect(page.getByTestId("audit-row").nth(1)).toContainText("member.invite");

  // The view survives a reload: the filters live in the URL.
  await page.reload();
  await expect(page.getByTestId("audit-total")).toHaveText("2 entries");
  await expect(filters.getByLabel("Action", { exact: true })).toHaveValue("member.");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("time_utc,environment,actor,action,target,detail");
  expect(lines.slice(1, -1)).toHaveLength(2);
  expect(lines[1]).toContain(`,sandbox,${actor},member.remove,"'=HYPERLINK(""http://evil.example"",""click"")",`);
  expect(lines[2]).toContain(`,sandbox,${actor},member.invite,ana@example.com,`);
  expect(lines.at(-1)).toBe("");

  // A filter on the target text, across environments.
  await page.goto("/audit?target=reviewer");
  await expect(page.getByTestId("audit-total")).toHaveText("1 entry");
  const res = await page.request.get("/api/audit/export?target=reviewer");
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain(`member.role,"ben, the reviewer","{""role"":""admin""}"`);
});

test("a viewer is told the audit log needs an admin, and the server refuses the export", async ({ page, team }) => {
  await login(page, team.users.viewer);
  await page.goto("/audit");
  await expect(page.getByText("The audit log needs the admin role.")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  const res = await page.request.get("/api/audit/export");
  expect(res.status()).toBe(403);
  expect(await res.text()).not.toContain("time_utc");
});
