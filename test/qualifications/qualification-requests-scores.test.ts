import { GetQualificationScoreCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { requestQualification } from "@/lib/marketplace/work/request-qualification";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { createQualificationType } from "@/lib/qualifications/create-qualification-type";
import { getQualificationType } from "@/lib/qualifications/get-qualification-type";
import { grantScoresFromCsv } from "@/lib/qualifications/grant-scores";
import { listQualificationRequests } from "@/lib/qualifications/list-qualification-requests";
import { listQualificationScores } from "@/lib/qualifications/list-qualification-scores";
import { QualificationTypeInput } from "@/lib/qualifications/qualification-type-input";
import { QUALIFICATION_OPS_JOB, qualificationOpsHandler, runQualificationOps } from "@/lib/qualifications/qualification-ops-job";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

const test = {
  mode: "builder",
  questions: [
    {
      identifier: "colour",
      text: "Sky colour?",
      kind: "single",
      choices: [
        { identifier: "blue", text: "Blue", correct: true },
        { identifier: "green", text: "Green" },
      ],
    },
    { identifier: "why", text: "Why?", kind: "text" },
  ],
  autoScore: true,
  mapping: { kind: "percentage" },
  durationSec: 600,
} as const;

async function setup(autoScore: boolean) {
  const ctx = await teamOnHarness(sandbox.h);
  const input = QualificationTypeInput.parse({ name: `Q ${Date.now()}`, description: "d", status: "Active", retryDelaySec: 0, autoGranted: false, test: { ...test, autoScore } });
  const { qualificationTypeId } = await createQualificationType(ctx, input);
  return { ctx, qualificationTypeId };
}

const answers = (colour: string) =>
  buildQuestionFormAnswers([
    { questionIdentifier: "colour", value: { selections: [colour] } },
    { questionIdentifier: "why", value: { freeText: "Rayleigh" } },
  ]);

describe("qualification requests and scores", () => {
  it("shows pending requests with readable answers and the kept key's score; accepts one at once and rejects another", async () => {
    const { ctx, qualificationTypeId } = await setup(false);
    const [w1, w2] = [await sandbox.h.createWorker(), await sandbox.h.createWorker()];
    await requestQualification({ workerId: w1, qualificationTypeId, answerXml: answers("blue") });
    await requestQualification({ workerId: w2, qualificationTypeId, answerXml: answers("green") });
    await syncTeam(ctx.team.id, "sandbox", { qualifications: "now" });
    const scope = { teamId: ctx.team.id, environment: ctx.environment };
    const requests = await listQualificationRequests(scope, qualificationTypeId, await getQualificationType(ctx.team.id, "sandbox", qualificationTypeId));
    expect(requests.map((r) => [r.workerId, r.answers, r.score])).toEqual([
      [
        w1,
        [
          { question: "Sky colour?", answer: "Blue" },
          { question: "Why?", answer: "Rayleigh" },
        ],
        100,
      ],
      [
        w2,
        [
          { question: "Sky colour?", answer: "Green" },
          { question: "Why?", answer: "Rayleigh" },
        ],
        0,
      ],
    ]);

    expect(await runQualificationOps(ctx, qualificationTypeId, [{ op: "accept", requestId: requests[0]!.requestId, value: 80 }])).toEqual({ outcome: `Accepted ${w1} with 80`, total: 1 });
    await runQualificationOps(ctx, qualificationTypeId, [{ op: "reject", requestId: requests[1]!.requestId, reason: "Wrong colour" }]);
    const score = await sandbox.h.client.send(new GetQualificationScoreCommand({ QualificationTypeId: qualificationTypeId, WorkerId: w1 }));
    expect(score.Qualification?.IntegerValue).toBe(80);
    expect(await listQualificationRequests(scope, qualificationTypeId, { testXml: null, answerKeyXml: null })).toEqual([]);
    expect((await listQualificationScores(scope, qualificationTypeId, "Granted")).rows).toEqual([expect.objectContaining({ workerId: w1, value: 80 })]);
    // A repeat (a job item after a crash) is reported, not failed.
    const again = await qualificationOpsHandler.processItem(
      { jobId: "x", teamId: ctx.team.id, environment: "sandbox", options: { qualificationTypeId }, createdById: null },
      { op: "accept", requestId: requests[0]!.requestId, value: 80 },
      0,
    );
    expect(again).toEqual({ outcome: expect.stringMatching(/^Already decided or withdrawn/) });
  });

  it("runs bulk grants and revokes as a durable job whose items can run twice", async () => {
    const { ctx, qualificationTypeId } = await setup(true);
    const workers = [await sandbox.h.createWorker(), await sandbox.h.createWorker(), await sandbox.h.createWorker()];
    const { jobId } = await runQualificationOps(
      ctx,
      qualificationTypeId,
      workers.map((workerId, i) => ({ op: "grant" as const, workerId, value: 10 * (i + 1), notify: false })),
    );
    while ((await runJobsOnce({ [QUALIFICATION_OPS_JOB]: qualificationOpsHandler }, { teamId: ctx.team.id })) > 0);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect([job.status, job.done, job.failed]).toEqual(["succeeded", 3, 0]);
    const jobCtx = { jobId: jobId!, teamId: ctx.team.id, environment: "sandbox" as const, options: { qualificationTypeId }, createdById: null };
    // Every item again, as after a crash before its result was recorded: same end state, no failure.
    for (const [seq, workerId] of workers.entries()) await qualificationOpsHandler.processItem(jobCtx, { op: "grant", workerId, value: 10 * (seq + 1), notify: false }, seq);
    const scope = { teamId: ctx.team.id, environment: ctx.environment };
    expect((await listQualificationScores(scope, qualificationTypeId, "Granted")).rows.map((r) => r.value).sort()).toEqual([10, 20, 30]);

    await runQualificationOps(ctx, qualificationTypeId, [
      { op: "revoke", workerId: workers[0]!, reason: "Left" },
      { op: "revoke", workerId: workers[1]!, reason: "Left" },
    ]);
    while ((await runJobsOnce({ [QUALIFICATION_OPS_JOB]: qualificationOpsHandler }, { teamId: ctx.team.id })) > 0);
    const twice = await qualificationOpsHandler.processItem(jobCtx, { op: "revoke", workerId: workers[0]!, reason: "Left" }, 0);
    expect(twice).toEqual({ outcome: expect.stringMatching(/^Not held/) });
    expect((await listQualificationScores(scope, qualificationTypeId, "Granted")).rows.map((r) => r.workerId)).toEqual([workers[2]]);
    expect((await listQualificationScores(scope, qualificationTypeId, "Revoked")).total).toBe(2);
  });

  it("refuses a scores CSV with a bad row whole: nothing is sent", async () => {
    const { ctx, qualificationTypeId } = await setup(true);
    const good = await sandbox.h.createWorker();
    await expect(grantScoresFromCsv(ctx, qualificationTypeId, { csv: `WorkerId,Value\n${good},5\nbogus,7\n`, notify: false, preview: false })).rejects.toThrow(
      'The CSV was not used: Row 3: "bogus" is not a Worker ID',
    );
    expect(await db.job.count({ where: { teamId: ctx.team.id } })).toBe(0);
    expect((await listQualificationScores({ teamId: ctx.team.id, environment: "sandbox" }, qualificationTypeId, "Granted")).total).toBe(0);
  });
});
