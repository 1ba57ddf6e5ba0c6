import "server-only";
import { GetAccountBalanceCommand } from "@aws-sdk/client-mturk";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { BatchInput } from "@/lib/batches/batch-input";
import { BATCH_CREATE_JOB, type BatchJobOptions } from "@/lib/batches/batch-job-kind";
import { excludeWorkersOf } from "@/lib/batches/exclusion";
import { mastersTypeIds, teamFeeSchedule } from "@/lib/batches/fee-schedule";
import { planBatch, type BatchPlan } from "@/lib/batches/plan-batch";
import { db } from "@/lib/db";
import { InsufficientFunds, Invalid, NotFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { dollarsToCents } from "@/lib/money";
import { sendMturk } from "@/lib/mturk/send";
import { previewHtmlForRow, usesMasters } from "@/lib/projects/project-design";
import { getProject } from "@/lib/projects/projects";

const INSERT_CHUNK = 1000;
const PREVIEW_ROWS = 3;

async function plan(ctx: TeamContext, raw: BatchInput) {
  const input = BatchInput.parse(raw);
  const project = await getProject(ctx.team.id, input.projectId, input.version);
  const schedule = await teamFeeSchedule(ctx.team.id, ctx.environment);
  const batchPlan = planBatch(project.design, input.csv, { split: input.split, schedule, masters: usesMasters(project.design, mastersTypeIds(ctx.environment)) });
  return { input, project, plan: batchPlan };
}

function summary(p: BatchPlan) {
  return { columns: p.columns, rowCount: p.rows.length, problems: p.problems, hitAssignments: p.hitAssignments, estimate: p.estimate };
}

/** What a batch would create and cost, and the first rows as the worker will see them; creates nothing. */
export async function previewBatch(ctx: TeamContext, raw: BatchInput) {
  const { project, plan: p } = await plan(ctx, raw);
  const samples = p.rows.slice(0, PREVIEW_ROWS).map((values, i) => ({ row: i + 1, values, html: previewHtmlForRow(project.design.task, values) }));
  return { ...summary(p), samples, projectVersion: project.version, environment: ctx.environment };
}

/**
 * Creates the batch as a durable job, after checking every row, the typed confirmation in
 * production, and that the balance covers the estimate. Nothing is created if any check fails.
 */
export async function startBatch(ctx: TeamContext, raw: BatchInput): Promise<{ batchId: string; jobId: string }> {
  const { input, project, plan: p } = await plan(ctx, raw);
  if (p.problems.length) throw new Invalid(`The file has ${p.problems.length} problem${p.problems.length === 1 ? "" : "s"}; nothing was created`, p.problems);
  const hits = p.estimate.hits;
  if (ctx.environment === "production" && input.confirmation !== String(hits)) {
    throw new Invalid(`Type ${hits} to confirm creating ${hits} production HITs`);
  }
  if (project.design.qualificationRequirements.length + (input.excludeBatchIds.length ? 1 : 0) > 10) {
    throw new Invalid("MTurk allows 10 qualification requirements per HIT; the project has 10 already, so earlier workers cannot be excluded");
  }
  // Only production money runs out: MTurk's sandbox reports $10,000.00 and pays whatever is spent.
  if (ctx.environment === "production") {
    const balance = await sendMturk(ctx.team.id, ctx.environment, new GetAccountBalanceCommand({}));
    const availableCents = dollarsToCents(balance.AvailableBalance ?? "0");
    if (availableCents < p.estimate.totalCents) {
      throw new InsufficientFunds(
        `The ${ctx.environment} balance is $${(availableCents / 100).toFixed(2)}; this batch may cost up to $${(p.estimate.totalCents / 100).toFixed(2)}. Add funds or make the batch smaller.`,
      );
    }
  }
  const exclusion = input.excludeBatchIds.length ? await excludeWorkersOf(ctx, project, input.excludeBatchIds) : null;
  return db.$transaction(
    async (tx) => {
      // A project being deleted holds this row; a deleted one is gone (deleteProject).
      const live = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Project" WHERE id = ${project.id} AND "teamId" = ${ctx.team.id} FOR SHARE`;
      if (live.length === 0) throw new NotFound("The project was deleted; nothing was created");
      const batch = await tx.batch.create({
        data: {
          teamId: ctx.team.id,
          environment: ctx.environment,
          projectId: project.id,
          projectVersionId: project.versionId,
          name: input.name,
          columns: p.columns,
          rowCount: p.rows.length,
          assignmentsPerRow: project.design.assignmentsPerHit,
          hitsPerRow: p.hitAssignments.length,
          estimatedCostCents: p.estimate.totalCents,
          createdById: ctx.user.id,
        },
      });
      for (let i = 0; i < p.rows.length; i += INSERT_CHUNK) {
        await tx.batchRow.createMany({ data: p.rows.slice(i, i + INSERT_CHUNK).map((values, k) => ({ batchId: batch.id, rowIndex: i + k, values })) });
      }
      const items = p.rows.flatMap((_, rowIndex) => p.hitAssignments.map((assignments, part) => ({ batchId: batch.id, rowIndex, part, assignments })));
      const options: BatchJobOptions = { extraRequirements: exclusion ? [exclusion.requirement] : [] };
      const job = await enqueueJob({ teamId: ctx.team.id, environment: ctx.environment, kind: BATCH_CREATE_JOB, subjectId: batch.id, createdById: ctx.user.id, options, items }, tx);
      await tx.batch.update({ where: { id: batch.id }, data: { jobId: job.id } });
      await recordAudit(ctx, "batch.start", input.name, { batchId: batch.id, hits, estimatedCostCents: p.estimate.totalCents }, tx);
      return { batchId: batch.id, jobId: job.id };
    },
    { timeout: 120_000 },
  );
}
