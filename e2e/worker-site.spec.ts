import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  ListAssignmentsForHITCommand,
  MTurkClient,
  NotifyWorkersCommand,
  SendBonusCommand,
  type QualificationRequirement,
} from "@aws-sdk/client-mturk";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db";
import { advanceClock } from "@/lib/marketplace/clock";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { ANSWER_KEY_XML, TEST_XML } from "@/test/marketplace/fixtures/qualification-xml";
import { expect, login, test } from "./support/fixtures";
import type { SeededTeam } from "./support/seed";
import { signUpWorker } from "./support/worker-accounts";

/**
 * The worker site through a real browser: a person signs up from a team's invitation, qualifies,
 * and does HTMLQuestion, crowd-form and QuestionForm tasks; the requester reads the answers
 * back through the AWS SDK exactly as from MTurk.
 */

const HTML_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd";
const QF_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd";

const htmlQuestion = (html: string, height = 500) => `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[${html}]]></HTMLContent><FrameHeight>${height}</FrameHeight></HTMLQuestion>`;

// A classic MTurk design: fills assignmentId from the URL, posts to MTurk's own externalSubmit.
const CLASSIC_HTML = htmlQuestion(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<form id="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
<input type="hidden" name="assignmentId" id="assignmentId">
<p>Which animal is shown?</p>
<label>Animal <input name="animal" id="animal"></label>
<label><input type="checkbox" name="tags" value="cute"> cute</label>
<label><input type="checkbox" name="tags" value="fluffy"> fluffy</label>
<button type="submit">Submit HIT</button>
</form>
<script>document.getElementById("assignmentId").value = new URLSearchParams(location.search).get("assignmentId");</script>
</body></html>`);

const CROWD_HTML = htmlQuestion(
  `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-classifier name="sentiment" categories='["Positive", "Negative", "Neutral"]' header="What is the sentiment of this review?">
    <classification-target>The food was wonderful and the staff were kind.</classification-target>
    <full-instructions header="Sentiment">Pick the overall sentiment.</full-instructions>
    <short-instructions>Pick the overall sentiment.</short-instructions>
  </crowd-classifier>
</crowd-form>`,
  0,
);

const QUESTION_FORM = `<QuestionForm xmlns="${QF_NS}">
  <Question>
    <QuestionIdentifier>city</QuestionIdentifier>
    <DisplayName>Capital</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>What is the capital of France?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="2" maxLength="40"/></Constraints></FreeTextAnswer></AnswerSpecification>
  </Question>
  <Question>
    <QuestionIdentifier>size</QuestionIdentifier>
    <DisplayName>Size</DisplayName>
    <IsRequired>true</IsRequired>
    <QuestionContent><Text>How big is it?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>small</SelectionIdentifier><Text>Small</Text></Selection>
      <Selection><SelectionIdentifier>large</SelectionIdentifier><Text>Large</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification>
  </Question>
</QuestionForm>`;

function sdk(baseURL: string, keys: { accessKeyId: string; secretAccessKey: string }): MTurkClient {
  return new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: keys });
}

async function createHit(client: MTurkClient, title: string, question: string, requirements: QualificationRequirement[] = [], duration = 600): Promise<string> {
  const out = await client.send(
    new CreateHITCommand({
      Title: title,
      Description: `${title}: a task for the worker-site test`,
      Keywords: "e2e, worker",
      Reward: "0.25",
      MaxAssignments: 2,
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: duration,
      Question: question,
      QualificationRequirements: requirements,
    }),
  );
  return out.HIT!.HITId!;
}

async function answersOf(client: MTurkClient, hitId: string): Promise<{ workerId: string; answers: Record<string, string> }[]> {
  const out = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  return (out.Assignments ?? []).map((a) => ({
    workerId: a.WorkerId!,
    answers: Object.fromEntries(parseQuestionFormAnswers(a.Answer!).map((x) => [x.questionIdentifier, x.values.join(",")])),
  }));
}

async function openGroup(page: Page, title: string) {
  await page.goto("/worker");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function acceptGroup(page: Page, title: string) {
  await openGroup(page, title);
  await page.getByRole("button", { name: "Accept & work" }).click();
  await expect(page.getByRole("timer")).toBeVisible();
}

async function requesterTeam(team: SeededTeam, baseURL: string) {
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  return { keys, client: sdk(baseURL, keys) };
}

// A smooth scroll to the first unanswered question would move the form under the next click;
// workers who ask for reduced motion get an instant jump, and so does this browser.
test.use({ reducedMotion: "reduce" });

test("a worker joins from an invitation, qualifies by test, and does HTML, crowd-form and QuestionForm tasks the requester reads through the SDK", async ({ page, team, baseURL, browser }) => {
  test.setTimeout(180_000);
  const { client } = await requesterTeam(team, baseURL!);

  // The admin creates an invitation link on the dashboard.
  const admin = await browser.newPage();
  await login(admin, team.users.admin);
  await admin.goto("/settings");
  await admin.getByLabel("Label (optional)").fill("Annotators");
  await admin.getByRole("button", { name: "Create worker link" }).click();
  const inviteUrl = await admin.getByLabel("Invitation link").inputValue();
  expect(inviteUrl).toMatch(/\/worker\/join\//);

  const qual = await client.send(
    new CreateQualificationTypeCommand({
      Name: `Screening ${Date.now()}`,
      Description: "Two quick questions",
      QualificationTypeStatus: "Active",
      Test: TEST_XML,
      AnswerKey: ANSWER_KEY_XML,
      TestDurationInSeconds: 600,
      RetryDelayInSeconds: 1,
    }),
  );
  const qualId = qual.QualificationType!.QualificationTypeId!;
  const classicId = await createHit(client, "Name the animal", CLASSIC_HTML, [{ QualificationTypeId: qualId, Comparator: "GreaterThanOrEqualTo", IntegerValues: [80], ActionsGuarded: "Accept" }]);
  const crowdId = await createHit(client, "Review sentiment", CROWD_HTML);
  const formId = await createHit(client, "Capital city", QUESTION_FORM);

  // Sign-up from the invitation joins the team's workforce.
  const { workerId } = await signUpWorker(page, { inviteUrl, name: "Ada Worker" });
  expect(workerId).toMatch(/^A[A-Z0-9]{12,14}$/);
  await admin.reload();
  await expect(admin.getByRole("list", { name: "Workforce" })).toContainText("Ada Worker");

  // Without the qualification the HIT is visible but cannot be accepted.
  await openGroup(page, "Name the animal");
  await expect(page.getByText("You do not meet the qualification requirements")).toBeVisible();
  await page.screenshot({ path: "test-results/worker-group.png", fullPage: true });
  await expect(page.getByRole("button", { name: "Accept & work" })).toHaveCount(0);

  // The test, scored from the answer key.
  await page.getByRole("link", { name: "Find qualifications you can request or take a test for" }).click();
  const card = page.getByRole("listitem").filter({ hasText: qual.QualificationType!.Name! });
  await page.screenshot({ path: "test-results/worker-qualifications.png", fullPage: true });
  await card.getByRole("link", { name: "Take test" }).click();
  const test1 = page.frameLocator('iframe[title^="Screening"]');
  await test1.getByLabel("Blue").check();
  await test1.getByLabel("2", { exact: true }).check();
  await test1.getByLabel("3", { exact: true }).check();
  await test1.getByRole("button", { name: "Submit test" }).click();
  await expect(page.getByText("Test scored: 100")).toBeVisible();

  // HTMLQuestion posting to MTurk's own externalSubmit URL.
  await acceptGroup(page, "Name the animal");
  await page.screenshot({ path: "test-results/worker-task.png", fullPage: true });
  const classic = page.frameLocator('iframe[title="Name the animal"]');
  await classic.getByLabel("Animal").fill("Cat — ü");
  await classic.getByLabel("cute").check();
  await classic.getByLabel("fluffy").check();
  await classic.getByRole("button", { name: "Submit HIT" }).click();
  await expect(page.getByText("Submitted. Thank you!")).toBeVisible();

  // A crowd-form template, answered by keyboard-free clicks.
  await acceptGroup(page, "Review sentiment");
  const crowd = page.frameLocator('iframe[title="Review sentiment"]');
  await crowd.getByText("Positive", { exact: true }).click();
  await crowd.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Submitted. Thank you!")).toBeVisible();

  // QuestionForm rendered natively, validated before submit.
  await acceptGroup(page, "Capital city");
  const form = page.frameLocator('iframe[title="Capital city"]');
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(form.getByText(/Capital/).first()).toBeVisible();
  await form.getByLabel("Large").check();
  await form.getByRole("textbox").first().fill("Paris");
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Submitted. Thank you!")).toBeVisible();

  // The requester's view, through the SDK.
  expect(await answersOf(client, classicId)).toEqual([{ workerId, answers: { animal: "Cat — ü", tags: "cute|fluffy" } }]);
  const [crowdAnswer] = await answersOf(client, crowdId);
  expect(crowdAnswer!.workerId).toBe(workerId);
  expect(JSON.parse(crowdAnswer!.answers.taskAnswers!)).toEqual([{ sentiment: { label: "Positive" } }]);
  expect(await answersOf(client, formId)).toEqual([{ workerId, answers: { city: "Paris", size: "large" } }]);
  const raw = await client.send(new ListAssignmentsForHITCommand({ HITId: formId }));
  expect(raw.Assignments![0]!.Answer).toMatch(
    /^<\?xml version="1.0" encoding="ASCII"\?><QuestionFormAnswers xmlns="http:\/\/mechanicalturk\.amazonaws\.com\/AWSMechanicalTurkDataSchemas\/2005-10-01\/QuestionFormAnswers\.xsd">/,
  );

  // The worker's dashboard: feedback, earnings and bonuses from the ledger, and the inbox.
  const [formAssignment] = raw.Assignments!;
  await client.send(new ApproveAssignmentCommand({ AssignmentId: formAssignment!.AssignmentId!, RequesterFeedback: "Spot on, thanks!" }));
  await client.send(
    new SendBonusCommand({ WorkerId: workerId, AssignmentId: formAssignment!.AssignmentId!, BonusAmount: "0.50", Reason: "Careful work", UniqueRequestToken: `bonus-${formAssignment!.AssignmentId}` }),
  );
  await client.send(new NotifyWorkersCommand({ WorkerIds: [workerId], Subject: "Thanks for the help", MessageText: "More HITs tomorrow." }));
  await page.goto("/worker/messages");
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Thanks for the help");
  await page.goto("/worker/work");
  await expect(page.getByRole("cell", { name: /Name the animal/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Spot on, thanks!" })).toBeVisible();
  await expect(page.getByText("Earned (approved work)").locator("..")).toContainText("$0.25");
  await expect(page.getByText("Careful work")).toBeVisible();
  await page.screenshot({ path: "test-results/worker-my-work.png", fullPage: true });
  await admin.close();
  client.destroy();
});

async function taskPageFor(browser: Browser, baseURL: string, name: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const worker = await signUpWorker(page, { name });
  return { page, context, ...worker };
}

test("task content runs in an opaque origin: no app cookies, no calls to HITdesk as the worker", async ({ team, baseURL, browser }) => {
  const { client } = await requesterTeam(team, baseURL!);
  const probe = htmlQuestion(`<!DOCTYPE html><html><body><pre id="out">running</pre><script>
    var out = [];
    try { out.push("cookie:" + (document.cookie === "" ? "empty" : document.cookie)); } catch (e) { out.push("cookie:blocked"); }
    try { localStorage.setItem("x", "1"); out.push("storage:open"); } catch (e) { out.push("storage:blocked"); }
    fetch("${baseURL}/worker/work", { credentials: "include" })
      .then(function (r) { return r.text(); })
      .then(function (t) { out.push(t.indexOf("My work") >= 0 ? "fetch:worker-data" : "fetch:no-data"); }, function () { out.push("fetch:failed"); })
      .then(function () { document.getElementById("out").textContent = out.join(" "); });
  </script></body></html>`);
  await createHit(client, "Probe the sandbox", probe);
  const w = await taskPageFor(browser, baseURL!, "Probe Worker");
  await acceptGroup(w.page, "Probe the sandbox");
  const out = w.page.frameLocator('iframe[title="Probe the sandbox"]').locator("#out");
  await expect(out).not.toHaveText("running");
  const text = await out.textContent();
  expect(text).toContain("cookie:blocked");
  expect(text).toContain("storage:blocked");
  expect(text).not.toContain("fetch:worker-data");
  // Opened directly, the content is still sandboxed by its CSP.
  const src = await w.page.locator('iframe[title="Probe the sandbox"]').getAttribute("src");
  const res = await w.page.request.get(src!);
  expect(res.headers()["content-security-policy"]).toContain("sandbox allow-scripts allow-forms");
  expect(res.headers()["content-security-policy"]).not.toContain("allow-same-origin");
  await w.context.close();
  client.destroy();
});

test("a worker cannot submit another worker's assignment, a preview, or after the deadline", async ({ team, baseURL, browser }) => {
  const { client, keys } = await requesterTeam(team, baseURL!);
  const hitId = await createHit(client, "Deadline task", CLASSIC_HTML, [], 120);
  const a = await taskPageFor(browser, baseURL!, "First Worker");
  const b = await taskPageFor(browser, baseURL!, "Second Worker");
  // A preview cannot submit.
  await openGroup(b.page, "Deadline task");
  const previewSrc = await b.page.locator('iframe[title^="Preview of"]').getAttribute("src");
  const previewSubmit = new URL(previewSrc!, baseURL).pathname + "/mturk/externalSubmit";
  expect((await b.page.request.post(previewSubmit, { form: { animal: "dog" } })).status()).toBe(409);

  await acceptGroup(a.page, "Deadline task");
  await acceptGroup(b.page, "Deadline task");
  const aAssignment = await db.mkAssignment.findFirstOrThrow({ where: { hitId, workerId: a.workerId } });
  const bSrc = await b.page.locator('iframe[title="Deadline task"]').getAttribute("src");
  const bSubmit = new URL(bSrc!, baseURL).searchParams.get("turkSubmitTo")! + "/mturk/externalSubmit";

  // B's submit link with A's assignment: refused, A's assignment untouched.
  const forged = await b.page.request.post(bSubmit, { form: { assignmentId: aAssignment.id, animal: "dog" } });
  expect(forged.status()).toBe(403);
  // A tampered token is worthless.
  const tampered = await b.page.request.post(bSubmit.replace(/\/task\/([^/.]+)\./, "/task/$1x."), { form: { animal: "dog" } });
  expect(tampered.status()).toBe(404);
  expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: aAssignment.id } })).status).toBe("Accepted");

  // Past the deadline the form is refused and the work is not stored.
  const requesterId = keys.requesterId;
  await advanceClock(requesterId, 121);
  // The server caches clock offsets for a second: its task page says "Time is up" (410) once it
  // sees the new time, or "Already done" (409) if the background sweep abandoned the assignment.
  const aSrc = await a.page.locator('iframe[title="Deadline task"]').getAttribute("src");
  await expect.poll(async () => [409, 410].includes((await a.page.request.get(aSrc!)).status())).toBe(true);
  const classic = a.page.frameLocator('iframe[title="Deadline task"]');
  await classic.getByLabel("Animal").fill("late");
  await classic.getByRole("button", { name: "Submit HIT" }).click();
  // Refused as past the deadline, or as abandoned if the background sweep got there first.
  await expect(classic.getByRole("heading", { name: "Not submitted" })).toBeVisible();
  await expect(a.page.getByRole("alert").filter({ hasText: /time allotted .* run out|abandoned/ })).toBeVisible();
  const after = await db.mkAssignment.findUniqueOrThrow({ where: { id: aAssignment.id } });
  expect(after.answer).toBeNull();
  expect(["Accepted", "Abandoned"]).toContain(after.status);
  await a.context.close();
  await b.context.close();
  client.destroy();
});

test("a blocked worker sees nothing of the requester", async ({ team, baseURL, browser }) => {
  const { client } = await requesterTeam(team, baseURL!);
  const title = `Blocked group ${Date.now()}`;
  await createHit(client, title, CLASSIC_HTML);
  const w = await taskPageFor(browser, baseURL!, "Blocked Worker");
  await w.page.goto("/worker");
  await expect(w.page.getByRole("link", { name: title })).toBeVisible();
  const groupUrl = await w.page.getByRole("link", { name: title }).getAttribute("href");
  await client.send(new CreateWorkerBlockCommand({ WorkerId: w.workerId, Reason: "Test block" }));
  await w.page.goto("/worker");
  await expect(w.page.getByRole("link", { name: title })).toHaveCount(0);
  const res = await w.page.goto(groupUrl!);
  expect(res!.status()).toBe(404);
  await w.context.close();
  client.destroy();
});

test("worker accounts cannot reach the dashboard or its API", async ({ baseURL, browser }) => {
  const w = await taskPageFor(browser, baseURL!, "Outsider");
  await w.page.goto("/");
  await expect(w.page).toHaveURL(/\/login/);
  expect((await w.page.request.get("/api/team/balance")).status()).toBe(401);
  await w.context.close();
});

test("simulated workers, switched on in Settings, work a new sandbox HIT within a minute", async ({ page, team, baseURL }) => {
  test.setTimeout(150_000);
  const { client } = await requesterTeam(team, baseURL!);
  await login(page, team.users.admin);
  await page.goto("/settings");
  await page.getByLabel("Workers", { exact: true }).fill("8");
  await page.getByLabel("Pace (ms between steps)").fill("500");
  await page.getByRole("button", { name: "Save workforce" }).click();
  await expect(page.getByText("one step every 0.5 s")).toBeVisible();

  const gold = htmlQuestion(`<meta name="hitdesk:gold" content='{"animal": "cat"}'>
    <form method="post" action="https://workersandbox.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId">
    <label><input type="radio" name="animal" value="cat"> Cat</label><label><input type="radio" name="animal" value="dog"> Dog</label>
    <button>Submit</button></form>`);
  const hitId = await createHit(client, "Simulated pets", gold, [], 60);
  await expect.poll(async () => (await answersOf(client, hitId)).length, { timeout: 120_000, intervals: [2000] }).toBe(2);
  for (const { workerId, answers } of await answersOf(client, hitId)) {
    expect(workerId).toMatch(/^A[A-Z0-9]{12,14}$/);
    expect(["cat", "dog"]).toContain(answers.animal);
  }
  client.destroy();
});
