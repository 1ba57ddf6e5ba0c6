import { GetQualificationScoreCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { createQualificationType } from "@/lib/qualifications/create-qualification-type";
import { grantByAgreement } from "@/lib/qualifications/grant-scores";
import { GrantAgreementInput } from "@/lib/qualifications/qualification-op-input";
import { QUALIFICATION_OPS_JOB, qualificationOpsHandler } from "@/lib/qualifications/qualification-ops-job";
import { QualificationTypeInput } from "@/lib/qualifications/qualification-type-input";
import { agreementOfWorker, workerAgreement } from "@/lib/review/worker-agreement";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

const label = (value: string) => buildQuestionFormAnswers([{ questionIdentifier: "label", value: { freeText: value } }]);

describe("grants by agreement", () => {
  it("measures each worker over a batch, a project or all work, previews who reaches the threshold, and grants to them as a job", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: ctx.environment };
    const [w1, w2, w3, w4] = [await sandbox.h.createWorker(), await sandbox.h.createWorker(), await sandbox.h.createWorker(), await sandbox.h.createWorker()];
    const work: [string, string][][] = [
      // HIT 1: w4 alone disagrees. HIT 2: w3 alone disagrees. HIT 3: w1 alone, so not compared.
      [
        [w1, "pos"],
        [w2, "pos"],
        [w3, "Pos "],
        [w4, "neg"],
      ],
      [
        [w1, "x"],
        [w2, "x"],
        [w3, "y"],
        [w4, "x"],
      ],
      [[w1, "anything"]],
    ];
    const hitIds: string[] = [];
    for (const answers of work) {
      const hit = await sandbox.h.createHit({ MaxAssignments: answers.length });
      hitIds.push(hit.HITId!);
      for (const [workerId, value] of answers) await sandbox.h.acceptAndSubmit(hit.HITId!, workerId, label(value));
    }
    await syncTeam(ctx.team.id, "sandbox");

    expect(await workerAgreement(scope, { kind: "all" })).toEqual([
      { workerId: [w1, w2].sort()[0], compared: 2, agreed: 2, percent: 100 },
      { workerId: [w1, w2].sort()[1], compared: 2, agreed: 2, percent: 100 },
      ...[w3, w4].sort().map((workerId) => ({ workerId, compared: 2, agreed: 1, percent: 50 })),
    ]);

    // One worker, for their profile: the HITs they answered, compared with everyone on them.
    expect(await agreementOfWorker(scope, w4)).toEqual({ workerId: w4, compared: 2, agreed: 1, percent: 50 });
    expect(await agreementOfWorker(scope, w1)).toEqual({ workerId: w1, compared: 2, agreed: 2, percent: 100 });
    expect(await agreementOfWorker(scope, await sandbox.h.createWorker())).toBeNull();

    // HIT 1 alone makes a batch of a project.
    const project = await db.project.create({ data: { teamId: ctx.team.id, name: "Sentiment" } });
    const version = await db.projectVersion.create({ data: { projectId: project.id, version: 1, design: {} } });
    const batch = await db.batch.create({
      data: { ...scope, projectId: project.id, projectVersionId: version.id, name: "Batch 1", columns: ["text"], rowCount: 1, assignmentsPerRow: 4, estimatedCostCents: 0 },
    });
    await db.batchHit.create({ data: { batchId: batch.id, rowIndex: 0, part: 0, hitId: hitIds[0]! } });
    const inBatch = await workerAgreement(scope, { kind: "batch", batchId: batch.id });
    expect(Object.fromEntries(inBatch.map((w) => [w.workerId, w.percent]))).toEqual({ [w1]: 100, [w2]: 100, [w3]: 100, [w4]: 0 });
    expect(await workerAgreement(scope, { kind: "project", projectId: project.id })).toEqual(inBatch);
    await expect(workerAgreement(scope, { kind: "batch", batchId: "nope" })).rejects.toThrow("No batch of this team");

    const { qualificationTypeId } = await createQualificationType(
      ctx,
      QualificationTypeInput.parse({ name: `Agrees ${Date.now()}`, description: "d", status: "Active", retryDelaySec: null, autoGranted: false, test: { mode: "none" } }),
    );
    const input = (over: object) => GrantAgreementInput.parse({ source: { kind: "all" }, minPercent: 75, minCompared: 2, value: 7, ...over });
    const preview = await grantByAgreement(ctx, qualificationTypeId, input({ preview: true }));
    expect(preview).toEqual({ total: 2, considered: 4, workers: [w1, w2].sort().map((workerId) => ({ workerId, compared: 2, agreed: 2, percent: 100, value: 7 })) });
    expect(await db.job.count({ where: { teamId: ctx.team.id } })).toBe(0);
    // Too few comparisons is refused before anything is sent.
    await expect(grantByAgreement(ctx, qualificationTypeId, input({ minCompared: 3 }))).rejects.toThrow("No worker has 75% agreement or more over at least 3 compared assignments");

    const granted = await grantByAgreement(ctx, qualificationTypeId, input({}));
    expect(granted).toEqual({ jobId: expect.any(String), total: 2 });
    while ((await runJobsOnce({ [QUALIFICATION_OPS_JOB]: qualificationOpsHandler }, { teamId: ctx.team.id })) > 0);
    const job = await db.job.findUniqueOrThrow({ where: { id: (granted as { jobId: string }).jobId } });
    expect([job.status, job.done, job.failed]).toEqual(["succeeded", 2, 0]);
    for (const w of [w1, w2]) expect((await sandbox.h.client.send(new GetQualificationScoreCommand({ QualificationTypeId: qualificationTypeId, WorkerId: w }))).Qualification?.IntegerValue).toBe(7);
    await expect(sandbox.h.client.send(new GetQualificationScoreCommand({ QualificationTypeId: qualificationTypeId, WorkerId: w3 }))).rejects.toThrow();
    expect(await db.auditLog.count({ where: { teamId: ctx.team.id, action: "qualification.bulk-grant-agreement" } })).toBe(1);
  });
});
