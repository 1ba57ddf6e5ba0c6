import { ListBonusPaymentsCommand, ListWorkerBlocksCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import type { JobHandler } from "@/lib/jobs/job-types";
import { controlJob } from "@/lib/jobs/job-control";
import { jobView } from "@/lib/jobs/job-view";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { registerAllJobHandlers } from "@/lib/register-job-handlers";
import { bonusJobHandler } from "@/lib/review/send-bonus";
import { batchFairness, hourlyCents, projectFairness } from "@/lib/workers/pay-fairness";
import { parseBlockCsv } from "@/lib/workers/parse-block-csv";
import { payTopUp, topUpPlan } from "@/lib/workers/top-up-plan";
import { blockJobHandler, messageBatch, messageJobHandler, startBlockCsvJob, startBlockJob, startMessageJob } from "@/lib/workers/worker-jobs";
import { useHarness } from "../marketplace/harness";
import { reviewTeam } from "../review/review-team";

// jobView and controlJob find each kind's handler as the server does after start-up.
registerAllJobHandlers();

const { h, client } = useHarness();

const HANDLERS: Record<string, JobHandler> = { [blockJobHandler.kind]: blockJobHandler, [messageJobHandler.kind]: messageJobHandler, [bonusJobHandler.kind]: bonusJobHandler };
const runJobs = (teamId: string) => runJobsOnce(HANDLERS, { teamId });

/**
 * A batch of the team whose HITs (reward $0.30) were worked by the given workers, synced, with
 * each assignment's accept → submit time set to the given seconds.
 */
async function workedBatch(work: { workerId: string; seconds: number; reject?: boolean }[]) {
  const team = await reviewTeam(h);
  const batch = await db.batch.create({
    data: {
      teamId: team.teamId,
      environment: "sandbox",
      projectId: `p-${team.teamId}`,
      projectVersionId: "v",
      name: "Sentiment run",
      columns: ["text"],
      rowCount: work.length,
      assignmentsPerRow: 1,
      estimatedCostCents: 0,
    },
  });
  const done: { assignmentId: string; workerId: string; seconds: number; reject?: boolean }[] = [];
  for (const [i, w] of work.entries()) {
    const hit = await h.createHit({ Reward: "0.30" });
    await db.batchHit.create({ data: { batchId: batch.id, rowIndex: i, part: 0, hitId: hit.HITId! } });
    done.push({ ...w, assignmentId: await h.acceptAndSubmit(hit.HITId!, w.workerId) });
  }
  await team.sync();
  for (const d of done) {
    const submitTime = new Date();
    await db.cachedAssignment.update({
      where: { teamId_environment_assignmentId: { teamId: team.teamId, environment: "sandbox", assignmentId: d.assignmentId } },
      data: { acceptTime: new Date(submitTime.getTime() - d.seconds * 1000), submitTime, ...(d.reject ? { status: "Rejected" } : {}) },
    });
  }
  return { team, batch, done };
}

describe("block CSV", () => {
  it("names the row and column of every bad cell and refuses the file whole", () => {
    const csv = ["WorkerId,Reason", "A1B2C3D4E5F6G7,Spam", "not-a-worker,Spam", "A7G6F5E4D3C2B1,", "A1B2C3D4E5F6G7,Twice"].join("\n");
    expect(parseBlockCsv(csv)).toEqual({
      ok: false,
      errors: [
        'Row 3, column WorkerId: "not-a-worker" is not a Worker ID',
        "Row 4, column Reason: empty; MTurk requires a reason for each block",
        "Row 5, column WorkerId: A1B2C3D4E5F6G7 is already on row 2",
      ],
    });
    expect(parseBlockCsv("Worker,Why\nA1B2C3D4E5F6G7,x\n")).toEqual({ ok: false, errors: ["The header needs the columns WorkerId and Reason (found: Worker, Why)"] });
    expect(parseBlockCsv('\uFEFFworkerid,REASON\r\nA1B2C3D4E5F6G7,"Copied, pasted answers"\r\n\r\n')).toEqual({ ok: true, blocks: [{ workerId: "A1B2C3D4E5F6G7", reason: "Copied, pasted answers" }] });
  });

  it("a bad file changes nothing; a good one blocks everyone in it through a job with progress", async () => {
    const team = await reviewTeam(h);
    const admin = await team.as("admin");
    const [w1, w2] = [await h.createWorker(), await h.createWorker()];
    const bad = `WorkerId,Reason\n${w1},Spam\n${w2},\n`;
    const refused = await startBlockCsvJob(admin, bad).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).message).toContain("Row 3, column Reason");
    expect(await db.job.count({ where: { teamId: team.teamId } })).toBe(0);

    const { jobId, total } = await startBlockCsvJob(admin, `WorkerId,Reason\n${w1},Spam\n${w2},Bots\n`);
    expect(total).toBe(2);
    expect(await jobView({ teamId: team.teamId, environment: "sandbox" }, jobId, "admin")).toMatchObject({ status: "queued", total: 2, done: 0 });
    await runJobs(team.teamId);
    expect(await jobView({ teamId: team.teamId, environment: "sandbox" }, jobId, "admin")).toMatchObject({ status: "succeeded", total: 2, done: 2, failed: 0, failures: [] });
    const listed = (await client.send(new ListWorkerBlocksCommand({}))).WorkerBlocks ?? [];
    expect(
      listed
        .filter((b) => b.WorkerId === w1 || b.WorkerId === w2)
        .map((b) => b.Reason)
        .sort(),
    ).toEqual(["Bots", "Spam"]);
    expect(await db.cachedWorkerBlock.count({ where: { teamId: team.teamId, forgottenAt: null } })).toBe(2);
    expect(await db.auditLog.count({ where: { teamId: team.teamId, action: { in: ["worker.block", "worker.bulk-block"] } } })).toBe(3);
    const perWorker = await db.auditLog.findMany({ where: { teamId: team.teamId, action: "worker.block" } });
    expect(perWorker.map((a) => [a.userId, a.actorEmail])).toEqual([
      [admin.user.id, admin.user.email],
      [admin.user.id, admin.user.email],
    ]);

    const unblock = await startBlockJob(admin, { action: "unblock", workerIds: [w1, w2], reason: "Appeal accepted" });
    await runJobs(team.teamId);
    expect(await jobView({ teamId: team.teamId, environment: "sandbox" }, unblock.jobId, "admin")).toMatchObject({ status: "succeeded", done: 2, failed: 0 });
    expect(await db.cachedWorkerBlock.count({ where: { teamId: team.teamId, forgottenAt: null } })).toBe(0);
  });
});

