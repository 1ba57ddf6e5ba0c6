import "server-only";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

/** Older than this, the page asks for a sync when it opens. */
export const QUALIFICATIONS_STALE_MS = 5 * 60 * 1000;

export interface QualificationTypeRow {
  qualificationTypeId: string;
  name: string;
  description: string;
  keywords: string | null;
  status: string;
  autoGranted: boolean;
  autoGrantedValue: number | null;
  retryDelaySec: number | null;
  hasTest: boolean;
  createdAt: string;
  pendingRequests: number;
  granted: number;
}

/** The team's own types from the cache, newest first, with pending requests and granted counts. */
export async function listQualificationTypes(teamId: string, environment: EnvironmentName): Promise<{ rows: QualificationTypeRow[]; syncedAt: string | null }> {
  const scope = { teamId, environment };
  const [types, pending, granted, state] = await Promise.all([
    db.cachedQualificationType.findMany({ where: { ...scope, forgottenAt: null }, orderBy: { createdAt: "desc" } }),
    db.cachedQualificationRequest.groupBy({ by: ["qualificationTypeId"], where: { ...scope, forgottenAt: null }, _count: { _all: true } }),
    db.cachedQualificationScore.groupBy({ by: ["qualificationTypeId"], where: { ...scope, forgottenAt: null, status: "Granted" }, _count: { _all: true } }),
    db.syncState.findUnique({ where: { teamId_environment: scope }, select: { qualificationTypesSyncedAt: true } }),
  ]);
  const pendingBy = new Map(pending.map((p) => [p.qualificationTypeId, p._count._all]));
  const grantedBy = new Map(granted.map((g) => [g.qualificationTypeId, g._count._all]));
  return {
    syncedAt: state?.qualificationTypesSyncedAt?.toISOString() ?? null,
    rows: types.map((t) => ({
      qualificationTypeId: t.qualificationTypeId,
      name: t.name,
      description: t.description,
      keywords: t.keywords,
      status: t.status,
      autoGranted: t.autoGranted,
      autoGrantedValue: t.autoGrantedValue,
      retryDelaySec: t.retryDelaySec,
      hasTest: t.hasTest,
      createdAt: t.createdAt.toISOString(),
      pendingRequests: pendingBy.get(t.qualificationTypeId) ?? 0,
      granted: grantedBy.get(t.qualificationTypeId) ?? 0,
    })),
  };
}

/** The team's active types, by name: what may be granted to a worker from their page. */
export async function grantableQualificationTypes(teamId: string, environment: EnvironmentName): Promise<{ id: string; name: string }[]> {
  const types = await db.cachedQualificationType.findMany({
    where: { teamId, environment, status: "Active", forgottenAt: null },
    orderBy: { name: "asc" },
    take: 500,
    select: { qualificationTypeId: true, name: true },
  });
  return types.map((t) => ({ id: t.qualificationTypeId, name: t.name }));
}
