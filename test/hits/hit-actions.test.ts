import { ApproveAssignmentCommand, GetHITCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { BatchInput } from "@/lib/batches/batch-input";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { startBatch } from "@/lib/batches/create-batch";
import { db } from "@/lib/db";
import { HIT_SORTS, hitCursorParam, HitListQuery } from "@/lib/hits/hit-filter";
import { actOnHit, hitActionHandler, HIT_ACTION_JOB, startHitActionJob } from "@/lib/hits/hit-action-job";
import { copyHitAsProject } from "@/lib/hits/copy-hit-as-project";
import { listHits } from "@/lib/hits/list-hits";
import { jobView } from "@/lib/jobs/job-view";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { setRequesterFaults } from "@/lib/marketplace/faults";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { createProject, getProject } from "@/lib/projects/projects";
import { findTemplate } from "@/lib/projects/templates";
import { registerAllJobHandlers } from "@/lib/register-job-handlers";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

// jobView and controlJob find each kind's handler as the server does after start-up.
registerAllJobHandlers();

const sandbox = useHarness({ environment: "sandbox" });
const handlers = { [BATCH_CREATE_JOB]: batchCreateHandler, [HIT_ACTION_JOB]: hitActionHandler };
const sentiment = findTemplate("sentiment")!.design;
const csvOf = (n: number) => "text\n" + Array.from({ length: n }, (_, i) => `Review ${i + 1}`).join("\n") + "\n";

/** A team with a synced batch of n HITs and one HIT made outside HITdesk. */
async function teamWithBatch(n: number) {
  const ctx = await teamOnHarness(sandbox.h);
  const { id: projectId } = await createProject(ctx, { name: "Sentiment", design: { ...sentiment, assignmentsPerHit: 1 } });
  const { batchId } = await startBatch(ctx, BatchInput.parse({ projectId, name: "Reviews", csv: csvOf(n) }));
  await runJobsOnce(handlers, { teamId: ctx.team.id });
  const outside = await sandbox.h.createHit({ Title: "Made elsewhere", RequesterAnnotation: "legacy-script" });
  await syncTeam(ctx.team.id, "sandbox");
  return { ctx, scope: { teamId: ctx.team.id, environment: "sandbox" as const }, projectId, batchId, outsideHitId: outside.HITId! };
}

const query = (q: Record<string, unknown>) => HitListQuery.parse(q);
const getHit = async (hitId: string) => (await sandbox.client.send(new GetHITCommand({ HITId: hitId }))).HIT!;

describe("the HITs list", () => {
  it("lists every cached HIT, filters by batch, project, annotation, title and status, sorts and paginates", async () => {
    const { scope, batchId, projectId, outsideHitId } = await teamWithBatch(55);
    const all = await listHits(scope, query({}));
    expect(all).toMatchObject({ total: 56, totalCapped: false, start: 0, previous: null });
    expect(all.items).toHaveLength(50);
    expect((await listHits(scope, query({ after: hitCursorParam(all.next!) }))).items).toHaveLength(6);
    expect((await listHits(scope, query({ batch: batchId }))).total).toBe(55);
    expect((await listHits(scope, query({ project: projectId }))).total).toBe(55);
    const legacy = await listHits(scope, query({ annotation: "legacy" }));
    expect(legacy.items.map((h) => h.hitId)).toEqual([outsideHitId]);
    expect(legacy.items[0]).toMatchObject({ batchId: null, title: "Made elsewhere" });
    expect((await listHits(scope, query({ title: "elsewhere" }))).total).toBe(1);
    expect((await listHits(scope, query({ status: "Reviewable" }))).total).toBe(0);
    const byTitle = await listHits(scope, query({ sort: "title", dir: "asc" }));
    expect(byTitle.items[0]!.title).toBe("Made elsewhere");
    expect(byTitle.items[1]).toMatchObject({ batchId, batchName: "Reviews" });
  });

  it("counts each HIT's work waiting for review, which MTurk's own counters leave out", async () => {
    const { scope, outsideHitId } = await teamWithBatch(1);
    const assignmentId = await sandbox.h.acceptAndSubmit(outsideHitId, await sandbox.h.createWorker());
    await syncTeam(scope.teamId, "sandbox");
    const legacy = async () => (await listHits(scope, query({ annotation: "legacy" }))).items[0];
    expect(await legacy()).toMatchObject({ assignmentsCompleted: 0, assignmentsSubmitted: 1, maxAssignments: 1 });
    await sandbox.client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    await syncTeam(scope.teamId, "sandbox");
    expect(await legacy()).toMatchObject({ assignmentsCompleted: 1, assignmentsSubmitted: 0 });
  });

  it("walks every sort both ways by cursor: the same HITs in the same order, none twice, none missed", async () => {
    // The team may hold HITs of earlier tests too: at least 121, many sharing a creation time, reward and status.
    const { scope } = await teamWithBatch(120);
    for (const sort of HIT_SORTS)
      for (const dir of ["asc", "desc"] as const) {
        const forward: string[] = [];
        const starts: (number | null)[] = [];
        let page = await listHits(scope, query({ sort, dir }));
        const total = page.total;
        for (;;) {
          starts.push(page.start);
          forward.push(...page.items.map((h) => h.hitId));
          if (!page.next) break;
          page = await listHits(scope, query({ sort, dir, after: hitCursorParam(page.next) }));
        }
        expect(forward, `${sort} ${dir}`).toHaveLength(total);
        expect(new Set(forward).size).toBe(total);
        expect(starts).toEqual(Array.from({ length: Math.ceil(total / 50) }, (_, i) => i * 50));
        const backward: string[] = [];
        page = await listHits(scope, query({ sort, dir, last: "1" }));
        expect(page.start).toBe(total - 50);
        for (;;) {
          backward.unshift(...page.items.map((h) => h.hitId));
          if (!page.previous) break;
          page = await listHits(scope, query({ sort, dir, before: hitCursorParam(page.previous) }));
        }
        // Walking back from the last page ends on the full first page.
        expect(page.start).toBe(0);
        expect(page.items).toHaveLength(50);
        expect(new Set(backward)).toEqual(new Set(forward));
        expect(backward.slice(-50)).toEqual(forward.slice(-50));
        expect(backward.slice(0, 50)).toEqual(forward.slice(0, 50));
      }
    const mangled = await listHits(scope, query({ sort: "created", after: "not-a-time~X" }));
    expect(mangled).toMatchObject({ start: 0, previous: null });
  });
});

describe("bulk HIT actions", () => {
  it("expires every HIT matching a filter as a job, and the cache shows it", async () => {
    const { ctx, scope, batchId } = await teamWithBatch(4);
    const { jobId, total } = await startHitActionJob(ctx, { action: { kind: "expire" }, filter: { batch: batchId } });
    expect(total).toBe(4);
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    expect(await jobView(scope, jobId, "viewer")).toMatchObject({ kind: HIT_ACTION_JOB, status: "succeeded", done: 4, failed: 0 });
    const listed = await listHits(scope, query({ batch: batchId }));
    expect(listed.items.every((h) => h.status === "Reviewable" && new Date(h.expiresAt) < new Date())).toBe(true);
  });

  it("adds assignments once even when the job runs its items again after a crash, through service faults", async () => {
    const { ctx, scope, batchId } = await teamWithBatch(3);
    const hitIds = (await listHits(scope, query({ batch: batchId }))).items.map((h) => h.hitId);
    await setRequesterFaults(sandbox.h.requesterId, { serviceFaultRate: 0.2 });
    const { jobId } = await startHitActionJob(ctx, { action: { kind: "addAssignments", count: 2 }, hitIds });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    // The crash: calls made, outcomes lost.
    await db.jobItem.updateMany({ where: { jobId }, data: { status: "pending" } });
    await db.job.update({ where: { id: jobId }, data: { status: "queued", done: 0 } });
    await runJobsOnce(handlers, { teamId: ctx.team.id });
    await setRequesterFaults(sandbox.h.requesterId, {});
    expect(await jobView(scope, jobId, "viewer")).toMatchObject({ status: "succeeded", done: 3, failed: 0 });
    for (const hitId of hitIds) expect((await getHit(hitId)).MaxAssignments).toBe(3);
    const cached = await db.cachedHit.findMany({ where: { ...scope, hitId: { in: hitIds } } });
    expect(cached.map((h) => h.maxAssignments)).toEqual([3, 3, 3]);
  });

  it("extends to an absolute time, changes the HIT type, and explains why a HIT cannot be deleted", async () => {
    const { ctx, scope, batchId } = await teamWithBatch(2);
    const [first, second] = (await listHits(scope, query({ batch: batchId, sort: "created", dir: "asc" }))).items.map((h) => h.hitId);

    const notExpired = await actOnHit(ctx, first!, { kind: "delete" }, undefined).catch((e: Error) => e);
    expect((notExpired as Error).message).toBe("Cannot delete this HIT. It is not expired or reviewable: expire it first, then delete it.");

    const worker = await sandbox.h.createWorker();
    await sandbox.h.acceptAndSubmit(second!, worker, buildQuestionFormAnswers([{ questionIdentifier: "taskAnswers", value: { freeText: "[]" } }]));
    await actOnHit(ctx, second!, { kind: "expire" }, undefined);
    const undecided = await actOnHit(ctx, second!, { kind: "delete" }, undefined).catch((e: Error) => e);
    expect((undecided as Error).message).toBe("Cannot delete this HIT. It has 1 assignment that is not approved or rejected yet: decide it in Review first.");

    const before = await getHit(first!);
    await actOnHit(ctx, first!, { kind: "extend", hours: 24 * 30 }, undefined);
    expect((await getHit(first!)).Expiration!.getTime()).toBeGreaterThan(before.Expiration!.getTime());

    const changed = await actOnHit(ctx, first!, { kind: "changeType", reward: "0.25", title: "Better paid" }, undefined);
    const after = await getHit(first!);
    expect(after).toMatchObject({ Reward: "0.25", Title: "Better paid" });
    expect(after.HITTypeId).not.toBe(before.HITTypeId);
    expect(changed.outcome).toBe(`Now of HIT type ${after.HITTypeId}`);
    expect(await db.cachedHit.findUniqueOrThrow({ where: { teamId_environment_hitId: { ...scope, hitId: first! } } })).toMatchObject({
      rewardCents: 25,
      title: "Better paid",
      hitTypeId: after.HITTypeId,
    });

    await actOnHit(ctx, first!, { kind: "expire" }, undefined);
    expect(await actOnHit(ctx, first!, { kind: "delete" }, undefined)).toEqual({ outcome: "Deleted" });
    expect((await db.cachedHit.findUniqueOrThrow({ where: { teamId_environment_hitId: { ...scope, hitId: first! } } })).forgottenAt).toBeInstanceOf(Date);
  });

  it("copies a HIT's task and properties into a new project", async () => {
    const { ctx, scope, batchId } = await teamWithBatch(1);
    const [hit] = (await listHits(scope, query({ batch: batchId }))).items;
    const { projectId, name } = await copyHitAsProject(ctx, hit!.hitId);
    const project = await getProject(ctx.team.id, projectId);
    expect(name).toBe(`Copy of ${sentiment.title}`);
    expect(project.design).toMatchObject({ title: sentiment.title, reward: sentiment.reward, assignmentDurationSeconds: sentiment.assignmentDurationSeconds, task: { kind: "HTMLQuestion" } });
    expect(project.design.task.kind === "HTMLQuestion" && project.design.task.html).toContain("Review 1");
  });
});