describe("messages to a batch", () => {
  it("reaches everyone who worked in it, in calls of 100, and stores the failures", async () => {
    const [w1, w2] = [await h.createWorker(), await h.createWorker()];
    const { team, batch } = await workedBatch([
      { workerId: w1, seconds: 60 },
      { workerId: w2, seconds: 60 },
      { workerId: w1, seconds: 60 },
    ]);
    const admin = await team.as("admin");
    const started = await messageBatch(admin, batch.id, { subject: "Thanks", body: "Your answers helped." });
    expect(started.total).toBe(2);
    await runJobs(team.teamId);
    expect(await jobView({ teamId: team.teamId, environment: "sandbox" }, started.jobId, "admin")).toMatchObject({ status: "succeeded", total: 2, done: 2, failed: 0 });
    const message = await db.workerMessage.findUniqueOrThrow({ where: { id: started.messageId } });
    expect([...message.workerIds].sort()).toEqual([w1, w2].sort());
    expect(message.failures).toEqual([]);
    const inbox = await db.mkWorkerMessage.findMany({ where: { workerId: { in: [w1, w2] }, subject: "Thanks" } });
    expect(inbox).toHaveLength(2);
    expect(await db.auditLog.findFirst({ where: { teamId: team.teamId, action: "worker.message", detail: { path: ["batchId"], equals: batch.id } } })).not.toBeNull();
  });
});

