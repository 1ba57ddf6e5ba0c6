import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { seedTeam } from "./support/seed";

test("a member of two teams switches between them", async ({ page, team }) => {
  const other = await seedTeam();
  await db.membership.create({ data: { userId: team.users.viewer.id, teamId: other.id, role: "admin" } });

  await login(page, team.users.viewer);
  await expect(page.getByRole("heading", { name: team.name })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");

  await page.getByLabel("Team").selectOption({ label: other.name });
  await expect(page.getByRole("heading", { name: other.name })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Admin");

  // The choice sticks.
  await page.reload();
  await expect(page.getByRole("heading", { name: other.name })).toBeVisible();
  // Settings name the team as the command line does.
  const { slug } = await db.team.findUniqueOrThrow({ where: { id: other.id } });
  await page.goto("/settings");
  await expect(page.getByTestId("team-slug")).toHaveText(`On the command line this team is --team ${slug}`);
});

test("a user cannot switch to a team they do not belong to", async ({ page, team }) => {
  const stranger = await seedTeam();
  await login(page, team.users.owner);
  const res = await page.request.post("/api/me/team", { data: { teamId: stranger.id } });
  expect(res.status()).toBe(404);
  await page.reload();
  await expect(page.getByRole("heading", { name: team.name })).toBeVisible();
});
