import { CreateWorkerBlockCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { receiveExternalSubmit } from "@/lib/marketplace/worker-site/external-submit";
import { findHitGroups } from "@/lib/marketplace/worker-site/find-work";
import { FindWorkInput } from "@/lib/marketplace/worker-site/schemas";
import { externalSubmitUrl, taskToken } from "@/lib/marketplace/worker-site/task-links";
import { createWorkerInvite, joinWorkforce, revokeWorkerInvite } from "@/lib/marketplace/worker-site/workforce";
import { answersFromSubmittedFields, buildQuestionFormAnswers, parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { prepareTaskHtml } from "@/lib/mturk-formats/task-html";
import { useHarness } from "@/test/marketplace/harness";

const sandbox = useHarness({ environment: "sandbox" });
const production = useHarness({ environment: "production" });

const unique = (tag: string) => `${tag} ${Math.random().toString(36).slice(2, 10)}`;
const groupsMatching = async (workerId: string, q: string) => (await findHitGroups(workerId, FindWorkInput.parse({ q }))).groups;

const QF = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd";
const QUESTION_FORM = `<QuestionForm xmlns="${QF}"><Question><QuestionIdentifier>colour</QuestionIdentifier><IsRequired>true</IsRequired>
<QuestionContent><Text>Colour?</Text></QuestionContent><AnswerSpecification><SelectionAnswer><Selections>
<Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection><Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>
</Selections></SelectionAnswer></AnswerSpecification></Question></QuestionForm>`;

describe("finding work", () => {
  it("shows sandbox work to every worker, production work only to members, and nothing of a requester who blocked the worker", async () => {
    const title = unique("Visibility");
    await sandbox.h.createHit({ Title: `${title} sandbox`, MaxAssignments: 3 });
    await production.h.createHit({ Title: `${title} production` });
    const worker = await sandbox.h.createWorker();

    expect((await groupsMatching(worker, title)).map((g) => g.title)).toEqual([`${title} sandbox`]);
    expect((await groupsMatching(worker, title))[0]).toMatchObject({ available: 3, rewardCents: 5, environment: "sandbox" });

    const invite = await createWorkerInvite(production.h.requesterId, {});
    expect(await joinWorkforce(invite.token, worker)).toMatchObject({ requesterName: "Test requester" });
    expect((await groupsMatching(worker, title)).map((g) => g.title).sort()).toEqual([`${title} production`, `${title} sandbox`]);

    await sandbox.client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "Test" }));
    expect((await groupsMatching(worker, title)).map((g) => g.title)).toEqual([`${title} production`]);
  });

  it("applies ActionsGuarded: discovery-guarded groups are hidden, preview-guarded ones listed without preview", async () => {
    const title = unique("Guarded");
    const requirement = (guard: "DiscoverPreviewAndAccept" | "PreviewAndAccept") => [
      { QualificationTypeId: "00000000000000000040", Comparator: "GreaterThan" as const, IntegerValues: [1000], ActionsGuarded: guard },
    ];
    await sandbox.h.createHit({ Title: `${title} hidden`, QualificationRequirements: requirement("DiscoverPreviewAndAccept") });
    await sandbox.h.createHit({ Title: `${title} listed`, QualificationRequirements: requirement("PreviewAndAccept") });
    const worker = await sandbox.h.createWorker();
    const groups = await groupsMatching(worker, title);
    expect(groups.map((g) => g.title)).toEqual([`${title} listed`]);
    expect(groups[0]!.access).toMatchObject({ discover: true, preview: false, accept: false });
    expect(groups[0]!.requirements).toEqual([{ name: expect.stringMatching(/approved/i), comparator: "greater than", values: "1000", met: false }]);
  });

  it("searches and pages in SQL", async () => {
    const title = unique("Paging");
    for (let i = 0; i < 3; i++) await sandbox.h.createHit({ Title: `${title} ${i}`, Reward: `0.0${i + 1}` });
    const worker = await sandbox.h.createWorker();
    const byReward = await findHitGroups(worker, FindWorkInput.parse({ q: title, sort: "reward" }));
    expect(byReward.groups.map((g) => g.rewardCents)).toEqual([3, 2, 1]);
    expect(byReward.hasMore).toBe(false);
    // LIKE wildcards in a search are literal.
    expect(await groupsMatching(worker, `${title.slice(0, 4)}%${title.slice(5)}`)).toEqual([]);
  });
});

