import "server-only";
import { ListHITsForQualificationTypeCommand } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { sendMturk } from "@/lib/mturk/send";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";

const SHOWN = 100;

/** "Where used": the first HITs that require the type, read live (the cache keeps requirements as JSON only). */
export async function listHitsForQualification(scope: { teamId: string; environment: EnvironmentName }, qualificationTypeId: string) {
  const page = await refusedByMturk("The marketplace did not list the HITs", () =>
    sendMturk(scope.teamId, scope.environment, new ListHITsForQualificationTypeCommand({ QualificationTypeId: qualificationTypeId, MaxResults: SHOWN })),
  );
  return {
    more: !!page.NextToken,
    hits: (page.HITs ?? []).map((h) => ({ hitId: h.HITId!, title: h.Title ?? "", status: h.HITStatus ?? "", available: h.NumberOfAssignmentsAvailable ?? 0, expiresAt: h.Expiration?.toISOString() ?? null })),
  };
}
