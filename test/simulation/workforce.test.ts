import { CreateHITCommand, CreateQualificationTypeCommand, CreateWorkerBlockCommand, ListAssignmentsForHITCommand, type Assignment, type HIT } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ACCEPT_ATTEMPTS_PER_STEP, ensureSimulatedWorkers, stepWorkforce, type StepReport } from "@/lib/marketplace/simulation/run-workforce";
import { updateWorkforceSettings } from "@/lib/marketplace/simulation/workforce-settings";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { parseQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { startHarness, useHarness, type Harness } from "../marketplace/harness";

// The simulated workforce against the real marketplace: HITs made and read back with the AWS
// SDK, workers working through acceptHit / submitAssignment, time moved with the test clock.

const { h, client } = useHarness();

const CATEGORIES = ["positive", "negative", "neutral"] as const;
const ANSWERS_SHAPE =
  /^<\?xml version="1\.0" encoding="ASCII"\?><QuestionFormAnswers xmlns="http:\/\/mechanicalturk\.amazonaws\.com\/AWSMechanicalTurkDataSchemas\/2005-10-01\/QuestionFormAnswers\.xsd"><Answer><QuestionIdentifier>sentiment<\/QuestionIdentifier><FreeText>(positive|negative|neutral)<\/FreeText><\/Answer><\/QuestionFormAnswers>$/;

/** A categorization task with its correct answer marked as gold. */
function categorizationQuestion(sentence: string, gold: string): string {
  const radios = CATEGORIES.map((c) => `<label><input type="radio" name="sentiment" value="${c}" required> ${c}</label>`).join("");
  return `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html>
<html><head><meta name="hitdesk:gold" content='{"sentiment": "${gold}"}'><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head>
<body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId" value="">
<p>${sentence}</p>${radios}<input type="submit"></form></body></html>]]></HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;
}

/** Every worker of the workforce gets the same habits, so the expected accuracy is known. */
async function tuneProfiles(requesterId: string, tune: { accuracy?: number; returnRate?: number; abandonRate?: number }) {
  for (const w of await ensureSimulatedWorkers(requesterId)) {
    await db.mkWorker.update({ where: { id: w.id }, data: { simulationProfile: { ...w.profile, ...tune } } });
  }
}

const count = (requesterId: string, status: string) => db.mkAssignment.count({ where: { requesterId, status } });

/** Steps the workforce, moving the clock a minute between steps, until `done` or `maxSteps`. */
async function runUntil(harness: Harness, done: () => Promise<boolean>, maxSteps: number): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (let i = 0; i < maxSteps && !(await done()); i++) {
    reports.push(await stepWorkforce(harness.requesterId));
    await harness.advanceClock(60);
  }
  return reports;
}

async function allAssignments(hitId: string): Promise<Assignment[]> {
  const out = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 100 }));
  return out.Assignments ?? [];
}

describe("a simulated workforce on a 100-assignment batch", () => {
  it("completes every assignment with the configured accuracy", { timeout: 240_000 }, async () => {
    const hits: { hit: HIT; gold: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const gold = CATEGORIES[i % 3]!;
      const hit = await h.createHit({
        MaxAssignments: 10,
        Question: categorizationQuestion(`Review number ${i}: it was ${gold}.`, gold),
        AssignmentDurationInSeconds: 600,
        LifetimeInSeconds: 7 * 86400,
      });
      hits.push({ hit, gold });
    }
    await updateWorkforceSettings(h.requesterId, { workers: 20, paused: false, seed: 4242, paceMs: 1000 });
    await tuneProfiles(h.requesterId, { accuracy: 0.8, returnRate: 0, abandonRate: 0 });

    const reports = await runUntil(h, async () => (await count(h.requesterId, "Submitted")) >= 100, 80);
    expect(await count(h.requesterId, "Submitted")).toBe(100);
    // 100 assignments, 20 workers taking one at a time, each well within its 10 minutes.
    expect(reports.length).toBeLessThan(60);
    expect(reports.reduce((s, r) => s + r.failed, 0)).toBe(0);

    const workers = new Set((await ensureSimulatedWorkers(h.requesterId)).map((w) => w.id));
    let right = 0;
    let total = 0;
    for (const { hit, gold } of hits) {
      const assignments = await allAssignments(hit.HITId!);
      expect(assignments).toHaveLength(10);
      // Ten different simulated workers on each HIT.
      expect(new Set(assignments.map((a) => a.WorkerId)).size).toBe(10);
      for (const a of assignments) {
        expect(workers.has(a.WorkerId!)).toBe(true);
        expect(a.AssignmentStatus).toBe("Submitted");
        expect(a.Answer).toMatch(ANSWERS_SHAPE);
        const [answer] = parseQuestionFormAnswers(a.Answer!);
        total++;
        if (answer!.values[0] === gold) right++;
      }
    }
    expect(total).toBe(100);
    expect(Math.abs(right / total - 0.8), `${right} of ${total} matched the gold`).toBeLessThanOrEqual(0.12);
    // Nothing is left planned once everything is submitted.
    expect(await db.mkSimulatedTask.count({ where: { requesterId: h.requesterId } })).toBe(0);
  });
});

describe("the rules people work under", () => {
  it("applies qualification requirements and blocks, and never touches another requester's HITs", { timeout: 120_000 }, async () => {
    const own = await startHarness();
    try {
      const type = await own.client.send(new CreateQualificationTypeCommand({ Name: `Expert ${Date.now()}`, Description: "Nobody has it", QualificationTypeStatus: "Active" }));
      const gated = await own.createHit({
        MaxAssignments: 3,
        QualificationRequirements: [{ QualificationTypeId: type.QualificationType!.QualificationTypeId!, Comparator: "Exists" }],
      });
      const open = await own.createHit({ MaxAssignments: 3 });
      const otherClient = await own.otherRequesterClient();
      const foreign = await otherClient.send(
        new CreateHITCommand({
          Title: "Other",
          Description: "Other requester",
          Reward: "0.05",
          LifetimeInSeconds: 3600,
          AssignmentDurationInSeconds: 600,
          MaxAssignments: 3,
          Question: categorizationQuestion("x", "positive"),
        }),
      );

      await updateWorkforceSettings(own.requesterId, { workers: 3, paused: false, seed: 77 });
      await tuneProfiles(own.requesterId, { returnRate: 0, abandonRate: 0 });
      const [blocked, ...others] = await ensureSimulatedWorkers(own.requesterId);
      await own.client.send(new CreateWorkerBlockCommand({ WorkerId: blocked!.id, Reason: "Testing blocks" }));

      await runUntil(own, async () => (await db.mkAssignment.count({ where: { hitId: open.HITId!, status: "Submitted" } })) >= 2, 40);
      // The two unblocked workers did the open HIT; then nothing more can be done, however long it runs.
      for (let i = 0; i < 5; i++) {
        await stepWorkforce(own.requesterId);
        await own.advanceClock(120);
      }
      const openWorkers = (await db.mkAssignment.findMany({ where: { hitId: open.HITId! } })).map((a) => a.workerId).sort();
      expect(openWorkers).toEqual(others.map((w) => w.id).sort());
      expect(await db.mkAssignment.count({ where: { hitId: gated.HITId! } })).toBe(0);
      expect(await db.mkAssignment.count({ where: { workerId: blocked!.id } })).toBe(0);
      expect(await db.mkAssignment.count({ where: { hitId: foreign.HIT!.HITId! } })).toBe(0);
    } finally {
      await own.close();
    }
  });

  it("lets returned and abandoned work go back to the queue, and the deadline end an abandonment", { timeout: 120_000 }, async () => {
    const own = await startHarness();
    try {
      const hit = await own.createHit({ MaxAssignments: 1, AssignmentDurationInSeconds: 300 });
      // Two workers who never finish: one returns what it takes, the other lets the deadline pass.
      await updateWorkforceSettings(own.requesterId, { workers: 2, paused: false, seed: 5 });
      const [abandoner, returner] = await ensureSimulatedWorkers(own.requesterId);
      await db.mkWorker.update({ where: { id: abandoner!.id }, data: { simulationProfile: { ...abandoner!.profile, abandonRate: 1, returnRate: 0 } } });
      await db.mkWorker.update({ where: { id: returner!.id }, data: { simulationProfile: { ...returner!.profile, abandonRate: 0, returnRate: 1 } } });
      const given = () => db.mkAssignment.count({ where: { hitId: hit.HITId!, status: { in: ["Returned", "Abandoned"] } } });
      await runUntil(own, async () => (await given()) >= 2, 30);
      const gaveUp = await db.mkAssignment.findMany({ where: { hitId: hit.HITId! } });
      expect(new Map(gaveUp.map((a) => [a.workerId, a.status]))).toEqual(
        new Map([
          [abandoner!.id, "Abandoned"],
          [returner!.id, "Returned"],
        ]),
      );
      const abandoned = gaveUp.find((a) => a.status === "Abandoned")!;
      expect((await db.mkHit.findUniqueOrThrow({ where: { id: hit.HITId! } })).status).toBe("Assignable");
      // A third worker joins and does the HIT, which went back to the queue each time.
      await updateWorkforceSettings(own.requesterId, { workers: 3 });
      const [, , finisher] = await ensureSimulatedWorkers(own.requesterId);
      await db.mkWorker.update({ where: { id: finisher!.id }, data: { simulationProfile: { ...finisher!.profile, abandonRate: 0, returnRate: 0 } } });
      await runUntil(own, async () => (await count(own.requesterId, "Submitted")) >= 1, 30);
      const submitted = await db.mkAssignment.findMany({ where: { hitId: hit.HITId!, status: "Submitted" } });
      expect(submitted.map((a) => a.workerId)).toEqual([finisher!.id]);
      expect(abandoned.deadline.getTime() - abandoned.acceptTime.getTime()).toBe(300_000);
    } finally {
      await own.close();
    }
  });
});

describe("stepping", () => {
  it("is bounded per step and carries on correctly after a crash at any point", { timeout: 240_000 }, async () => {
    const own = await startHarness();
    try {
      const big = await own.createHit({ MaxAssignments: 110, AssignmentDurationInSeconds: 600, LifetimeInSeconds: 86400 });
      await updateWorkforceSettings(own.requesterId, { workers: 120, paused: false, seed: 9 });
      await tuneProfiles(own.requesterId, { returnRate: 0, abandonRate: 0 });

      // 120 idle workers, 110 free slots: one step accepts no more than its bound.
      const first = await stepWorkforce(own.requesterId);
      expect(first.accepted).toBe(ACCEPT_ATTEMPTS_PER_STEP);
      const second = await stepWorkforce(own.requesterId);
      expect(second.accepted).toBe(110 - ACCEPT_ATTEMPTS_PER_STEP);
      // The HIT is full: a further step accepts nothing and nobody holds two assignments.
      expect((await stepWorkforce(own.requesterId)).accepted).toBe(0);
      const held = await db.mkAssignment.groupBy({ by: ["workerId"], where: { hitId: big.HITId!, status: "Accepted" }, _count: { _all: true } });
      expect(held).toHaveLength(110);
      expect(held.every((g) => g._count._all === 1)).toBe(true);

      // Crash between accept and plan: the plan is missing; the next step makes it again.
      const [lost, submittedMeanwhile] = await db.mkSimulatedTask.findMany({ where: { requesterId: own.requesterId }, take: 2 });
      await db.mkSimulatedTask.delete({ where: { assignmentId: lost!.assignmentId } });
      expect((await stepWorkforce(own.requesterId)).recovered).toBe(1);
      expect(await db.mkSimulatedTask.findUnique({ where: { assignmentId: lost!.assignmentId } })).not.toBeNull();

      // Crash between submit and clearing the plan: the work is submitted, the plan still there.
      const a = await db.mkAssignment.findUniqueOrThrow({ where: { id: submittedMeanwhile!.assignmentId } });
      const answerXml = `<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer><QuestionIdentifier>answer</QuestionIdentifier><FreeText>before the crash</FreeText></Answer></QuestionFormAnswers>`;
      await submitAssignment({ assignmentId: a.id, workerId: a.workerId, answerXml });
      await db.mkSimulatedTask.update({ where: { assignmentId: a.id }, data: { dueAt: new Date(0) } });
      const afterCrash = await stepWorkforce(own.requesterId);
      expect(afterCrash.dropped).toBe(1);
      expect(afterCrash.failed).toBe(0);
      expect((await db.mkAssignment.findUniqueOrThrow({ where: { id: a.id } })).answer).toBe(answerXml);

      // Run to the end: every slot filled exactly once, each worker at most once, nothing left over.
      await runUntil(own, async () => (await count(own.requesterId, "Submitted")) >= 110, 60);
      const done = await db.mkAssignment.findMany({ where: { hitId: big.HITId! } });
      expect(done.filter((x) => x.status === "Submitted")).toHaveLength(110);
      expect(new Set(done.map((x) => x.workerId)).size).toBe(done.length);
      expect(done.filter((x) => x.status === "Submitted" && x.id !== a.id).every((x) => x.answer?.includes("<QuestionIdentifier>answer</QuestionIdentifier>"))).toBe(true);
      expect(await db.mkSimulatedTask.count({ where: { requesterId: own.requesterId } })).toBe(0);
    } finally {
      await own.close();
    }
  });

  it("does nothing while paused", async () => {
    const own = await startHarness();
    try {
      await own.createHit({});
      await updateWorkforceSettings(own.requesterId, { workers: 2, paused: true, seed: 1 });
      const report = await stepWorkforce(own.requesterId);
      expect(report.accepted).toBe(0);
      expect(await db.mkAssignment.count({ where: { requesterId: own.requesterId } })).toBe(0);
      await updateWorkforceSettings(own.requesterId, { paused: false });
      expect((await stepWorkforce(own.requesterId)).accepted).toBe(1);
    } finally {
      await own.close();
    }
  });
});
