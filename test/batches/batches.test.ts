import { ApproveAssignmentCommand, RejectAssignmentCommand, paginateListHITs } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { planBatch } from "@/lib/batches/plan-batch";
import { batchWork } from "@/lib/batches/batch-work";
import { previewBatch, startBatch } from "@/lib/batches/create-batch";
import { db } from "@/lib/db";
import { Invalid } from "@/lib/errors";
import { jobView } from "@/lib/jobs/job-view";
import { registerAllJobHandlers } from "@/lib/register-job-handlers";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { setRequesterFaults } from "@/lib/marketplace/faults";
import { AWS_FEE_SCHEDULE } from "@/lib/mturk-formats/fees";
import type { ProjectDesign } from "@/lib/projects/project-design";
import { createProject } from "@/lib/projects/projects";
import { findTemplate } from "@/lib/projects/templates";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { syncAccount } from "@/lib/sync/sync-account";
import { useHarness, type Harness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

// jobView and controlJob find each kind's handler as the server does after start-up.
registerAllJobHandlers();

const sandbox = useHarness({ environment: "sandbox" });
const production = useHarness({ environment: "production" });
const handlers = { [BATCH_CREATE_JOB]: batchCreateHandler };

const sentiment = findTemplate("sentiment")!.design;
const csvOf = (n: number, column = "text") => `${column}\n` + Array.from({ length: n }, (_, i) => `"Review number ${i + 1}, quite ""good"""`).join("\n") + "\n";

async function hitsOf(h: Harness): Promise<{ HITId?: string; RequesterAnnotation?: string; MaxAssignments?: number }[]> {
  const all = [];
  for await (const page of paginateListHITs({ client: h.client, pageSize: 100 }, {})) all.push(...(page.HITs ?? []));
  return all;
}

describe("planning a batch", () => {
  const opts = { split: false, schedule: AWS_FEE_SCHEDULE, masters: false };

  it("names the missing column, the empty row and the bad value, and plans nothing", () => {
    expect(planBatch(sentiment, "review\nhello\n", opts).problems).toEqual([{ column: "text", message: 'The task uses ${text} but the file has no "text" column' }]);
    const withEmpty = planBatch(sentiment, "text,extra\nfine,1\n,\nshort\n", { ...opts });
    expect(withEmpty.problems).toEqual([
      { row: 2, message: "Row 2 (line 3) is empty" },
      { row: 3, message: "Row 3 (line 4) has 1 fields; the header has 2" },
    ]);
    expect(withEmpty.rows).toEqual([]);
    const survey: ProjectDesign = { ...sentiment, task: { kind: "ExternalQuestion", url: "${link}", frameHeight: 600 } };
    const bad = planBatch(survey, "link\nhttps://ok.example/a\nnot a url\n", opts);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ row: 2, column: "link" });
    expect(bad.problems[0]!.message).toMatch(/^Row 2, column "link": .*https URL/);
    expect(planBatch(sentiment, 'text\n"never closed\n', opts).problems[0]!.message).toMatch(/^Line 2: /);
  });

  it("estimates to the cent with MTurk's fees, points out the 10+ surcharge and prices the split", () => {
    const design: ProjectDesign = { ...sentiment, reward: "0.05", assignmentsPerHit: 12 };
    const plan = planBatch(design, csvOf(10), opts);
    // 0.05 × 12 × 10 = $6.00 rewards; fee 40% of $0.05 = $0.02 per assignment → $2.40.
    expect(plan.estimate).toMatchObject({ hits: 10, assignments: 120, rewardsCents: 600, feesCents: 240, totalCents: 840 });
    // Split 12 → 6 + 6: fee 20% of $0.05 = $0.01 per assignment → $1.20.
    expect(plan.estimate.splitAlternative).toEqual({ hitsPerRow: 2, totalCents: 720, savingsCents: 120 });
    const split = planBatch(design, csvOf(10), { ...opts, split: true });
    expect(split.hitAssignments).toEqual([6, 6]);
    expect(split.estimate).toMatchObject({ hits: 20, assignments: 120, totalCents: 720 });
    // Half-up rounding: 20% of $0.13 = 2.6¢ → 3¢.
    expect(planBatch({ ...sentiment, reward: "0.13", assignmentsPerHit: 1 }, csvOf(1), opts).estimate.feesCents).toBe(3);
  });
});

