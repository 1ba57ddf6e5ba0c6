import "server-only";
import type { QualificationType } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";

/**
 * Writes a type the dashboard just created or changed into the cache, with the columns the
 * sync stores, so the list shows the change at once rather than after the next sync.
 */
export async function cacheQualificationType(teamId: string, environment: EnvironmentName, t: QualificationType): Promise<void> {
  const now = new Date();
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
  await db.cachedQualificationType.upsert({
    where: { teamId_environment_qualificationTypeId: { teamId, environment, qualificationTypeId: t.QualificationTypeId! } },
    create: { teamId, environment, qualificationTypeId: t.QualificationTypeId!, ...data },
    update: data,
  });
}
