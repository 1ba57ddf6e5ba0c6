import "server-only";
import { GetQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { sendMturk } from "@/lib/mturk/send";
import { cacheQualificationType } from "@/lib/qualifications/cache-qualification-type";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import { reviewKeyOf } from "@/lib/qualifications/review-key";
import type { EnvironmentName } from "@/lib/scope";

export interface QualificationTypeDetail {
  qualificationTypeId: string;
  name: string;
  description: string;
  keywords: string;
  status: "Active" | "Inactive";
  retryDelaySec: number | null;
  autoGranted: boolean;
  autoGrantedValue: number;
  testXml: string | null;
  answerKeyXml: string | null;
  /** The answer key HITdesk keeps to score requests in the inbox (see review-key.ts). */
  reviewKeyXml: string | null;
  testDurationSec: number | null;
  createdAt: string;
}

/**
 * Only the team's own types, proven by the cache row: two teams may share one MTurk account,
 * and the marketplace would let either change the other's types.
 */
export async function requireOwnQualificationType(teamId: string, environment: EnvironmentName, qualificationTypeId: string): Promise<void> {
  const own = await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: { teamId, environment, qualificationTypeId } }, select: { forgottenAt: true } });
  if (!own || own.forgottenAt) throw new NotFound("No qualification type of this team has that id in this environment");
}

/**
 * One type read live (the cache does not keep the test XML, which the edit form needs), and
 * written back to the cache.
 */
export async function getQualificationType(teamId: string, environment: EnvironmentName, qualificationTypeId: string): Promise<QualificationTypeDetail> {
  await requireOwnQualificationType(teamId, environment, qualificationTypeId);
  const [{ QualificationType: t }, reviewKeyXml] = await Promise.all([
    refusedByMturk("The marketplace did not return the qualification type", () => sendMturk(teamId, environment, new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId }))),
    reviewKeyOf({ teamId, environment }, qualificationTypeId),
  ]);
  await cacheQualificationType(teamId, environment, t!);
  return {
    qualificationTypeId,
    name: t!.Name ?? "",
    description: t!.Description ?? "",
    keywords: t!.Keywords ?? "",
    status: t!.QualificationTypeStatus === "Inactive" ? "Inactive" : "Active",
    retryDelaySec: t!.RetryDelayInSeconds ?? null,
    autoGranted: t!.AutoGranted ?? false,
    autoGrantedValue: t!.AutoGrantedValue ?? 1,
    testXml: t!.Test ?? null,
    answerKeyXml: t!.AnswerKey ?? null,
    reviewKeyXml,
    testDurationSec: t!.TestDurationInSeconds ?? null,
    createdAt: (t!.CreationTime ?? new Date()).toISOString(),
  };
}