describe("workforce invitations", () => {
  it("admits exactly maxUses workers however many join at once, and nobody through a revoked link", async () => {
    const invite = await createWorkerInvite(production.h.requesterId, { maxUses: 3 });
    const workers = await Promise.all(Array.from({ length: 8 }, () => production.h.createWorker()));
    const joined = await Promise.all(workers.map((w) => joinWorkforce(invite.token, w)));
    expect(joined.filter(Boolean)).toHaveLength(3);
    expect(await db.mkWorkforceMember.count({ where: { requesterId: production.h.requesterId, workerId: { in: workers } } })).toBe(3);
    const revoked = await createWorkerInvite(production.h.requesterId, {});
    expect(await revokeWorkerInvite(production.h.requesterId, revoked.id)).toBe(true);
    expect(await joinWorkforce(revoked.token, workers[7]!)).toBeNull();
  });
});

describe("externalSubmit", () => {
  it("stores form fields as MTurk does and refuses a form naming another assignment", async () => {
    const hit = await sandbox.h.createHit({ MaxAssignments: 2 });
    const [mine, theirs] = [await sandbox.h.createWorker(), await sandbox.h.createWorker()];
    const a = await acceptHit({ workerId: mine, hitId: hit.HITId! });
    const b = await acceptHit({ workerId: theirs, hitId: hit.HITId! });
    const token = taskToken({ k: "assignment", assignmentId: a.id, workerId: mine });

    const forged = await receiveExternalSubmit(token, [
      ["assignmentId", b.id],
      ["answer", "x"],
    ]);
    expect(forged.status).toBe(403);
    const ok = await receiveExternalSubmit(token, [
      ["assignmentId", a.id],
      ["answer", "yes"],
      ["tags", "a"],
      ["tags", "b"],
    ]);
    expect(ok.status).toBe(200);
    const stored = await db.mkAssignment.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored.status).toBe("Submitted");
    expect(parseQuestionFormAnswers(stored.answer!)).toEqual([
      { questionIdentifier: "answer", values: ["yes"] },
      { questionIdentifier: "tags", values: ["a|b"] },
    ]);
    // Submitting twice changes nothing.
    expect((await receiveExternalSubmit(token, [["answer", "again"]])).status).toBe(409);
    expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("Accepted");
  });

  it("validates QuestionForm answers on the server and refuses previews", async () => {
    const hit = await sandbox.h.createHit({ Question: QUESTION_FORM });
    const worker = await sandbox.h.createWorker();
    const preview = taskToken({ k: "preview", hitId: hit.HITId! });
    expect((await receiveExternalSubmit(preview, [["x", "y"]])).status).toBe(409);

    const a = await acceptHit({ workerId: worker, hitId: hit.HITId! });
    const token = taskToken({ k: "assignment", assignmentId: a.id, workerId: worker });
    const missing = await receiveExternalSubmit(token, [["assignmentId", a.id]]);
    expect(missing.status).toBe(422);
    expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("Accepted");
    expect(externalSubmitUrl(token)).toMatch(/\/task\/.+\/mturk\/externalSubmit$/);
  });

  it("refuses a tampered token", async () => {
    const token = taskToken({ k: "preview", hitId: "X" });
    const [body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ k: "assignment", assignmentId: "A", workerId: "W" })).toString("base64url");
    expect((await receiveExternalSubmit(`${forged}.${sig}`, [["a", "b"]])).status).toBe(404);
    expect(body).toBeTruthy();
  });
});

describe("task HTML", () => {
  it("points MTurk's submit URLs and the crowd elements script at HITdesk, before the requester's scripts run", () => {
    const html = `<!DOCTYPE html><html><head><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body>
      <form action="https://workersandbox.mturk.com/mturk/externalSubmit"></form><a href="https://www.mturk.com/mturk/externalSubmit">x</a></body></html>`;
    const out = prepareTaskHtml(html, { origin: "https://desk.example", submitUrl: "https://desk.example/task/T/mturk/externalSubmit" });
    expect(out).not.toMatch(/mturk\.com/);
    expect(out).toContain('src="https://desk.example/task-assets/crowd-html-elements.js"');
    expect(out).toContain('action="https://desk.example/task/T/mturk/externalSubmit"');
    expect(out.indexOf("<script>(function(){var S=")).toBeLessThan(out.indexOf("crowd-html-elements.js"));
  });

  it("turns posted fields into QuestionFormAnswers like MTurk", () => {
    const answers = answersFromSubmittedFields([
      ["assignmentId", "A"],
      ["q", "é & <b>"],
      ["multi", "1"],
      ["multi", "2"],
    ]);
    expect(buildQuestionFormAnswers(answers)).toBe(
      '<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd">' +
        "<Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>&#233; &amp; &lt;b&gt;</FreeText></Answer>" +
        "<Answer><QuestionIdentifier>multi</QuestionIdentifier><FreeText>1|2</FreeText></Answer></QuestionFormAnswers>",
    );
  });
});
