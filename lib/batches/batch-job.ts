import "server-only";
import { CreateHITCommand } from "@aws-sdk/client-mturk";
import { recordAudit } from "@/lib/audit";
import { BATCH_CREATE_JOB, type BatchJobOptions } from "@/lib/batches/batch-job-kind";
import { db } from "@/lib/db";
import { PermanentItemError, type JobHandler } from "@/lib/jobs/job-types";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { ProjectDesign, questionForRow } from "@/lib/projects/project-design";

interface BatchItem {
  batchId: string;
  rowIndex: number;
  part: number;
  assignments: number;
}

/** The token that makes each HIT of a batch be created exactly once, whatever retries or restarts happen. */
export const batchHitToken = (item: Pick<BatchItem, "batchId" | "rowIndex" | "part">) => `${item.batchId}-${item.rowIndex}-${item.part}`;

/** MTurk's RequesterAnnotation: finds a batch's HITs again, even ones the marketplace reports back later. */
export const batchAnnotation = (item: Pick<BatchItem, "batchId" | "rowIndex">) => `hitdesk:batch=${item.batchId};row=${item.rowIndex + 1}`;

const designs = new Map<string, ProjectDesign>();

async function designOf(batchId: string): Promise<ProjectDesign> {
  const cached = designs.get(batchId);
  if (cached) return cached;
  const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId }, select: { projectVersionId: true } });
  const version = await db.projectVersion.findUniqueOrThrow({ where: { id: batch.projectVersionId } });
  const design = ProjectDesign.parse(version.design);
  if (designs.size > 100) designs.clear();
  designs.set(batchId, design);
  return design;
}

const HIT_ID = /\b([A-Z0-9]{30})\b/;

export const batchCreateHandler: JobHandler = {
  kind: BATCH_CREATE_JOB,
  concurrency: 8,
  unit: "HITs",
  doneAs: "created",
  access: { read: "viewer", control: { role: "admin", actions: ["pause", "resume", "cancel"] } },
  describeItem: (raw) => `Row ${(raw as BatchItem).rowIndex + 1}, HIT ${(raw as BatchItem).part + 1}`,
  async onControl(actor, ctx, action) {
    const batch = await db.batch.findFirst({ where: { jobId: ctx.jobId, teamId: ctx.teamId }, select: { id: true, name: true } });
    if (batch) await recordAudit(actor, `batch.${action}`, batch.name, { batchId: batch.id });
  },
  async processItem(ctx, raw) {
    const item = raw as BatchItem;
    const key = { batchId_rowIndex_part: { batchId: item.batchId, rowIndex: item.rowIndex, part: item.part } };
    const done = await db.batchHit.findUnique({ where: key, select: { hitId: true } });
    if (done) return { hitId: done.hitId };
    const [design, row] = await Promise.all([designOf(item.batchId), db.batchRow.findUniqueOrThrow({ where: { batchId_rowIndex: { batchId: item.batchId, rowIndex: item.rowIndex } } })]);
    const requirements = [...design.qualificationRequirements, ...((ctx.options as Partial<BatchJobOptions>).extraRequirements ?? [])];
    let hitId: string;
    try {
      const out = await sendMturkPaced(
        ctx.teamId,
        ctx.environment,
        new CreateHITCommand({
          Title: design.title,
          Description: design.description,
          Keywords: design.keywords || undefined,
          Reward: design.reward,
          MaxAssignments: item.assignments,
          LifetimeInSeconds: design.lifetimeSeconds,
          AssignmentDurationInSeconds: design.assignmentDurationSeconds,
          AutoApprovalDelayInSeconds: design.autoApprovalDelaySeconds,
          QualificationRequirements: requirements.length ? requirements : undefined,
          Question: questionForRow(design.task, row.values as Record<string, string>),
          RequesterAnnotation: batchAnnotation(item),
          UniqueRequestToken: batchHitToken(item),
        }),
      );
      hitId = out.HIT!.HITId!;
    } catch (e) {
      if (!(e instanceof MturkError) || e.kind !== "request") throw e;
      // Created by an earlier attempt whose answer was lost: MTurk names the HIT it made.
      const existing = e.turkErrorCode === "AWS.MechanicalTurk.HitAlreadyExists" ? HIT_ID.exec(e.message)?.[1] : undefined;
      if (!existing) throw new PermanentItemError(e.message);
      hitId = existing;
    }
    await db.batchHit.createMany({ data: [{ batchId: item.batchId, rowIndex: item.rowIndex, part: item.part, hitId }], skipDuplicates: true });
    return { hitId };
  },
};
