import { GetQualificationScoreCommand, ListBonusPaymentsCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { syncAccount } from "@/lib/sync/sync-account";
import { expect, login, test } from "./support/fixtures";
import { seedQualificationType } from "./support/people-seed";
import { submittedBatch } from "./support/review-batch";
import type { SeededTeam } from "./support/seed";

/**
 * A worker's page acts on the worker: grant a qualification, pay a bonus against one of their
 * assignments (the review queue's payment path) and message them, each only for the roles the
 * routes allow.
 */

async function workerWithAssignment(team: SeededTeam, baseURL: string) {
  const { client, assignments } = await submittedBatch(team, baseURL, [["positive"]]);
  await syncAccount({ teamId: team.id, environment: "sandbox", client, force: true });
  return { client, ...assignments[0]! };
}

test("an admin grants a qualification from the worker's page, with the value chosen", async ({ page, team, baseURL }) => {
  const { client, workerId } = await workerWithAssignment(team, baseURL!);
  const typeId = await seedQualificationType(team, baseURL!);
  const typeName = (await db.cachedQualificationType.findFirstOrThrow({ where: { teamId: team.id, qualificationTypeId: typeId } })).name;
  await login(page, team.users.admin);
  await page.goto(`/workers/${workerId}`);
  const form = page.getByRole("form", { name: "Grant a qualification" });
  // Nothing chosen: the form names what is missing and sends nothing.
  await form.getByLabel("Value").fill("seven");
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(form.getByText("Choose a qualification type")).toBeVisible();
  await expect(form.getByText("A whole number (the score)")).toBeVisible();
  await form.getByLabel("Qualification type").selectOption({ label: typeName });
  await form.getByLabel("Value").fill("7");
  await form.getByRole("button", { name: "Grant" }).click();
  await expect(form.getByText(`Granted ${typeName} with value 7.`)).toBeVisible();
  const score = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId }));
  expect(score.Qualification).toMatchObject({ IntegerValue: 7, Status: "Granted" });
  // The scores list shows it after the refresh, editable.
  await expect(page.getByRole("spinbutton", { name: `Value for ${typeId}` })).toHaveValue("7");
  expect(await db.auditLog.count({ where: { teamId: team.id, action: "qualification.grant", target: typeId } })).toBe(1);
  await page.screenshot({ path: "test-results/worker-profile-admin.png", fullPage: true });
  client.destroy();
});

test("a reviewer bonuses one of the worker's assignments once, through the bonus ledger", async ({ page, team, baseURL }) => {
  const { client, workerId, assignmentId } = await workerWithAssignment(team, baseURL!);
  await login(page, team.users.reviewer);
  await page.goto(`/workers/${workerId}`);
  // Reviewers may pay bonuses, not grant, block or message.
  await expect(page.getByRole("form", { name: "Grant a qualification" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Message/ })).toHaveCount(0);
  const opener = page.getByRole("button", { name: `Bonus for Sentiment of review #1 (${assignmentId})` });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Bonus this worker" });
  await page.keyboard.type("0.40");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Thorough answer");
  await page.keyboard.press("Enter");
  await expect(dialog.getByTestId("bonus-preview")).toContainText("$0.40 + fees $0.08 = $0.48");
  await page.screenshot({ path: "test-results/worker-profile-bonus.png" });
  // A double press of Pay pays once: the same request key, the same ledger row.
  await dialog.getByRole("button", { name: "Pay $0.48" }).dblclick();
  await expect(page.getByRole("status").filter({ hasText: "Paying $0.48 with fees." })).toBeVisible();
  await expect(opener).toBeFocused();
  await expect.poll(async () => (await client.send(new ListBonusPaymentsCommand({ AssignmentId: assignmentId }))).BonusPayments?.length, { timeout: 15_000 }).toBe(1);
  const ledger = await db.paymentLedgerEntry.findMany({ where: { teamId: team.id, kind: "bonus", assignmentId } });
  expect(ledger).toHaveLength(1);
  expect(ledger[0]).toMatchObject({ workerId, amountCents: 40, reason: "Thorough answer" });
  expect(await db.auditLog.count({ where: { teamId: team.id, action: "assignment.bonus", target: assignmentId } })).toBe(1);
  client.destroy();
});

test("an admin messages the worker from their page; a viewer gets no actions", async ({ browser, page, team, baseURL }) => {
  const { client, workerId } = await workerWithAssignment(team, baseURL!);
  await login(page, team.users.admin);
  await page.goto(`/workers/${workerId}`);
  await page.getByRole("button", { name: /^Message/ }).click();
  await page.getByLabel("Subject").fill("New tasks next week");
  await page.getByLabel("Message", { exact: true }).fill("Thanks for your work; more reviews are coming on Monday.");
  await page.getByRole("button", { name: `Send to ${workerId}` }).click();
  await expect(page.getByText("Sent to 1 worker.")).toBeVisible();
  expect(await db.workerMessage.count({ where: { teamId: team.id, workerIds: { has: workerId } } })).toBe(1);

  const viewer = await browser.newPage();
  await login(viewer, team.users.viewer);
  await viewer.goto(`/workers/${workerId}`);
  await expect(viewer.getByRole("heading", { name: workerId })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Bonus|^Message|^Block/ })).toHaveCount(0);
  await expect(viewer.getByRole("form", { name: "Grant a qualification" })).toHaveCount(0);
  await viewer.close();
  client.destroy();
});
