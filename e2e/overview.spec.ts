import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { submittedBatch } from "./support/review-batch";

test("the overview says what needs doing and shows running work, each linking to where it is done", async ({ page, team, baseURL }) => {
  await login(page, team.users.reviewer);
  await page.goto("/");
  await expect(page.getByTestId("needs-attention")).toHaveText(/Nothing needs you right now/);
  await expect(page.getByText("No batch has work running.")).toBeVisible();

  // Three submitted of four asked for; the HITs came from a batch of the team's.
  const { client, assignments } = await submittedBatch(
    team,
    baseURL!,
    [["positive", "negative", "positive"], []].filter((a) => a.length > 0),
  );
  const hitIds = [...new Set(assignments.map((a) => a.hitId))];
  const batch = await db.batch.create({
    data: {
      teamId: team.id,
      environment: "sandbox",
      projectId: "p",
      projectVersionId: "v",
      name: "Blender reviews",
      columns: ["text"],
      rowCount: hitIds.length,
      assignmentsPerRow: 3,
      estimatedCostCents: 0,
    },
  });
  for (const [i, hitId] of hitIds.entries()) await db.batchHit.create({ data: { batchId: batch.id, rowIndex: i, part: 0, hitId } });
  expect((await page.request.post("/api/sync", { data: {} })).ok()).toBe(true);

  await page.reload();
  const attention = page.getByTestId("needs-attention");
  await expect(attention.getByRole("link", { name: "3 assignments waiting for review" })).toHaveAttribute("href", "/review");
  const running = page.getByTestId("running-work").getByRole("listitem");
  await expect(running).toHaveCount(1);
  await expect(running).toContainText("Blender reviews");
  await expect(running).toContainText("3 assignments: 0 open, 0 in progress, 3 submitted, 0 approved, 0 rejected");
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
  await running.getByRole("link", { name: "Review this batch →" }).click();
  await expect(page).toHaveURL(new RegExp(`/review\\?batch=${batch.id}$`));
  await expect(page.getByTestId("queue-count")).toHaveText("1–3 of 3 submitted");
  client.destroy();
});
