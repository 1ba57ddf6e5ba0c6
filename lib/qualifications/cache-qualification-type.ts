import "server-only";
import type { QualificationType } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

/** The cache row of a type as the API returns it; a pending write, so a sync can batch many in one transaction. */
export function upsertCachedQualificationType(teamId: string, environment: EnvironmentName, t: QualificationType, now: Date) {
  const data = {
    name: t.Name ?? "",
    description: t.Description ?? "",
    keywords: t.Keywords ?? null,
    status: t.QualificationTypeStatus ?? "Active",
    isRequestable: t.IsRequestable ?? true,
    autoGranted: t.AutoGranted ?? false,
    autoGrantedValue: t.AutoGrantedValue ?? null,
    retryDelaySec: t.RetryDelayInSeconds ?? null,
    hasTest: !!t.Test,
    createdAt: t.CreationTime ?? now,
    forgottenAt: null,
    syncedAt: now,
  };
  return db.cachedQualificationType.upsert({
    where: { teamId_environment_qualificationTypeId: { teamId, environment, qualificationTypeId: t.QualificationTypeId! } },
    create: { teamId, environment, qualificationTypeId: t.QualificationTypeId!, ...data },
    update: data,
  });
}

/**
 * Writes a type the dashboard just created or changed into the cache, with the columns the
 * sync stores, so the list shows the change at once rather than after the next sync.
 */
export async function cacheQualificationType(teamId: string, environment: EnvironmentName, t: QualificationType): Promise<void> {
  await upsertCachedQualificationType(teamId, environment, t, new Date());
}
