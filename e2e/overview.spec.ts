import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { newProjectFromTemplate } from "./support/projects";
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

const HOUR_MS = 3_600_000;

/**
 * A few hundred assignments over the last three weeks, written into the team's sandbox cache
 * as the sync would: three projects' batches, most approved two hours after submission.
 * Returns what the last 7 days must add up to (data more than 5 days old stays out of them).
 */
async function seedActivity(teamId: string) {
  const scope = { teamId, environment: "sandbox" as const };
  const now = Date.now();
  const projects = [
    { name: "Product sentiment", rewardCents: 12, every: 1 },
    { name: "Receipt transcription", rewardCents: 25, every: 3 },
    { name: "Street sign boxes", rewardCents: 5, every: 5 },
  ];
  const week = { submissions: 0, rewardsCents: 0, approved: new Map<string, number>(), decided: new Map<string, number>() };
  let n = 0;
  for (const p of projects) {
    const project = await db.project.create({ data: { teamId, name: p.name } });
    const batch = await db.batch.create({
      data: { ...scope, projectId: project.id, projectVersionId: "v", name: p.name, columns: ["text"], rowCount: 1, assignmentsPerRow: 3, estimatedCostCents: 0 },
    });
    const hitId = `E2E${randomBytes(12).toString("hex").toUpperCase()}`;
    await db.batchHit.create({ data: { batchId: batch.id, rowIndex: 0, part: 0, hitId } });
    const created = new Date(now - 25 * 24 * HOUR_MS);
    await db.cachedHit.create({
      data: {
        ...scope,
        hitId,
        hitTypeId: "T",
        title: p.name,
        description: p.name,
        rewardCents: p.rewardCents,
        maxAssignments: 3,
        status: "Reviewable",
        reviewStatus: "NotReviewed",
        assignmentsPending: 0,
        assignmentsAvailable: 0,
        assignmentsCompleted: 0,
        createdAt: created,
        expiresAt: new Date(now + 24 * HOUR_MS),
        syncedAt: new Date(),
      },
    });
    const rows = [];
    // Busier on recent days, a daily rhythm within each day.
    for (let day = 0; day <= 20; day++) {
      if (day > 5 && day < 9) continue;
      const perDay = Math.round((30 - day) / p.every);
      for (let i = 0; i < perDay; i++) {
        const submit = now - day * 24 * HOUR_MS - ((i * 137) % 1440) * 60_000 - 60_000;
        const status = i % 10 === 3 ? "Rejected" : day === 0 && i % 4 === 0 ? "Submitted" : "Approved";
        const approval = status === "Approved" ? new Date(Math.min(submit + 2 * HOUR_MS, now - 30_000)) : null;
        rows.push({
          ...scope,
          assignmentId: `E2EA${n++}${randomBytes(4).toString("hex")}`,
          hitId,
          hitTypeId: "T",
          workerId: `W${i % 40}`,
          status,
          submitTime: new Date(submit),
          approvalTime: approval,
          rejectionTime: status === "Rejected" ? new Date(submit + HOUR_MS) : null,
          syncedAt: new Date(),
        });
        if (day <= 5) {
          week.submissions++;
          if (status === "Approved") week.rewardsCents += p.rewardCents;
          if (status !== "Submitted") week.decided.set(p.name, (week.decided.get(p.name) ?? 0) + 1);
          if (status === "Approved") week.approved.set(p.name, (week.approved.get(p.name) ?? 0) + 1);
        }
      }
    }
    await db.cachedAssignment.createMany({ data: rows });
    // A bonus for every eighth approved assignment, paid with the approval.
    const bonuses = rows.filter((r, i) => r.approvalTime && i % 8 === 0);
    await db.cachedBonusPayment.createMany({
      data: bonuses.map((r) => ({
        ...scope,
        bonusKey: `E2EB${r.assignmentId}`,
        hitId,
        assignmentId: r.assignmentId,
        workerId: r.workerId,
        amountCents: 20,
        reason: "Careful work",
        grantTime: r.approvalTime!,
        syncedAt: new Date(),
      })),
    });
  }
  return week;
}

