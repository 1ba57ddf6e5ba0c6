import "server-only";
import { GetQualificationTypeCommand } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http-error";
import { sendMturk } from "@/lib/mturk/send";
import { cacheQualificationType } from "@/lib/qualifications/cache-qualification-type";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import { reviewKeyOf } from "@/lib/qualifications/review-key";

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
 * One type read live (the cache does not keep the test XML, which the edit form needs), and
 * written back to the cache. Only the team's own types: the cache row proves ownership.
 */
export async function getQualificationType(teamId: string, environment: EnvironmentName, qualificationTypeId: string): Promise<QualificationTypeDetail> {
  const own = await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: { teamId, environment, qualificationTypeId } } });
  if (!own || own.forgottenAt) throw new HttpError(404, "No qualification type of this team has that id in this environment");
  const [{ QualificationType: t }, reviewKeyXml] = await Promise.all([
    refusedByMturk("The marketplace did not return the qualification type", () =>
      sendMturk(teamId, environment, new GetQualificationTypeCommand({ QualificationTypeId: qualificationTypeId })),
    ),
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
