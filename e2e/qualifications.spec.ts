import { AssociateQualificationWithWorkerCommand, CreateHITCommand, GetQualificationScoreCommand, MTurkClient } from "@aws-sdk/client-mturk";
import type { Browser } from "@playwright/test";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { htmlQuestionXml } from "@/lib/mturk-formats/placeholders";
import { expect, login, test } from "./support/fixtures";
import { seedQualificationType } from "./support/people-seed";
import { signUpWorker } from "./support/worker-accounts";

/**
 * Qualifications through the real dashboard against the built-in marketplace: a type with a
 * builder test, a worker taking it on the worker site, the inbox with the key's score, a HIT
 * that requires the type, a scores CSV refused whole, and a grant by agreement.
 */

// A classic MTurk design: fills assignmentId from the URL, posts to MTurk's own externalSubmit.
const TASK_HTML = `<form method="post" action="https://www.mturk.com/mturk/externalSubmit">
<input type="hidden" name="assignmentId" id="assignmentId">
<label>Sky colour <input name="answer"></label>
<button type="submit">Submit HIT</button>
</form>
<script>document.getElementById("assignmentId").value = new URLSearchParams(location.search).get("assignmentId");</script>`;

async function workerPage(browser: Browser, baseURL: string, name: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const { workerId } = await signUpWorker(page, { name });
  return { page, context, workerId };
}

