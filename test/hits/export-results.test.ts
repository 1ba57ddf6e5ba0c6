import { describe, expect, it } from "vitest";
import { BatchInput } from "@/lib/batches/batch-input";
import { BATCH_CREATE_JOB } from "@/lib/batches/batch-job-kind";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { parseCsv } from "@/lib/csv/parse-csv";
import { startBatch } from "@/lib/batches/create-batch";
import { db } from "@/lib/db";
import { resultsCsvStream, syncBeforeExport } from "@/lib/hits/export-results";
import { mturkTime } from "@/lib/hits/results-csv";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { createProject } from "@/lib/projects/projects";
import { findTemplate } from "@/lib/projects/templates";
import { syncHitsNow } from "@/lib/sync/sync-hits";
import { syncTeam } from "@/lib/sync/sync-team";
import { useHarness } from "@/test/marketplace/harness";
import { teamOnHarness } from "@/test/support/team-on-harness";

const sandbox = useHarness({ environment: "sandbox" });

describe("results export", () => {
  it("writes MTurk's batch results layout: fixed columns, Input.* in CSV order, crowd answers flattened, a row per unworked HIT", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const design = { ...findTemplate("sentiment")!.design, reward: "0.07", assignmentsPerHit: 1, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 3600, lifetimeSeconds: 86400 };
    const { id: projectId } = await createProject(ctx, { name: "Sentiment", design });
    const csv = 'text,source\n"=cmd, ""quoted""",web\nsecond,mail\n';
    const { batchId } = await startBatch(ctx, BatchInput.parse({ projectId, name: "Export", csv }));
    await runJobsOnce({ [BATCH_CREATE_JOB]: batchCreateHandler }, { teamId: ctx.team.id });
    const [first, second] = await db.batchHit.findMany({ where: { batchId }, orderBy: { rowIndex: "asc" } });
    const worker = await sandbox.h.createWorker();
    const taskAnswers = JSON.stringify([{ sentiment: { label: "Positive" }, sure: { on: true } }]);
    const assignmentId = await sandbox.h.acceptAndSubmit(first!.hitId, worker, buildQuestionFormAnswers([{ questionIdentifier: "taskAnswers", value: { freeText: taskAnswers } }]));
    await syncTeam(ctx.team.id, "sandbox");

    const text = await new Response(resultsCsvStream({ teamId: ctx.team.id, environment: "sandbox" }, { batch: batchId })).text();
    const table = parseCsv(text);
    expect(table.header).toEqual([
      "HITId",
      "HITTypeId",
      "Title",
      "Description",
      "Keywords",
      "Reward",
      "CreationTime",
      "MaxAssignments",
      "RequesterAnnotation",
      "AssignmentDurationInSeconds",
      "AutoApprovalDelayInSeconds",
      "Expiration",
      "NumberOfSimilarHITs",
      "LifetimeInSeconds",
      "AssignmentId",
      "WorkerId",
      "AssignmentStatus",
      "AcceptTime",
      "SubmitTime",
      "AutoApprovalTime",
      "ApprovalTime",
      "RejectionTime",
      "RequesterFeedback",
      "WorkTimeInSeconds",
      "LifetimeApprovalRate",
      "Last30DaysApprovalRate",
      "Last7DaysApprovalRate",
      "Input.text",
      "Input.source",
      "Answer.sentiment.label",
      "Answer.sure.on",
      "Approve",
      "Reject",
    ]);
    expect(table.rows).toHaveLength(2);
    const rows = table.rows.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r.values[i]])));
    const worked = rows.find((r) => r.HITId === first!.hitId)!;
    const hit = await db.cachedHit.findFirstOrThrow({ where: { teamId: ctx.team.id, hitId: first!.hitId } });
    const assignment = await db.cachedAssignment.findFirstOrThrow({ where: { teamId: ctx.team.id, assignmentId } });
    expect(worked).toEqual({
      HITId: first!.hitId,
      HITTypeId: hit.hitTypeId,
      Title: design.title,
      Description: design.description,
      Keywords: design.keywords,
      Reward: "$0.07",
      CreationTime: mturkTime(hit.createdAt),
      MaxAssignments: "1",
      RequesterAnnotation: `hitdesk:batch=${batchId};row=1`,
      AssignmentDurationInSeconds: "600",
      AutoApprovalDelayInSeconds: "3600",
      Expiration: mturkTime(hit.expiresAt),
      NumberOfSimilarHITs: "",
      LifetimeInSeconds: "86400",
      AssignmentId: assignmentId,
      WorkerId: worker,
      AssignmentStatus: "Submitted",
      AcceptTime: mturkTime(assignment.acceptTime),
      SubmitTime: mturkTime(assignment.submitTime),
      AutoApprovalTime: mturkTime(assignment.autoApprovalTime),
      ApprovalTime: "",
      RejectionTime: "",
      RequesterFeedback: "",
      WorkTimeInSeconds: String(Math.round((assignment.submitTime!.getTime() - assignment.acceptTime!.getTime()) / 1000)),
      LifetimeApprovalRate: "0% (0/0)",
      Last30DaysApprovalRate: "0% (0/0)",
      Last7DaysApprovalRate: "0% (0/0)",
      // A value a spreadsheet would run as a formula is defused; quotes and commas survive.
      "Input.text": `'=cmd, "quoted"`,
      "Input.source": "web",
      "Answer.sentiment.label": "Positive",
      "Answer.sure.on": "true",
      Approve: "",
      Reject: "",
    });
    expect(rows.find((r) => r.HITId === second!.hitId)).toMatchObject({ AssignmentId: "", WorkerId: "", "Input.text": "second", "Input.source": "mail", "Answer.sentiment.label": "" });
    expect(text.split("\r\n")[0]).toBe(table.header.map((h) => `"${h}"`).join(","));
  });

  it("brings the batch up to date before exporting, so work submitted a moment ago is in the file, without a full sync", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    const design = { ...findTemplate("sentiment")!.design, assignmentsPerHit: 1, assignmentDurationSeconds: 900, lifetimeSeconds: 7200 };
    const { id: projectId } = await createProject(ctx, { name: "Fresh", design });
    const { batchId } = await startBatch(ctx, BatchInput.parse({ projectId, name: "Fresh", csv: "text\nfirst\nsecond\nthird\n" }));
    await runJobsOnce({ [BATCH_CREATE_JOB]: batchCreateHandler }, { teamId: ctx.team.id });
    const hits = await db.batchHit.findMany({ where: { batchId }, orderBy: { rowIndex: "asc" } });
    const worker = await sandbox.h.createWorker();
    const taskAnswers = JSON.stringify([{ sentiment: { label: "Negative" } }]);
    const assignmentId = await sandbox.h.acceptAndSubmit(hits[1]!.hitId, worker, buildQuestionFormAnswers([{ questionIdentifier: "taskAnswers", value: { freeText: taskAnswers } }]));
    expect(await db.cachedHit.count({ where: { teamId: ctx.team.id } })).toBe(0);

    await syncBeforeExport(scope, { batchId });
    const table = parseCsv(await new Response(resultsCsvStream(scope, { batch: batchId })).text());
    const rows = table.rows.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r.values[i]])));
    // Rows follow the HITs' creation, and a batch creates its HITs concurrently: compare by row.
    expect(rows.map((r) => [r["Input.text"], r.AssignmentId, r.WorkerId, r["Answer.sentiment.label"]]).sort()).toEqual([
      ["first", "", "", ""],
      ["second", assignmentId, worker, "Negative"],
      ["third", "", "", ""],
    ]);
    // Only the batch's HITs were read, not the account; and a bound leaves the rest to the background sync.
    expect(await db.cachedHit.count({ where: { teamId: ctx.team.id } })).toBe(3);
    const bounded = await syncHitsNow(
      ctx.team.id,
      "sandbox",
      hits.map((h) => h.hitId),
      { limit: 1 },
    );
    expect(bounded).toMatchObject({ synced: 1, leftStale: 2 });
    expect(bounded.callsByOperation).toMatchObject({ GetHIT: 1, ListAssignmentsForHIT: 1 });
    expect(bounded.callsByOperation.ListHITs).toBeUndefined();
    expect(
      await syncHitsNow(
        ctx.team.id,
        "sandbox",
        hits.map((h) => h.hitId),
        { budgetMs: -1 },
      ),
    ).toMatchObject({ calls: 0, synced: 0, leftStale: 3 });
  });

  it("fills durations and lifetime of HITs created outside a batch from the cached HIT", async () => {
    const ctx = await teamOnHarness(sandbox.h);
    const scope = { teamId: ctx.team.id, environment: "sandbox" as const };
    const title = `Outside ${ctx.team.slug}`;
    const hit = await sandbox.h.createHit({ Title: title, AssignmentDurationInSeconds: 420, AutoApprovalDelayInSeconds: 1800, LifetimeInSeconds: 5000 });
    await syncTeam(ctx.team.id, "sandbox");
    const worker = await sandbox.h.createWorker();
    const assignmentId = await sandbox.h.acceptAndSubmit(hit.HITId!, worker);
    await syncBeforeExport(scope, { filter: { title } });
    const table = parseCsv(await new Response(resultsCsvStream(scope, { title })).text());
    const row = Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]!.values[i]]));
    expect(table.rows).toHaveLength(1);
    expect(row).toMatchObject({ HITId: hit.HITId, AssignmentDurationInSeconds: "420", AutoApprovalDelayInSeconds: "1800", LifetimeInSeconds: "5000", AssignmentId: assignmentId, WorkerId: worker });
  });
});
