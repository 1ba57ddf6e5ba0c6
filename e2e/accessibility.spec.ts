import { CreateHITCommand, CreateQualificationTypeCommand, NotifyWorkersCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { findTemplate } from "@/lib/projects/templates";
import { syncAccount } from "@/lib/sync/sync-account";
import { ANSWER_KEY_XML, TEST_XML } from "@/test/marketplace/fixtures/qualification-xml";
import { expectNoSeriousViolations } from "./support/axe";
import { expect, login, test } from "./support/fixtures";
import { teamSdk } from "./support/hits-seed";
import { seedQualificationType } from "./support/people-seed";
import { submittedBatch } from "./support/review-batch";
import { signUpWorker } from "./support/worker-accounts";

/**
 * Every page of the dashboard and the worker site, with real data, checked by axe: no serious
 * or critical violation (names, labels, contrast, landmarks...). Task frames are included: the
 * worker site's own QuestionForm and crowd-* renderings are HITdesk's. Dialogs are checked
 * with the keyboard: focus stays inside while open and returns to the opener on close.
 */

const QUESTION_FORM = `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
  <Question>
    <QuestionIdentifier>city</QuestionIdentifier>
    <DisplayName>Capital</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>What is the capital of France?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer/></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>size</QuestionIdentifier>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>How big is it?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>small</SelectionIdentifier><Text>Small</Text></Selection>
      <Selection><SelectionIdentifier>large</SelectionIdentifier><Text>Large</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
</QuestionForm>`;

test.use({ reducedMotion: "reduce" });

test("every dashboard page has no serious or critical accessibility violation", async ({ page, team, baseURL }) => {
  test.setTimeout(240_000);
  // Real data on every page: a reviewed HIT with assignments, a project with a published batch, a qualification type.
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive", "negative"], ["positive"]]);
  const typeId = await seedQualificationType(team, baseURL!);
  await syncAccount({ teamId: team.id, environment: "sandbox", client, force: true });
  const { hitId, workerId } = assignments[0]!;

  await page.goto("/login");
  await expectNoSeriousViolations(page, "login");
  await page.goto("/setup");
  await expectNoSeriousViolations(page, "setup link");
  await page.goto("/forgot-password");
  await expectNoSeriousViolations(page, "forgot password");

  await login(page, team.users.owner);
  const projectId = await page.request
    .post("/api/projects", { data: { name: "Accessible sentiment", templateId: "sentiment", design: findTemplate("sentiment")!.design } })
    .then(async (r) => ((await r.json()) as { id: string }).id);
  const batch = await page.request.post("/api/batches", { data: { projectId, name: "Accessible batch", csv: "text\nThe soup was cold.\nLovely staff.\n" } });
  expect(batch.status(), await batch.text()).toBe(200);
  const { batchId, jobId } = (await batch.json()) as { batchId: string; jobId: string };
  await expect.poll(async () => (await db.job.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 30_000 }).toBe("succeeded");

  const pages: [string, string][] = [
    ["overview", "/"],
    ["HITs", "/hits"],
    ["HIT detail", `/hits/${hitId}`],
    ["review", "/review"],
    ["batch detail", `/batches/${batchId}`],
    ["projects (and batches)", "/projects"],
    ["archived projects", "/projects?view=archived"],
    ["new project", "/projects/new"],
    ["project detail", `/projects/${projectId}`],
    ["new batch", `/projects/${projectId}/batches/new`],
    ["workers", "/workers"],
    ["worker detail", `/workers/${workerId}`],
    ["qualifications", "/qualifications"],
    ["qualification detail", `/qualifications/${typeId}`],
    ["new qualification", "/qualifications/new"],
    ["settings", "/settings"],
    ["webhooks", "/settings/webhooks"],
    ["notification settings", "/settings/notifications"],
    ["audit", "/audit"],
    ["account", "/account"],
  ];
  for (const [what, path] of pages) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSeriousViolations(page, what);
  }
  // The bell's panel, open, with the finished batch's notification.
  await page.goto("/");
  await page.getByRole("button", { name: /^Notifications, [1-9]/ }).click();
  await expect(page.getByRole("dialog", { name: "Notifications" }).getByRole("link", { name: /Accessible batch/ })).toBeVisible();
  await expectNoSeriousViolations(page, "notification panel");
  // The review queue with an assignment open, and a decision dialog.
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText("1–3 of 3 submitted");
  await expectNoSeriousViolations(page, "review with an assignment");
  await page.keyboard.press("r");
  await expect(page.getByRole("dialog", { name: "Reject assignment" })).toBeVisible();
  await expectNoSeriousViolations(page, "reject dialog");
  client.destroy();
});

