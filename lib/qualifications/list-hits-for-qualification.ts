import "server-only";
import { ListHITsForQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { sendMturk } from "@/lib/mturk/send";
import { refusedByMturk } from "@/lib/qualifications/refused-by-mturk";
import type { Scope } from "@/lib/scope";

const SHOWN = 100;

/** "Where used": the first HITs that require the type, read live (the cache keeps requirements as JSON only). */
export async function listHitsForQualification(scope: Scope, qualificationTypeId: string) {
  const page = await refusedByMturk("The marketplace did not list the HITs", () =>
    sendMturk(scope.teamId, scope.environment, new ListHITsForQualificationTypeCommand({ QualificationTypeId: qualificationTypeId, MaxResults: SHOWN })),
  );
  // MTurk's NextToken is on the last page with results too: only HITs past the shown ones mean more.
  const full = (page.HITs?.length ?? 0) >= SHOWN && !!page.NextToken;
  const after = full
    ? await refusedByMturk("The marketplace did not list the HITs", () =>
        sendMturk(scope.teamId, scope.environment, new ListHITsForQualificationTypeCommand({ QualificationTypeId: qualificationTypeId, MaxResults: 1, NextToken: page.NextToken })),
      )
    : undefined;
  return {
    more: (after?.HITs?.length ?? 0) > 0,
    hits: (page.HITs ?? []).map((h) => ({
      hitId: h.HITId!,
      title: h.Title ?? "",
      status: h.HITStatus ?? "",
      available: h.NumberOfAssignmentsAvailable ?? 0,
      expiresAt: h.Expiration?.toISOString() ?? null,
    })),
  };
}
