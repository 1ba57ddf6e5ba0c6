import "server-only";
import { AssociateQualificationWithWorkerCommand, CreateQualificationTypeCommand, ListQualificationTypesCommand } from "@aws-sdk/client-mturk";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Invalid, NotFound } from "@/lib/errors";
import { sendMturk } from "@/lib/mturk/send";
import type { QualificationRequirementInput } from "@/lib/projects/project-design";

const MAX_EXCLUDED_WORKERS = 10_000;
const CONCURRENCY = 8;

/** The exclusion type of a project: one per project and environment, found again by name. */
const exclusionName = (projectId: string) => `HITdesk exclusion ${projectId}`;

async function exclusionTypeId(ctx: TeamContext, project: { id: string; name: string }): Promise<string> {
  const name = exclusionName(project.id);
  const found = await sendMturk(ctx.team.id, ctx.environment, new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: name, MaxResults: 100 }));
  const existing = found.QualificationTypes?.find((t) => t.Name === name);
  if (existing?.QualificationTypeId) return existing.QualificationTypeId;
  const created = await sendMturk(
    ctx.team.id,
    ctx.environment,
    new CreateQualificationTypeCommand({
      Name: name,
      Description: `Workers who already did a batch of "${project.name}" (set by HITdesk so they are not asked again).`,
      QualificationTypeStatus: "Active",
    }),
  );
  return created.QualificationType!.QualificationTypeId!;
}

/**
 * "Exclude workers of earlier batches": grants the project's exclusion qualification to every
 * worker who worked on the chosen batches (from the cache) and returns the requirement that
 * keeps them from even seeing the new batch. Granting is idempotent, so a retry is harmless.
 */
export async function excludeWorkersOf(ctx: TeamContext, project: { id: string; name: string }, batchIds: string[]): Promise<{ requirement: QualificationRequirementInput; workers: number }> {
  const batches = await db.batch.count({ where: { id: { in: batchIds }, teamId: ctx.team.id, environment: ctx.environment } });
  if (batches !== batchIds.length) throw new NotFound("Some of the batches to exclude are not in this environment");
  const rows = await db.$queryRaw<{ workerId: string }[]>`
    SELECT DISTINCT a."workerId" FROM "CachedAssignment" a JOIN "BatchHit" b ON b."hitId" = a."hitId"
    WHERE b."batchId" = ANY(${batchIds}) AND a."teamId" = ${ctx.team.id} AND a.environment::text = ${ctx.environment}
    LIMIT ${MAX_EXCLUDED_WORKERS + 1}`;
  if (rows.length > MAX_EXCLUDED_WORKERS) throw new Invalid(`Those batches have more than ${MAX_EXCLUDED_WORKERS} workers; exclude fewer batches at once`);
  const typeId = await exclusionTypeId(ctx, project);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < rows.length) {
        const workerId = rows[next++]!.workerId;
        await sendMturk(ctx.team.id, ctx.environment, new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: 1, SendNotification: false }));
      }
    }),
  );
  await recordAudit(ctx, "batch.exclude_workers", project.name, { batchIds, workers: rows.length, qualificationTypeId: typeId });
  return { requirement: { QualificationTypeId: typeId, Comparator: "DoesNotExist", ActionsGuarded: "DiscoverPreviewAndAccept" }, workers: rows.length };
}
