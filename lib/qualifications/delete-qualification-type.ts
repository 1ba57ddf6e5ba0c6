import "server-only";
import { DeleteQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { sendMturk } from "@/lib/mturk/send";
import { requireOwnQualificationType } from "@/lib/qualifications/get-qualification-type";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import type { Actor } from "@/lib/scope";

/**
 * DeleteQualificationType. MTurk then rejects the type's pending requests; the cached type, its
 * requests and scores stay as history, marked forgotten.
 */
export async function deleteQualificationType(ctx: Actor, qualificationTypeId: string): Promise<{ deleted: true }> {
  await requireOwnQualificationType(ctx.team.id, ctx.environment, qualificationTypeId);
  await refusedByMturk("The marketplace did not delete the qualification type", () =>
    sendMturk(ctx.team.id, ctx.environment, new DeleteQualificationTypeCommand({ QualificationTypeId: qualificationTypeId })),
  );
  const where = { teamId: ctx.team.id, environment: ctx.environment, qualificationTypeId, forgottenAt: null };
  const now = new Date();
  await db.$transaction([
    db.cachedQualificationType.updateMany({ where, data: { forgottenAt: now, status: "Disposing" } }),
    db.cachedQualificationRequest.updateMany({ where, data: { forgottenAt: now } }),
    db.qualificationReviewKey.deleteMany({ where: { teamId: ctx.team.id, environment: ctx.environment, qualificationTypeId } }),
  ]);
  await recordAudit(ctx, "qualification.delete", qualificationTypeId);
  return { deleted: true };
}