describe("running a batch", () => {
  it("creates every HIT exactly once, even when items run again after a crash or faults hit", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const { id: projectId } = await createProject(ctx, { name: "Sentiment", design: { ...sentiment, assignmentsPerHit: 2 } });
    const preview = await previewBatch(ctx, { projectId, name: "Reviews", csv: csvOf(30), split: false });
    expect(preview).toMatchObject({ rowCount: 30, problems: [], estimate: { hits: 30, assignments: 60 } });
    expect(preview.samples[0]!.html).toContain("Review number 1, quite &quot;good&quot;");

    await setRequesterFaults(sandbox.h.requesterId, { serviceFaultRate: 0.1 });
    const { batchId, jobId } = await startBatch(ctx, { projectId, name: "Reviews", csv: csvOf(30), split: false });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    expect(await jobView({ teamId: ctx.team.id, environment: "sandbox" }, jobId, "viewer")).toMatchObject({ status: "succeeded", done: 30, failed: 0 });

    // A crash after the calls but before the outcomes were recorded: everything runs again.
    await db.jobItem.updateMany({ where: { jobId }, data: { status: "pending" } });
    await db.batchHit.deleteMany({ where: { batchId } });
    await db.job.update({ where: { id: jobId }, data: { status: "queued", done: 0 } });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    await setRequesterFaults(sandbox.h.requesterId, {});

    const hits = (await hitsOf(sandbox.h)).filter((h) => h.RequesterAnnotation?.startsWith(`hitdesk:batch=${batchId};`));
    expect(hits).toHaveLength(30);
    expect(new Set(hits.map((h) => h.RequesterAnnotation)).size).toBe(30);
    expect(await db.batchHit.count({ where: { batchId } })).toBe(30);
    expect(new Set((await db.batchHit.findMany({ where: { batchId } })).map((b) => b.hitId))).toEqual(new Set(hits.map((h) => h.HITId)));
  });

  it("counts the batch's work by where it stands, and says its HITs were created", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    const { id: projectId } = await createProject(ctx, { name: "Counted", design: { ...sentiment, assignmentsPerHit: 2 } });
    const { batchId, jobId } = await startBatch(ctx, { projectId, name: "Counted", csv: csvOf(3), split: false });
    expect((await batchWork(scope, [batchId])).get(batchId)).toMatchObject({ hits: 0, assignments: 0, syncedAt: null });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    expect(await jobView(scope, jobId, "viewer")).toMatchObject({ status: "succeeded", done: 3, unit: "HITs", doneAs: "created" });

    // Of 6 assignments: 1 approved, 1 rejected, 1 waiting for review, 1 accepted, 2 never accepted.
    const [a, b] = await db.batchHit.findMany({ where: { batchId }, orderBy: { rowIndex: "asc" } });
    const approved = await sandbox.h.acceptAndSubmit(a!.hitId, await sandbox.h.createWorker());
    const rejected = await sandbox.h.acceptAndSubmit(a!.hitId, await sandbox.h.createWorker());
    await sandbox.h.acceptAndSubmit(b!.hitId, await sandbox.h.createWorker());
    await acceptHit({ workerId: await sandbox.h.createWorker(), hitId: b!.hitId });
    await sandbox.h.client.send(new ApproveAssignmentCommand({ AssignmentId: approved }));
    await sandbox.h.client.send(new RejectAssignmentCommand({ AssignmentId: rejected, RequesterFeedback: "Off topic" }));
    await syncAccount({ teamId: ctx.team.id, environment: "sandbox", client: sandbox.h.client });

    const work = (await batchWork(scope, [batchId, "no-such-batch"])).get(batchId)!;
    expect(work).toMatchObject({ hits: 3, assignments: 6, approved: 1, rejected: 1, submitted: 1, working: 1, available: 2 });
    expect(work.syncedAt).toBeInstanceOf(Date);
    // Another team's view of the same batch id holds nothing.
    const stranger = await teamOnHarness(sandbox.h);
    expect((await batchWork({ teamId: stranger.team.id, environment: "sandbox" }, [batchId])).get(batchId)).toMatchObject({ hits: 0, assignments: 0 });
  });

  it("excludes the workers of earlier batches from a new one", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const { id: projectId } = await createProject(ctx, { name: "Once only", design: { ...sentiment, assignmentsPerHit: 1 } });
    const first = await startBatch(ctx, { projectId, name: "First", csv: csvOf(2) });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    const [firstHit] = await db.batchHit.findMany({ where: { batchId: first.batchId } });
    const veteran = await sandbox.h.createWorker();
    await sandbox.h.acceptAndSubmit(firstHit!.hitId, veteran);
    await syncAccount({ teamId: ctx.team.id, environment: "sandbox", client: sandbox.h.client });

    const second = await startBatch(ctx, { projectId, name: "Second", csv: csvOf(2), excludeBatchIds: [first.batchId] });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    const [secondHit] = await db.batchHit.findMany({ where: { batchId: second.batchId } });
    await expect(acceptHit({ workerId: veteran, hitId: secondHit!.hitId })).rejects.toThrow(/qualification requirements/);
    const newcomer = await sandbox.h.createWorker();
    expect((await acceptHit({ workerId: newcomer, hitId: secondHit!.hitId })).status).toBe("Accepted");
    expect(await db.auditLog.findFirst({ where: { teamId: ctx.team.id, action: "batch.exclude_workers" } })).toMatchObject({ detail: { workers: 1 } });
  });

  it("refuses a bad file, an unconfirmed production batch and one the balance cannot cover, creating nothing", async () => {
    const ctx = { ...(await teamOnHarness(production.h)), environment: "production" as const };
    const { id: projectId } = await createProject(ctx, { name: "Prod", design: sentiment });
    const before = await db.batch.count({ where: { teamId: ctx.team.id } });

    const bad = await startBatch(ctx, { projectId, name: "Bad", csv: "text\nok\n\nfine\n", split: false }).catch((e: Invalid) => e);
    expect(bad).toBeInstanceOf(Invalid);
    expect((bad as Invalid).details).toEqual([{ row: 2, message: "Row 2 (line 3) is empty" }]);

    await expect(startBatch(ctx, { projectId, name: "Unconfirmed", csv: csvOf(5), split: false })).rejects.toThrow("Type 5 to confirm creating 5 production HITs");
    // The built-in production marketplace starts at $0.00.
    await expect(startBatch(ctx, { projectId, name: "Broke", csv: csvOf(5), split: false, confirmation: "5" })).rejects.toThrow(/balance is \$0\.00; this batch may cost up to \$0\.\d\d/);
    expect(await db.batch.count({ where: { teamId: ctx.team.id } })).toBe(before);
  });
});