test("a member hides the Getting started checklist; it stays hidden on reload and comes back from the foot of the overview", async ({ page, team }) => {
  await login(page, team.users.owner);
  await expect(page.getByTestId("getting-started-progress")).toHaveText("1 of 5 done");
  await page
    .locator("section")
    .filter({ has: page.getByTestId("getting-started") })
    .screenshot({ path: "test-results/getting-started-card.png" });
  await page.getByRole("button", { name: "Hide Getting started" }).click();
  await expect(page.getByTestId("getting-started")).toBeHidden();
  await expect(page.getByTestId("getting-started-hidden")).toContainText("You hid the Getting started checklist.");
  await page.reload();
  await expect(page.getByTestId("getting-started-hidden")).toBeVisible();
  await expect(page.getByTestId("getting-started")).toBeHidden();
  await page.screenshot({ path: "test-results/overview-getting-started-hidden.png", fullPage: true });
  // Hidden for this member only.
  expect(await db.membership.findMany({ where: { teamId: team.id, gettingStartedHiddenAt: { not: null } } })).toHaveLength(1);

  await page.getByRole("button", { name: "Show Getting started" }).click();
  await expect(page.getByTestId("getting-started-progress")).toHaveText("1 of 5 done");
  await expect(page.getByTestId("getting-started-hidden")).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("getting-started")).toBeVisible();
});

test.describe("charts and first steps", () => {
  // The browser's zone, not the server's, draws the days.
  test.use({ timezoneId: "Europe/Berlin" });

  test("a new team's checklist ticks a step once done; the charts draw seeded work, with the figures as tables", async ({ page, team }) => {
    await login(page, team.users.owner);
    const steps = page.getByTestId("getting-started");
    // Seeded with four members: only "invite a teammate" is done.
    await expect(page.getByTestId("getting-started-progress")).toHaveText("1 of 5 done");
    const projectStep = steps.getByRole("listitem").filter({ hasText: "Create a project" });
    await expect(projectStep.getByRole("link", { name: "Choose a template →" })).toHaveAttribute("href", "/projects/new");
    await expect(page.getByTestId("activity-empty")).toContainText("No work submitted in the last 7 days.");
    await page.screenshot({ path: "test-results/overview-new-team.png", fullPage: true });

    await newProjectFromTemplate(page, "Sentiment");
    await page.goto("/");
    await expect(projectStep).toHaveAttribute("data-done", "true");
    await expect(projectStep).toContainText("Done");
    await expect(page.getByTestId("getting-started-progress")).toHaveText("2 of 5 done");

    const week = await seedActivity(team.id);
    await page.reload();
    await expect(page.getByText("in your time zone (Europe/Berlin)")).toBeVisible();
    const submissions = page.getByTestId("chart-submissions");
    await expect(submissions.getByText(week.submissions.toLocaleString("en-US"), { exact: true })).toBeVisible();
    await expect(submissions.locator(".recharts-bar-rectangle").first()).toBeVisible();
    const spend = page.getByTestId("chart-spend");
    await expect(spend).toContainText(`rewards $${(week.rewardsCents / 100).toFixed(2)}`);
    for (const series of ["Rewards", "Bonuses", "Fees"]) await expect(spend.getByRole("listitem").filter({ hasText: series })).toBeVisible();

    // The approval figures, read from the table.
    const approval = page.getByTestId("chart-approval");
    await expect(approval.getByRole("table")).toBeHidden();
    await approval.getByText("Show as table").click();
    const row = approval.getByRole("row").filter({ hasText: "Receipt transcription" });
    const [approved, decided] = [week.approved.get("Receipt transcription")!, week.decided.get("Receipt transcription")!];
    await expect(row.getByRole("cell").nth(1)).toHaveText(String(approved));
    await expect(row.getByRole("cell").nth(4)).toHaveText(`${((approved / decided) * 100).toFixed(1)}%`);
    await spend.getByText("Show as table").click();
    await expect(spend.getByRole("table").getByRole("row")).toHaveCount(1 + 7);
    await page.screenshot({ path: "test-results/overview-charts.png", fullPage: true });

    // A month reaches the older work.
    await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "30 days" }).click();
    await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(submissions.getByText(week.submissions.toLocaleString("en-US"), { exact: true })).toBeHidden();
    await expect(spend.getByRole("table").getByRole("row")).toHaveCount(1 + 30);
    await page.screenshot({ path: "test-results/overview-charts-30.png", fullPage: true });
  });
});
