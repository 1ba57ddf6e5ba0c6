import "server-only";
import { CreateQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { recordAudit } from "@/lib/audit";
import { sendMturk } from "@/lib/mturk/send";
import { cacheQualificationType } from "@/lib/qualifications/cache-qualification-type";
import type { QualificationTypeInput } from "@/lib/qualifications/qualification-type-input";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import { saveReviewKey } from "@/lib/qualifications/review-key";
import { validatedTestXml } from "@/lib/qualifications/validate-test";
import type { Actor } from "@/lib/scope";
import type { z } from "zod";

export async function createQualificationType(ctx: Actor, input: z.output<typeof QualificationTypeInput>): Promise<{ qualificationTypeId: string }> {
  const test = validatedTestXml(input.test);
  const { QualificationType: created } = await refusedByMturk("The marketplace refused the qualification type", () =>
    sendMturk(
      ctx.team.id,
      ctx.environment,
      new CreateQualificationTypeCommand({
        Name: input.name,
        Description: input.description,
        Keywords: input.keywords || undefined,
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
  const qualificationTypeId = created!.QualificationTypeId!;
  await cacheQualificationType(ctx.team.id, ctx.environment, created!);
  if (test?.reviewKey) await saveReviewKey({ teamId: ctx.team.id, environment: ctx.environment }, qualificationTypeId, test.reviewKey);
  await recordAudit(ctx, "qualification.create", qualificationTypeId, { name: input.name, test: input.test.mode, autoScored: !!test?.answerKey, reviewKey: !!test?.reviewKey });
  return { qualificationTypeId };
}
