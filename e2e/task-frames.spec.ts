import { CreateHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { expect, login, test } from "./support/fixtures";
import type { SeededTeam } from "./support/seed";
import { signUpWorker } from "./support/worker-accounts";
import { newProjectFromTemplate } from "./support/projects";

/**
 * Task frames as workers and requesters meet them: the worker page believes the server, not the
 * requester's HTML, about a submission; and task content, previews and the editor's live preview
 * render under every host name HITdesk is reached by, not only the one in HITDESK_URL.
 */

const HTML_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd";
const htmlQuestion = (html: string) => `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[${html}]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`;

// Task HTML that tries to end the task without submitting: it posts the message HITdesk's own
// "submitted" notice posts, then shows that it did.
const FAKER = htmlQuestion(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<form id="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
<input type="hidden" name="assignmentId" id="assignmentId">
<label>Answer <input name="answer" id="answer"></label>
<button type="submit">Submit HIT</button>
</form>
<button type="button" id="fake">Pretend to submit</button><p id="state">ready</p>
<script>
document.getElementById("assignmentId").value = new URLSearchParams(location.search).get("assignmentId");
document.getElementById("fake").onclick = function () {
  parent.postMessage({ hitdesk: { type: "submitted", assignmentId: document.getElementById("assignmentId").value } }, "*");
  document.getElementById("state").textContent = "faked";
};
</script></body></html>`);

async function hitFor(team: SeededTeam, baseURL: string, title: string): Promise<string> {
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: keys });
  const out = await client.send(
    new CreateHITCommand({ Title: title, Description: "Task frame test", Reward: "0.10", MaxAssignments: 2, LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 600, Question: FAKER }),
  );
  client.destroy();
  return out.HIT!.HITId!;
}

async function accept(page: Page, title: string): Promise<string> {
  await page.goto("/worker");
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("button", { name: "Accept & work" }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  return page.url().split("/worker/tasks/")[1]!.split(/[?#]/)[0]!;
}

test("a task frame's fake 'submitted' message does not end the task; a real submission does", async ({ team, baseURL, browser }) => {
  const title = `Fake submit ${Date.now()}`;
  await hitFor(team, baseURL!, title);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUpWorker(page, { name: "Faked Worker" });
  const assignmentId = await accept(page, title);
  const frame = page.frameLocator(`iframe[title="${title}"]`);

  // The page asks the server (a server action) before believing the frame.
  const asked = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await frame.getByRole("button", { name: "Pretend to submit" }).click();
  await expect(frame.locator("#state")).toHaveText("faked");
  await asked;
  await expect(page.getByText("Submitted. Thank you!")).toHaveCount(0);
  await expect(page.getByRole("timer")).toBeVisible();
  await expect(frame.getByRole("button", { name: "Submit HIT" })).toBeVisible();
  expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("Accepted");

  // The real thing: the server has the submission, so the page says so.
  await frame.getByLabel("Answer").fill("forty-two");
  await frame.getByRole("button", { name: "Submit HIT" }).click();
  await expect(page.getByText("Submitted. Thank you!")).toBeVisible();
  expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("Submitted");
  await context.close();
});

// HITDESK_URL names 127.0.0.1 in the test server; "localhost" is the other name it is reached by.
const otherHost = (baseURL: string) => baseURL.replace("127.0.0.1", "localhost");

for (const host of ["configured", "other"] as const) {
  test(`task content and the editor's live preview render when HITdesk is opened by its ${host} host name`, async ({ team, baseURL, browser }) => {
    const origin = host === "configured" ? baseURL! : otherHost(baseURL!);
    const title = `Frame under ${host} ${Date.now()}`;
    await hitFor(team, baseURL!, title);

    // A worker at this origin: the task frame renders the requester's HTML.
    const workerContext = await browser.newContext({ baseURL: origin });
    const worker = await workerContext.newPage();
    await signUpWorker(worker, { name: "Host Worker" });
    await accept(worker, title);
    expect(new URL(worker.url()).origin).toBe(origin);
    const frame = worker.frameLocator(`iframe[title="${title}"]`);
    await expect(frame.getByRole("button", { name: "Submit HIT" })).toBeVisible();
    const src = await worker.locator(`iframe[title="${title}"]`).getAttribute("src");
    const res = await worker.request.get(new URL(src!, origin).toString());
    expect(res.headers()["content-security-policy"]).toContain(`frame-ancestors ${origin}`);
    // A submission from this origin goes through, and the page learns it from the server.
    await frame.getByLabel("Answer").fill("ok");
    await frame.getByRole("button", { name: "Submit HIT" }).click();
    await expect(worker.getByText("Submitted. Thank you!")).toBeVisible();
    await workerContext.close();

    // A requester at this origin: the project editor's live preview renders its crowd template.
    const ownerContext = await browser.newContext({ baseURL: origin });
    const owner = await ownerContext.newPage();
    await login(owner, team.users.admin);
    expect(new URL(owner.url()).origin).toBe(origin);
    await newProjectFromTemplate(owner, "Sentiment");
    const preview = owner.frameLocator('iframe[title="Worker preview"]');
    await expect(preview.getByText("The food was wonderful and the staff were kind.")).toBeVisible();
    await ownerContext.close();
  });
}

test("a task document is never framed by another site", async ({ team, baseURL, request }) => {
  const title = `Foreign frame ${Date.now()}`;
  await hitFor(team, baseURL!, title);
  // Framing is decided by the Host the browser sends for the frame's URL, so a page elsewhere
  // that frames HITdesk gets HITdesk's own origin in frame-ancestors, never its own.
  const hit = await db.mkHit.findFirstOrThrow({ where: { title } });
  const { taskToken } = await import("@/lib/marketplace/worker-site/task-links");
  const res = await request.get(`/task/${taskToken({ k: "preview", hitId: hit.id })}`, { headers: { referer: "https://evil.example/" } });
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"]!;
  expect(csp).toMatch(/frame-ancestors [^;]*http:\/\/127\.0\.0\.1:\d+/);
  expect(csp).not.toContain("evil.example");
  // A forged Host header that is not a host name never reaches the policy.
  const forged = await request.get(`/task/${taskToken({ k: "preview", hitId: hit.id })}`, { headers: { "x-forwarded-host": "evil.example; script-src *" } });
  expect(forged.headers()["content-security-policy"]).not.toContain("evil.example");
});