test("a type built in the test builder is taken on the worker site, scored in the inbox, accepted, and lets the worker work; a bad scores CSV changes nothing; agreeing workers are granted", async ({
  page,
  team,
  baseURL,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `Colour test ${Date.now()}`;
  await login(page, team.users.admin);
  await page.goto("/qualifications/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill("Knows the colour of the sky");
  await page.getByLabel("Question 1").fill("What colour is a clear sky?");
  await page.getByLabel("Choice 1", { exact: true }).fill("Blue");
  await page.getByLabel("Choice 2", { exact: true }).fill("Green");
  await expect(page.getByLabel("Choice 1 is correct")).toBeChecked();
  // The key stays with HITdesk: the request waits in the inbox with the key's score.
  await page.getByLabel(/Score automatically/).uncheck();
  await page.screenshot({ path: "test-results/qualification-new.png", fullPage: true });
  await page.getByRole("button", { name: "Create qualification type" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const typeId = page.url().split("/").pop()!;

  const keys = await provisionRequester(team.id, "sandbox", team.name);
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: keys });
  const title = `Needs the colour test ${Date.now()}`;
  const { HIT: hit } = await client.send(
    new CreateHITCommand({
      Title: title,
      Description: "Qualified workers only",
      Reward: "0.10",
      MaxAssignments: 2,
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 600,
      Question: htmlQuestionXml(TASK_HTML, 300),
      QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: "Exists", ActionsGuarded: "Accept" }],
    }),
  );

  const hitId = hit!.HITId!;

  // The worker cannot accept yet, and takes the test in the worker site's frame.
  const w = await workerPage(browser, baseURL!, "Quinn Qualifier");
  await w.page.goto("/worker");
  await w.page.getByRole("link", { name: title, exact: true }).click();
  await expect(w.page.getByRole("heading", { name: title })).toBeVisible();
  await expect(w.page.getByRole("button", { name: "Accept & work" })).toHaveCount(0);
  await w.page.getByRole("link", { name: "Find qualifications you can request or take a test for" }).click();
  await w.page.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: "Take test" }).click();
  const frame = w.page.frameLocator(`iframe[title="${name}"]`);
  await frame.getByLabel("Blue").check();
  await frame.getByRole("button", { name: "Submit test" }).click();
  await expect(w.page.getByText("Test submitted")).toBeVisible();

  // Opening the type reads its pending requests: the answers, and the score the kept key gives.
  await page.reload();
  const request = page.getByTestId("qualification-request").filter({ hasText: w.workerId });
  await expect(request).toContainText("What colour is a clear sky?");
  await expect(request).toContainText("Blue");
  await expect(request).toContainText("Score 100");
  await expect(request.getByLabel(`Value for ${w.workerId}`)).toHaveValue("100");
  await page.screenshot({ path: "test-results/qualification-detail.png", fullPage: true });
  await request.getByLabel(`Value for ${w.workerId}`).fill("90");
  await request.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByText(`Accepted ${w.workerId} with 90`)).toBeVisible();
  // The list empties and the confirmation stays.
  await expect(page.getByText("No requests are waiting.")).toBeVisible();
  await expect(page.getByText(`Accepted ${w.workerId} with 90`)).toBeVisible();

  // Now the worker can accept the HIT, and works it.
  await w.page.goto("/worker");
  await w.page.getByRole("link", { name: title, exact: true }).click();
  await w.page.getByRole("button", { name: "Accept & work" }).click();
  await expect(w.page.getByRole("timer")).toBeVisible();
  const task = w.page.frameLocator(`iframe[title="${title}"]`);
  await task.getByLabel("Sky colour").fill("blue");
  await task.getByRole("button", { name: "Submit HIT" }).click();
  await expect(w.page.getByText("Submitted. Thank you!")).toBeVisible();

  // A CSV with a bad row is refused whole, naming the row; the score already held is untouched.
  await page.reload();
  await expect(page.getByLabel(`Value of ${w.workerId}`)).toHaveValue("90");
  await page.getByRole("radio", { name: "CSV" }).click();
  await page.getByLabel("Scores CSV").fill(`WorkerId,Value\n${w.workerId},95\nnobody,3\n`);
  await page.getByRole("button", { name: "Assign from CSV" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'Row 3: "nobody" is not a Worker ID' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Value of ${w.workerId}`)).toHaveValue("90");
  const held = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: w.workerId }));
  expect(held.Qualification?.IntegerValue).toBe(90);

  // A second qualified worker gives the same answer: both agree with the other's majority.
  const second = (await createWorker({ displayName: "Second worker" })).id;
  await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: second, IntegerValue: 50, SendNotification: false }));
  const assignment = await acceptHit({ workerId: second, hitId });
  await submitAssignment({ assignmentId: assignment.id, workerId: second, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "Blue " } }]) });
  await page.getByRole("radio", { name: "By agreement" }).click();
  await page.getByLabel("At least (%)").fill("100");
  await page.getByLabel("Compared at least").fill("1");
  await page.getByLabel("Value", { exact: true }).fill("77");
  const preview = page.getByTestId("agreement-preview");
  await expect(async () => {
    expect((await page.request.post("/api/sync", { data: {} })).ok()).toBe(true);
    await page.getByRole("button", { name: "Who?" }).click();
    await expect(preview).toContainText("2 of 2 compared workers reach the threshold", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(preview.getByRole("row").filter({ hasText: w.workerId })).toContainText("100%");
  await expect(preview.getByRole("row").filter({ hasText: second })).toContainText("1 / 1");
  await page.screenshot({ path: "test-results/qualification-agreement.png", fullPage: true });
  await page.getByRole("button", { name: "Grant to 2 workers" }).click();
  await expect(page.getByTestId("job-progress")).toContainText("All 2 scores done", { timeout: 30_000 });
  await expect(async () => {
    for (const workerId of [w.workerId, second]) {
      expect((await client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId }))).Qualification?.IntegerValue).toBe(77);
    }
  }).toPass({ timeout: 10_000 });

  // Both workers on the workers page, read from the aggregates the sync refreshed, each holding the type.
  await page.goto("/workers?sort=workerId&dir=asc");
  await expect(page.getByTestId("workers-total")).toHaveText("2 workers");
  for (const workerId of [w.workerId, second]) await expect(page.getByRole("row").filter({ hasText: workerId })).toContainText("1 qual.");
  await page.screenshot({ path: "test-results/workers.png", fullPage: true });
  await page.getByRole("link", { name: second, exact: true }).click();
  await expect(page.getByRole("heading", { name: second })).toBeVisible();
  await expect(page.getByText("100% of 1 compared")).toBeVisible();
  await page.screenshot({ path: "test-results/worker-profile.png", fullPage: true });

  await page.goto("/qualifications");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.screenshot({ path: "test-results/qualifications.png", fullPage: true });
  await w.context.close();
  client.destroy();
});

for (const role of ["viewer", "reviewer"] as const) {
  test(`a ${role} reads a qualification type without its controls, and the server refuses their changes`, async ({ page, team, baseURL }) => {
    const typeId = await seedQualificationType(team, baseURL!);
    await login(page, team.users[role]);
    await page.goto(`/qualifications/${typeId}`);
    await expect(page.getByRole("heading", { name: "Workers holding it" })).toBeVisible();
    await expect(page.getByText("Read only: changing a type needs the admin role.")).toBeVisible();
    for (const control of ["Deactivate", "Delete…", "Save changes"]) await expect(page.getByRole("button", { name: control })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Assign scores" })).toHaveCount(0);
    const refused = await page.request.post(`/api/qualifications/${typeId}/grant-agreement`, { data: { source: { kind: "all" }, minPercent: 0, minCompared: 1, value: 1 } });
    expect(refused.status()).toBe(403);
  });
}
