import { describe, expect, it } from "vitest";
import { BatchInput } from "@/lib/batches/batch-input";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { startBatch } from "@/lib/batches/create-batch";
import { db } from "@/lib/db";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { createProject } from "@/lib/projects/projects";
import { findTemplate } from "@/lib/projects/templates";
import { listReviewQueue, matchingAssignmentIds } from "@/lib/review/list-review-queue";
import { QueueFilter } from "@/lib/review/review-inputs";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

describe("review queue by project and batch", () => {
  it("lists only the work of the chosen batch or project, and bulk actions take the same set", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    const design = { ...findTemplate("sentiment")!.design, assignmentsPerHit: 1 };
    const { id: projectA } = await createProject(ctx, { name: "Project A", design });
    const { id: projectB } = await createProject(ctx, { name: "Project B", design });
    const a1 = await startBatch(ctx, BatchInput.parse({ projectId: projectA, name: "A1", csv: "text\none\ntwo\n" }));
    const a2 = await startBatch(ctx, BatchInput.parse({ projectId: projectA, name: "A2", csv: "text\nthree\n" }));
    const b1 = await startBatch(ctx, BatchInput.parse({ projectId: projectB, name: "B1", csv: "text\nfour\n" }));
    await runJobsOnce({ [BATCH_CREATE_JOB]: batchCreateHandler }, { teamId: ctx.team.id });
    // A HIT created outside HITdesk belongs to no batch.
    const outside = await sandbox.h.createHit({ Title: "Made elsewhere" });

    const worker = await sandbox.h.createWorker();
    const answer = buildQuestionFormAnswers([{ questionIdentifier: "taskAnswers", value: { freeText: JSON.stringify([{ sentiment: { label: "Positive" } }]) } }]);
    const byBatch = new Map<string, string[]>();
    for (const { batchId } of [a1, a2, b1]) {
      for (const { hitId } of await db.batchHit.findMany({ where: { batchId } })) {
        byBatch.set(batchId, [...(byBatch.get(batchId) ?? []), await sandbox.h.acceptAndSubmit(hitId, worker, answer)]);
      }
    }
    await sandbox.h.acceptAndSubmit(outside.HITId!, worker, answer);
    await syncTeam(ctx.team.id, "sandbox");

    const ids = async (filter: Record<string, string>) => (await listReviewQueue(scope, QueueFilter.parse(filter), { limit: 50 })).items.map((i) => i.assignmentId).sort();
    expect(await ids({})).toHaveLength(5);
    expect(await ids({ batch: a1.batchId })).toEqual([...byBatch.get(a1.batchId)!].sort());
    expect(await ids({ project: projectA })).toEqual([...byBatch.get(a1.batchId)!, ...byBatch.get(a2.batchId)!].sort());
    expect(await ids({ project: projectB })).toEqual(byBatch.get(b1.batchId));
    // A batch of another project matches nothing: both conditions hold at once.
    expect(await ids({ project: projectB, batch: a1.batchId })).toEqual([]);
    expect((await matchingAssignmentIds(scope, QueueFilter.parse({ project: projectA }))).sort()).toEqual(await ids({ project: projectA }));

    // Each row carries what its HIT was made from (the CSV row), so similar HITs can be told apart.
    const items = (await listReviewQueue(scope, QueueFilter.parse({}), { limit: 50 })).items;
    expect(items.map((i) => i.inputs?.fields.map((f) => `${f.name}=${f.value}`).join() ?? null).sort()).toEqual([null, "text=four", "text=one", "text=three", "text=two"]);
    expect(items.find((i) => i.inputs?.fields[0]?.value === "one")!.inputs!.source).toBe("batch");
  });
});
