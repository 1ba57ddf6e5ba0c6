import "server-only";
import { UpdateQualificationTypeCommand } from "@aws-sdk/client-mturk";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { sendMturk } from "@/lib/mturk/send";
import { cacheQualificationType } from "@/lib/qualifications/cache-qualification-type";
import { requireOwnQualificationType } from "@/lib/qualifications/get-qualification-type";
import type { QualificationTypeUpdate } from "@/lib/qualifications/qualification-type-input";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import { saveReviewKey } from "@/lib/qualifications/review-key";
import { validatedTestXml } from "@/lib/qualifications/validate-test";
import type { Actor } from "@/lib/scope";

/**
 * UpdateQualificationType with every field it accepts. A test left as "none" keeps the current
 * one: MTurk has no way to remove a test or an answer key once set.
 */
export async function updateQualificationType(ctx: Actor, qualificationTypeId: string, input: z.output<typeof QualificationTypeUpdate>): Promise<{ qualificationTypeId: string }> {
  await requireOwnQualificationType(ctx.team.id, ctx.environment, qualificationTypeId);
  const test = validatedTestXml(input.test);
  const { QualificationType: updated } = await refusedByMturk("The marketplace refused the change", () =>
    sendMturk(
      ctx.team.id,
      ctx.environment,
      new UpdateQualificationTypeCommand({
        QualificationTypeId: qualificationTypeId,
        Description: input.description,
        QualificationTypeStatus: input.status,
        RetryDelayInSeconds: input.retryDelaySec ?? undefined,
        AutoGranted: input.autoGranted,
        AutoGrantedValue: input.autoGranted ? input.autoGrantedValue : undefined,
        Test: test?.test,
        AnswerKey: test?.answerKey,
        TestDurationInSeconds: test?.durationSec,
      }),
    ),
  );
  await cacheQualificationType(ctx.team.id, ctx.environment, updated!);
  // A new test replaces the kept key too (none kept when its key went to the marketplace).
  if (test) await saveReviewKey({ teamId: ctx.team.id, environment: ctx.environment }, qualificationTypeId, test.reviewKey);
  await recordAudit(ctx, "qualification.update", qualificationTypeId, { status: input.status, test: input.test.mode, autoGranted: input.autoGranted, reviewKey: !!test?.reviewKey });
  return { qualificationTypeId };
}

/** Active ↔ Inactive only: workers can no longer request an inactive type, HITs can no longer require it. */
export async function setQualificationTypeStatus(ctx: Actor, qualificationTypeId: string, status: "Active" | "Inactive"): Promise<{ qualificationTypeId: string }> {
  await requireOwnQualificationType(ctx.team.id, ctx.environment, qualificationTypeId);
  const { QualificationType: updated } = await refusedByMturk("The marketplace refused the change", () =>
    sendMturk(ctx.team.id, ctx.environment, new UpdateQualificationTypeCommand({ QualificationTypeId: qualificationTypeId, QualificationTypeStatus: status })),
  );
  await cacheQualificationType(ctx.team.id, ctx.environment, updated!);
  await recordAudit(ctx, status === "Active" ? "qualification.activate" : "qualification.deactivate", qualificationTypeId);
  return { qualificationTypeId };
}