test("dialogs keep keyboard focus inside while open and give it back to their opener", async ({ page, team }) => {
  await login(page, team.users.admin);
  await page.goto("/projects/new");
  // Reach the first template card by keyboard and open it with Enter.
  const opener = page.getByRole("list", { name: "Templates" }).getByRole("button").first();
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Project name")).toBeFocused();
  await expectNoSeriousViolations(page, "new project dialog");
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest("[role=dialog]"));
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await inDialog(), `after Tab ×${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inDialog(), `after Shift+Tab ×${i + 1}`).toBe(true);
  }
  // Escape closes it and gives focus back.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // The same with the Cancel button, reached by keyboard, in another dialog.
  const project = await db.project.create({ data: { teamId: team.id, name: "Keyboard project", templateId: "sentiment" } });
  await db.projectVersion.create({ data: { projectId: project.id, version: 1, design: findTemplate("sentiment")!.design } });
  await page.goto("/projects");
  const del = page.getByRole("button", { name: "Delete Keyboard project" });
  await del.focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Delete “Keyboard project”?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toHaveCount(0);
  await expect(del).toBeFocused();
});

test("every worker-site page has no serious or critical accessibility violation", async ({ page, team, baseURL, browser }) => {
  test.setTimeout(180_000);
  // A QuestionForm task: the worker site renders it itself. Unique: every team's HITs are on the worker site.
  const title = `Capital check ${team.id.slice(-6)}`;
  const client = await teamSdk(team, baseURL!);
  await client.send(
    new CreateHITCommand({
      Title: title,
      Description: "Name a capital city",
      Reward: "0.25",
      MaxAssignments: 2,
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 600,
      Question: QUESTION_FORM,
    }),
  );
  const qual = await client.send(
    new CreateQualificationTypeCommand({
      Name: `Screening ${Date.now()}`,
      Description: "Two quick questions",
      QualificationTypeStatus: "Active",
      Test: TEST_XML,
      AnswerKey: ANSWER_KEY_XML,
      TestDurationInSeconds: 600,
    }),
  );

  await page.goto("/worker/sign-in");
  await expectNoSeriousViolations(page, "worker sign-in");
  await page.goto("/worker/sign-up");
  await expectNoSeriousViolations(page, "worker sign-up");

  const admin = await browser.newPage();
  await login(admin, team.users.admin);
  await admin.goto("/settings");
  await admin.getByRole("button", { name: "Create worker link" }).click();
  const inviteUrl = await admin.getByLabel("Invitation link").inputValue();
  await admin.close();
  await page.goto(inviteUrl);
  await expectNoSeriousViolations(page, "worker invitation");

  const { workerId } = await signUpWorker(page, { inviteUrl, name: "Axe Worker" });
  await client.send(new NotifyWorkersCommand({ WorkerIds: [workerId], Subject: "Welcome", MessageText: "Thanks for joining our workforce." }));

  await expectNoSeriousViolations(page, "find work");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expectNoSeriousViolations(page, "HIT group");
  await page.getByRole("button", { name: "Accept & work" }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  await expect(page.frameLocator(`iframe[title="${title}"]`).getByText("What is the capital of France?")).toBeVisible();
  await expectNoSeriousViolations(page, "task");
  for (const [what, path] of [
    ["my work", "/worker/work"],
    ["messages", "/worker/messages"],
    ["qualifications", "/worker/qualifications"],
    ["account", "/worker/account"],
    ["qualification test", `/worker/qualifications/${qual.QualificationType!.QualificationTypeId!}/test`],
  ] as const) {
    await page.goto(path);
    await expectNoSeriousViolations(page, what);
  }
  client.destroy();
});
