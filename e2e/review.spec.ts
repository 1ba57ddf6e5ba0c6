import { GetAssignmentCommand, ListBonusPaymentsCommand } from "@aws-sdk/client-mturk";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { submittedBatch, submittedTask } from "./support/review-batch";

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
  // Rows of the same title differ by their inputs.
  await expect(focusedRow(page).getByTestId("row-inputs")).toContainText("review_text: The blender is great");
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

test("the queue comes with the page, never saying that nothing waits, and its filters are labelled", async ({ page, team, baseURL }) => {
  const { client } = await submittedBatch(team, baseURL!, [["positive"]]);
  await login(page, team.users.reviewer);
  // The queue's API held back: the first page must come rendered with the page itself.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/review/queue**", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
  await expect(page.getByTestId("queue-sync-status")).not.toContainText("never");
  await expect(page.getByText("Nothing waits for review")).toHaveCount(0);
  release();
  for (const name of ["Project", "Batch", "Group by"]) await expect(page.getByRole("combobox", { name, exact: true })).toBeVisible();
  for (const name of ["HIT title or type id", "HIT id", "Worker id", "Answer contains", "Older than (hours)", "Auto-approves within (hours)"]) {
    await expect(page.getByRole("textbox", { name, exact: true })).toBeVisible();
  }
  await page.getByLabel("Answer contains", { exact: true }).fill("no such answer anywhere");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("queue-count")).toHaveText("No submitted assignments");
  await expect(page.getByText("Nothing waits for review with these filters")).toBeVisible();
  await page.screenshot({ path: "test-results/review-filters.png" });
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

// A crowd-form task with crowd-* elements and plain fields side by side, as MTurk's templates mix them.
const CROWD_TASK = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-classifier name="sentiment" categories='["Positive", "Negative", "Neutral"]' header="What is the sentiment of this review?">
    <classification-target>The soup arrived cold and the waiter never came back.</classification-target>
  </crowd-classifier>
  <crowd-input name="summary" label="One-line summary" required></crowd-input>
  <crowd-radio-group>
    <crowd-radio-button name="language" value="en">English</crowd-radio-button>
    <crowd-radio-button name="language" value="fr">French</crowd-radio-button>
  </crowd-radio-group>
  <crowd-checkbox name="urgent">Needs a reply today</crowd-checkbox>
  <label>Stars <input name="stars" type="number" min="1" max="5"></label>
  <label><input type="checkbox" name="topics" value="food"> food</label>
  <label><input type="checkbox" name="topics" value="service"> service</label>
  <label><input type="checkbox" name="topics" value="price"> price</label>
  <crowd-bounding-box name="dishes" header="Box the dishes" labels="['Bowl', 'Cup']"
    src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='200' height='100'%3E%3Crect width='200' height='100' fill='%23ddd'/%3E%3C/svg%3E"></crowd-bounding-box>
</crowd-form>`;

test("the assignment view re-renders a crowd-form task read-only with the worker's answers in it", async ({ page, team, baseURL }) => {
  const taskAnswers = [
    {
      sentiment: { label: "Negative" },
      summary: "Cold soup, absent waiter",
      language: { en: false, fr: true },
      urgent: { on: true },
      stars: "2",
      topics: ["food", "service"],
      dishes: { boundingBoxes: [{ height: 40, label: "Cup", left: 20, top: 10, width: 60 }], inputImageProperties: { height: 100, width: 200 } },
    },
  ];
  const { client, hitId } = await submittedTask(team, baseURL!, CROWD_TASK, { taskAnswers: JSON.stringify(taskAnswers) });
  await login(page, team.users.reviewer);
  await page.goto(`/review?hitId=${hitId}`);
  await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
  await expect(page.getByTestId("answers")).toContainText("Cold soup, absent waiter");
  // The list row reads as the panel does, not as crowd-form's JSON.
  await expect(page.getByTestId("row-answers")).toContainText("sentiment.label: Negative · summary: Cold soup, absent waiter");
  await expect(page.getByTestId("row-answers")).not.toContainText("taskAnswers");
  await page.getByRole("button", { name: /Show the task/ }).click();
  const frameEl = page.locator("iframe[title='Task as the worker saw it']");
  await expect(frameEl).toHaveAttribute("sandbox", "allow-scripts");
  const task = frameEl.contentFrame();
  await expect(task.getByText("The soup arrived cold")).toBeVisible();
  // crowd-* elements, from taskAnswers.
  await expect(task.getByRole("radio", { name: "Negative" })).toBeChecked();
  await expect(task.getByRole("radio", { name: "Positive" })).not.toBeChecked();
  await expect(task.getByRole("radio", { name: "Negative" })).toBeDisabled();
  await expect(task.getByLabel("One-line summary")).toHaveValue("Cold soup, absent waiter");
  await expect(task.getByLabel("One-line summary")).toBeDisabled();
  await expect(task.getByRole("radio", { name: "French" })).toBeChecked();
  await expect(task.getByRole("radio", { name: "English" })).not.toBeChecked();
  await expect(task.getByRole("checkbox", { name: "Needs a reply today" })).toBeChecked();
  // Plain fields inside the crowd-form, from the same answers.
  await expect(task.locator("input[name=stars]")).toHaveValue("2");
  await expect(task.locator("input[name=topics][value=food]")).toBeChecked();
  await expect(task.locator("input[name=topics][value=service]")).toBeChecked();
  await expect(task.locator("input[name=topics][value=price]")).not.toBeChecked();
  await expect(task.locator("input[name=stars]")).toBeDisabled();
  // The boxes the worker drew, which cannot be deleted or redrawn.
  await expect(task.getByRole("list", { name: "Boxes drawn" })).toContainText("Cup");
  await expect(task.getByRole("list", { name: "Boxes drawn" })).toContainText("60×40");
  await expect(task.getByRole("button", { name: "Delete box 1 (Cup)" })).toBeDisabled();
  // Nothing can be changed or sent, and the task has no access to HITdesk.
  await expect(task.getByRole("button", { name: "Submit" })).toBeDisabled();
  await expect(task.getByText("Read only: the answers the worker submitted")).toBeVisible();
  await task.getByRole("radio", { name: "Positive" }).click({ force: true });
  await expect(task.getByRole("radio", { name: "Negative" })).toBeChecked();
  const inside = await task.locator("crowd-form").evaluate((form) => {
    (form as HTMLElement & { requestSubmit(): void; submit(): void }).requestSubmit();
    (form as HTMLElement & { submit(): void }).submit();
    let cookies = "readable";
    try {
      void document.cookie;
    } catch {
      cookies = "blocked";
    }
    return { origin: window.origin, cookies, url: location.href };
  });
  expect(inside).toEqual({ origin: "null", cookies: "blocked", url: "about:srcdoc" });
  await expect(task.getByText("Read only: the answers the worker submitted.")).toBeVisible();
  await expect(task.getByText("The soup arrived cold")).toBeVisible();
  await page.getByTestId("assignment-panel").screenshot({ path: test.info().outputPath("assignment-crowd-task.png") });
  await task.getByLabel("One-line summary").scrollIntoViewIfNeeded();
  await frameEl.screenshot({ path: test.info().outputPath("assignment-crowd-task-fields.png") });
  await task.getByRole("list", { name: "Boxes drawn" }).scrollIntoViewIfNeeded();
  await frameEl.screenshot({ path: test.info().outputPath("assignment-crowd-task-boxes.png") });
  expect(
    (await client.send(new GetAssignmentCommand({ AssignmentId: (await db.cachedAssignment.findFirstOrThrow({ where: { teamId: team.id, hitId } })).assignmentId }))).Assignment!.AssignmentStatus,
  ).toBe("Submitted");
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

test("two reviewers decide the same assignment at once: one wins, the other is told who did", async ({ browser, team, baseURL }) => {
  const { client, assignments } = await submittedBatch(team, baseURL!, [["positive"]]);
  const [only] = assignments;
  const reviewers = [team.users.reviewer, team.users.admin];
  const pages = await Promise.all(
    reviewers.map(async (user) => {
      const page = await (await browser.newContext()).newPage();
      await login(page, user);
      await page.goto(`/review?hitId=${only!.hitId}`);
      await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
      await expect(page.locator("[role=listbox] li[aria-selected=true]")).toHaveAttribute("data-assignment-id", only!.assignmentId);
      return page;
    }),
  );
  const [ana, ben] = pages as [Page, Page];
  // Ana approves while Ben rejects: both requests leave together.
  await ben.keyboard.press("r");
  await ben.getByLabel("Feedback to the worker").fill("The answer does not match the review.");
  await Promise.all([ana.keyboard.press("a"), ben.getByLabel("Feedback to the worker").press("Enter")]);

  const won = (p: Page) => p.getByText(/^(Approving 1 assignment\.|Rejected 1\. Press u to undo\.)$/);
  const conflict = (p: Page) =>
    p.getByRole("alert").filter({ hasText: new RegExp(`Assignment ${only!.assignmentId} was (just (approved|rejected) by \\S+@example\\.com|already (approved|rejected))`) });
  await expect(won(ana).or(conflict(ana))).toBeVisible();
  await expect(won(ben).or(conflict(ben))).toBeVisible();
  const anaWon = await won(ana).isVisible();
  const [winner, loser] = anaWon ? [ana, ben] : [ben, ana];
  await expect(won(winner)).toBeVisible();
  await expect(conflict(loser)).toBeVisible();
  await expect(won(loser)).toHaveCount(0);
  await loser.screenshot({ path: test.info().outputPath("review-conflict.png") });

  const expected = anaWon ? "Approved" : "Rejected";
  await expect.poll(async () => (await client.send(new GetAssignmentCommand({ AssignmentId: only!.assignmentId }))).Assignment!.AssignmentStatus, { timeout: 30_000 }).toBe(expected);
  for (const p of pages) await p.context().close();
  client.destroy();
});

test("a decision dialog keeps focus inside it and gives it back to the button that opened it", async ({ page, team, baseURL }) => {
  const { client } = await submittedBatch(team, baseURL!, [["positive"]]);
  await login(page, team.users.reviewer);
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
  await page.getByText("Bulk and CSV").click();
  const opener = page.getByRole("button", { name: "Reject all matching…" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: /^Reject 1 assignment/ });
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect(dialog.getByLabel("Feedback to the worker")).toBeFocused();
  // Around the dialog's controls more times than it has, both ways: focus never leaves it.
  const inside = () => page.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await inside()).toBe(true);
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inside()).toBe(true);
  }
  // From the last control, Tab wraps to the first.
  await dialog.getByRole("button", { name: "Reject", exact: true }).focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement === document.querySelector("[role=dialog]")?.querySelector("button, textarea, input"))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  client.destroy();
});

test("long feedback templates are shown whole in the reject dialog, and pick by their digit", async ({ page, team, baseURL }) => {
  const long =
    "Your answer does not follow the instructions: the task asks for the sentiment of the review as a whole, and your answer describes only the first sentence. Please read the full instructions, including the examples at the bottom of the task, before you submit again.";
  await db.feedbackTemplate.createMany({
    data: [
      { teamId: team.id, label: "A. Whole review not read", text: long },
      { teamId: team.id, label: "B. Empty", text: "The answer is empty." },
    ],
  });
  const { client } = await submittedBatch(team, baseURL!, [["positive"]]);
  await login(page, team.users.reviewer);
  await page.goto("/review");
  await expect(page.getByTestId("queue-count")).toHaveText("1–1 of 1 submitted");
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject assignment" });
  const first = dialog.getByRole("list", { name: "Feedback templates" }).getByRole("button").first();
  await expect(first).toContainText(long);
  // Every line of it is inside the dialog, none cut off or overflowing.
  const clipped = await first.evaluate((button) =>
    [...button.querySelectorAll("span")].some((s) => s.scrollWidth > s.clientWidth + 1 || s.getBoundingClientRect().right > button.getBoundingClientRect().right + 1),
  );
  expect(clipped).toBe(false);
  await page.screenshot({ path: "test-results/review-reject-templates.png" });
  await page.keyboard.press("1");
  await expect(dialog.getByLabel("Feedback to the worker")).toHaveValue(long);
  await page.keyboard.press("Escape");
  client.destroy();
});
