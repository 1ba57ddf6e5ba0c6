import { GetAssignmentCommand, ListBonusPaymentsCommand } from "@aws-sdk/client-mturk";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { submittedBatch } from "./support/review-batch";

const focusedRow = (page: Page) => page.locator("[role=listbox] li[aria-selected=true]");

test("a reviewer works the queue by keyboard: bonus, approve, reject, undo", async ({ page, team, baseURL }) => {
  await db.reviewSettings.create({ data: { teamId: team.id, undoWindowSeconds: 4 } });
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive", "positive"], ["negative"]]);
  const [first, second, third] = assignments;
  await login(page, team.users.reviewer);
  await page.goto("/review");
  // The cache was never synced: opening the queue syncs it.
  await expect(page.getByTestId("queue-count")).toHaveText("1–3 of 3 submitted");
  await expect(page.getByTestId("queue-sync-status")).toContainText("Synced");
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", first!.assignmentId);
  const panel = page.getByTestId("assignment-panel");
  await expect(panel.getByTestId("hit-inputs")).toContainText("The blender is great");
  // Offline, the image cannot load: that it is shown as an image is what counts.
  await expect(panel.locator("img[src='https://example.com/blender.png']")).toHaveCount(1);
  await expect(panel.getByTestId("answers")).toContainText("2/2 agree");
  await expect(panel.getByTestId("worker-history")).toContainText("Approval rate");
  await page.screenshot({ path: test.info().outputPath("review-queue.png"), fullPage: true });

  // b: bonus the first worker; Enter shows the cost with fees, Enter again pays.
  await page.keyboard.press("b");
  await page.keyboard.type("0.25");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Careful work");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("bonus-preview")).toContainText("$0.25 + fees $0.05 = $0.30");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Paying 1 bonus ($0.30 with fees).")).toBeVisible();

  // a: approve, and the focus moves on.
  await page.keyboard.press("a");
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", second!.assignmentId);

  // r with a template (1), then u inside the undo window.
  await page.keyboard.press("r");
  await expect(page.getByRole("dialog", { name: "Reject assignment" })).toBeVisible();
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("undo-bar")).toContainText("1 rejection sending in");
  await page.keyboard.press("u");
  await expect(page.getByText("Undone: 1 rejection will not be sent.")).toBeVisible();

  // Back to it (k) and approve it instead; then reject the third with typed feedback.
  await page.keyboard.press("k");
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", second!.assignmentId);
  await page.keyboard.press("a");
  await expect(focusedRow(page)).toHaveAttribute("data-assignment-id", third!.assignmentId);
  await expect(page.getByTestId("answers")).toContainText("negative");
  await page.keyboard.press("r");
  await page.keyboard.press("Enter");
  await expect(page.getByText("A rejection needs feedback")).toBeVisible();
  await page.keyboard.type("The review says the blender is loud: that is negative, please read it again.");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("undo-bar")).toBeVisible();

  const statusOf = async (id: string) => (await client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!;
  await expect.poll(async () => (await statusOf(first!.assignmentId)).AssignmentStatus, { timeout: 15_000 }).toBe("Approved");
  await expect.poll(async () => (await statusOf(second!.assignmentId)).AssignmentStatus, { timeout: 15_000 }).toBe("Approved");
  await expect.poll(async () => (await statusOf(third!.assignmentId)).AssignmentStatus, { timeout: 20_000 }).toBe("Rejected");
  expect((await statusOf(third!.assignmentId)).RequesterFeedback).toMatch(/blender is loud/);
  await expect.poll(async () => (await client.send(new ListBonusPaymentsCommand({ AssignmentId: first!.assignmentId }))).BonusPayments?.length, { timeout: 15_000 }).toBe(1);
  // The queue empties as decisions are sent.
  await expect(page.getByTestId("queue-count")).toHaveText("No submitted assignments", { timeout: 15_000 });
  const actions = (await db.auditLog.findMany({ where: { teamId: team.id, action: { startsWith: "assignment." } }, orderBy: { id: "asc" } })).map((a) => a.action);
  expect(actions).toEqual(["assignment.bonus", "assignment.approve", "assignment.reject", "assignment.undo", "assignment.approve", "assignment.reject"]);
  client.destroy();
});

test("the assignment view shows the task only in a sandboxed frame", async ({ page, team, baseURL }) => {
  const { client } = await submittedBatch(team, baseURL!, [["positive", "negative", "positive"]]);
  await login(page, team.users.reviewer);
  await page.goto("/review?group=hit");
  await expect(page.getByTestId("queue-count")).toHaveText("1–3 of 3 submitted");
  await expect(page.getByText(/^HIT Sentiment of review #1/)).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByTestId("answers")).toContainText("1/3 agree");
  await page.getByRole("button", { name: /Show the task/ }).click();
  const frame = page.locator("iframe[title='Task as the worker saw it']");
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  await expect(frame.contentFrame().getByText("Is this review positive?")).toBeVisible();
  await expect(frame.contentFrame().locator("input[name=sentiment]")).toHaveValue("negative");
  await expect(frame.contentFrame().locator("input[name=sentiment]")).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath("assignment-view.png"), fullPage: true });
  client.destroy();
});

test("a viewer sees the queue but cannot act; the server refuses with 403", async ({ page, team, baseURL }) => {
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive"]]);
  await login(page, team.users.viewer);
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
  await expect(page.getByText("Read only: viewers cannot decide or pay.")).toBeVisible();
  await page.keyboard.press("a");
  await expect(page.getByText("You have read-only access in this team")).toBeVisible();
  const res = await page.request.post("/api/review/decisions", { data: { action: "approve", assignmentIds: [assignments[0]!.assignmentId] } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatch(/needs the reviewer role/);
  const bonus = await page.request.post("/api/review/bonuses", { data: { assignmentIds: [assignments[0]!.assignmentId], amount: "0.10", reason: "x", requestKey: "viewer-key-1" } });
  expect(bonus.status()).toBe(403);
  expect((await client.send(new GetAssignmentCommand({ AssignmentId: assignments[0]!.assignmentId }))).Assignment!.AssignmentStatus).toBe("Submitted");
  client.destroy();
});