describe("messages to a selection", () => {
  it("go out in calls of 100 as a job; every worker MTurk could not reach is shown and stored", async () => {
    const team = await reviewTeam(h);
    const admin = await team.as("admin");
    const real = await h.createWorker();
    await h.acceptAndSubmit((await h.createHit()).HITId!, real);
    const unknown = Array.from({ length: 150 }, (_, i) => `AUNKNOWN${String(i).padStart(6, "0")}`);
    const started = await startMessageJob(admin, { workerIds: [real, ...unknown, real], subject: "Hello", body: "A note for everyone." });
    expect(started.total).toBe(151);
    expect(await db.jobItem.count({ where: { jobId: started.jobId } })).toBe(2);
    await runJobs(team.teamId);
    const job = await jobView({ teamId: team.teamId, environment: "sandbox" }, started.jobId, "admin");
    expect(job).toMatchObject({ status: "succeeded", total: 151, done: 1, failed: 150 });
    expect(job.failures[0]).toMatchObject({ item: "AUNKNOWN000000", error: expect.stringMatching(/^(Soft|Hard)Failure: /) });
    const stored = await db.workerMessage.findUniqueOrThrow({ where: { id: started.messageId } });
    expect((stored.failures as { workerId: string }[]).map((f) => f.workerId).sort()).toEqual(unknown);
    expect(await db.mkWorkerMessage.count({ where: { workerId: real, subject: "Hello" } })).toBe(1);
  });
});

describe("cancelling a bulk job", () => {
  it("stops a message before its calls are made, and the record names everyone it never reached", async () => {
    const team = await reviewTeam(h);
    const admin = await team.as("admin");
    const workerIds = Array.from({ length: 120 }, (_, i) => `ACANCEL${String(i).padStart(7, "0")}`);
    const started = await startMessageJob(admin, { workerIds, subject: "Oops", body: "Wrong list." });
    const cancelled = await controlJob(admin, started.jobId, "cancel");
    expect(cancelled).toMatchObject({ status: "cancelled", total: 120, done: 0, failed: 120 });
    expect(cancelled.failures[0]).toMatchObject({ error: expect.stringMatching(/^NotSent: /) });
    await runJobs(team.teamId);
    expect(await db.mkWorkerMessage.count({ where: { subject: "Oops", workerId: { in: workerIds } } })).toBe(0);
    const stored = await db.workerMessage.findUniqueOrThrow({ where: { id: started.messageId } });
    expect((stored.failures as unknown[]).length).toBe(120);
    await expect(controlJob(admin, started.jobId, "cancel")).rejects.toBeInstanceOf(Conflict);
    expect(await db.auditLog.count({ where: { teamId: team.teamId, action: "worker.message-cancel", target: started.jobId } })).toBe(1);
  });
});

describe("pay fairness", () => {
  it("computes $/h from the median time and the reward, bonuses apart, per batch and project", async () => {
    expect(hourlyCents(30, 120)).toBe(900);
    expect(hourlyCents(30, 0)).toBeNull();
    const [w1, w2, w3] = [await h.createWorker(), await h.createWorker(), await h.createWorker()];
    const { team, batch } = await workedBatch([
      { workerId: w1, seconds: 60 },
      { workerId: w2, seconds: 120 },
      { workerId: w3, seconds: 180 },
    ]);
    const scope = { teamId: team.teamId, environment: "sandbox" as const };
    expect(await batchFairness(scope, batch.id)).toEqual({
      assignments: 3,
      medianSeconds: 120,
      rewardCents: 30,
      hourlyCents: 900,
      bonusCents: 0,
      hourlyWithBonusCents: 900,
      minimumHourlyCents: null,
      belowMinimum: false,
    });
    await db.team.update({ where: { id: team.teamId }, data: { minimumHourlyCents: 1200 } });
    expect(await batchFairness(scope, batch.id)).toMatchObject({ minimumHourlyCents: 1200, belowMinimum: true });
    const project = await projectFairness(scope, batch.projectId);
    expect(project.all).toMatchObject({ assignments: 3, hourlyCents: 900 });
    expect(project.batches).toEqual([expect.objectContaining({ id: batch.id, belowMinimum: true })]);
  });

  it("plans the top-up per worker from their own time, previews fees, and confirming twice pays once", async () => {
    const [w1, w2, w3, w4] = [await h.createWorker(), await h.createWorker(), await h.createWorker(), await h.createWorker()];
    const { team, batch } = await workedBatch([
      { workerId: w1, seconds: 60 },
      { workerId: w1, seconds: 180 },
      { workerId: w2, seconds: 120 },
      { workerId: w3, seconds: 30 },
      { workerId: w4, seconds: 600, reject: true },
    ]);
    await db.team.update({ where: { id: team.teamId }, data: { minimumHourlyCents: 1200 } });
    const reviewer = await team.as("reviewer");
    const plan = await topUpPlan(reviewer, batch.id);
    const line = (w: string) => plan.lines.find((l) => l.workerId === w);
    // w1: 240 s at $12/h is $0.80, earned $0.60. w2: 120 s → $0.40, earned $0.30. w3 earned more than the minimum; w4's work was rejected.
    expect(line(w1)).toMatchObject({ assignments: 2, seconds: 240, rewardCents: 60, targetCents: 80, topUpCents: 20 });
    expect(line(w2)).toMatchObject({ assignments: 1, seconds: 120, rewardCents: 30, targetCents: 40, topUpCents: 10 });
    expect(line(w3)).toMatchObject({ topUpCents: 0 });
    expect(line(w4)).toBeUndefined();
    expect(plan.cost).toMatchObject({ count: 2, bonusCents: 30, feeCents: 6, totalCents: 36 });

    const limited = { ...reviewer, team: { ...reviewer.team, reviewerBonusLimitCents: 15 } };
    await expect(payTopUp(limited, batch.id, { expectedTotalCents: 36 })).rejects.toBeInstanceOf(Forbidden);
    await expect(payTopUp(reviewer, batch.id, { expectedTotalCents: 99 })).rejects.toBeInstanceOf(Conflict);

    // Two confirmations at once, and one more after: one payment per worker.
    const [a, b] = await Promise.all([payTopUp(reviewer, batch.id, { expectedTotalCents: 36 }), payTopUp(reviewer, batch.id, { expectedTotalCents: 36 })]);
    expect(a.queued + b.queued).toBe(2);
    await runJobs(team.teamId);
    expect(await payTopUp(reviewer, batch.id, { expectedTotalCents: 36 })).toMatchObject({ queued: 0, jobId: null });
    await runJobs(team.teamId);
    for (const [w, cents] of [
      [w1, "0.20"],
      [w2, "0.10"],
    ] as const) {
      const l = line(w)!;
      const paid = (await client.send(new ListBonusPaymentsCommand({ AssignmentId: l.assignmentId }))).BonusPayments ?? [];
      expect(paid.map((p) => p.BonusAmount)).toEqual([cents]);
      expect(paid[0]!.Reason).toBe("Top-up to $12.00/hour for your time on Sentiment run");
    }
    const after = await topUpPlan(reviewer, batch.id);
    expect(after.lines.filter((l) => l.topUpCents > 0)).toEqual([]);
    expect(
      after.lines
        .filter((l) => l.alreadyToppedUp)
        .map((l) => l.workerId)
        .sort(),
    ).toEqual([w1, w2].sort());
    expect(await db.auditLog.count({ where: { teamId: team.teamId, action: "batch.top-up" } })).toBeGreaterThanOrEqual(1);
    expect((await batchFairness({ teamId: team.teamId, environment: "sandbox" }, batch.id)).bonusCents).toBe(30);
  });
});
