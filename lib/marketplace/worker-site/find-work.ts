import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { evaluateWorkerAccess, type QualificationRequirement, type WorkerAccess } from "@/lib/marketplace/qualification-requirements";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import type { FindWorkQuery } from "@/lib/marketplace/worker-site/schemas";
import { findSystemQualificationType } from "@/lib/mturk-formats/system-qualifications";

export const GROUPS_PER_PAGE = 25;

export interface HitGroup {
  hitTypeId: string;
  requesterId: string;
  requesterName: string;
  environment: MarketplaceEnvironment;
  title: string;
  description: string;
  keywords: string | null;
  rewardCents: number;
  assignmentDurationSec: number;
  hits: number;
  available: number;
  newestAt: Date;
  expiresAt: Date;
  access: WorkerAccess;
  requirements: { name: string; comparator: string; values: string; met: boolean }[];
}

const ORDER: Record<FindWorkQuery["sort"], Prisma.Sql> = {
  newest: Prisma.sql`"newestAt" DESC, "hitTypeId"`,
  reward: Prisma.sql`"rewardCents" DESC, "newestAt" DESC, "hitTypeId"`,
  available: Prisma.sql`available DESC, "newestAt" DESC, "hitTypeId"`,
  title: Prisma.sql`lower(title), "hitTypeId"`,
};

/**
 * HIT groups (one per HIT type) the worker can find: assignable HITs with a free slot, of
 * requesters whose work the worker may see and who have not blocked them. Grouped and paged in
 * SQL; ActionsGuarded then hides groups whose requirements guard discovery.
 */
export async function findHitGroups(workerId: string, query: FindWorkQuery): Promise<{ groups: HitGroup[]; hasMore: boolean }> {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db.$queryRaw<(Omit<HitGroup, "access" | "requirements" | "hits" | "available"> & { hits: bigint; available: bigint; qualificationRequirements: unknown })[]>`
    SELECT h."hitTypeId", h."requesterId", r.name AS "requesterName", r.environment::text AS environment,
      min(h.title) AS title, min(h.description) AS description, min(h.keywords) AS keywords,
      min(h."rewardCents") AS "rewardCents", min(h."assignmentDurationSec") AS "assignmentDurationSec",
      count(*) AS hits, sum(h."assignmentsAvailable") AS available, max(h."createdAt") AS "newestAt", max(h."expiresAt") AS "expiresAt",
      (array_agg(h."qualificationRequirements"))[1] AS "qualificationRequirements"
    FROM mk_hit h JOIN mk_requester r ON r.id = h."requesterId"
    WHERE h.status = 'Assignable' AND h."assignmentsAvailable" > 0 AND h."expiresAt" > now() AND h."disposedAt" IS NULL
      AND (${query.env} = 'all' OR r.environment::text = ${query.env})
      AND (EXISTS (SELECT 1 FROM mk_workforce_member m WHERE m."requesterId" = r.id AND m."workerId" = ${workerId})
           OR (r.environment = 'sandbox' AND r."openWorkforce"))
      AND NOT EXISTS (SELECT 1 FROM mk_worker_block b WHERE b."requesterId" = r.id AND b."workerId" = ${workerId})
      AND (${pattern}::text IS NULL OR h.title ILIKE ${pattern} OR h.description ILIKE ${pattern} OR h.keywords ILIKE ${pattern} OR r.name ILIKE ${pattern})
    GROUP BY h."hitTypeId", h."requesterId", r.name, r.environment
    ORDER BY ${ORDER[query.sort]}
    LIMIT ${GROUPS_PER_PAGE + 1} OFFSET ${(query.page - 1) * GROUPS_PER_PAGE}`;
  const hasMore = rows.length > GROUPS_PER_PAGE;
  const groups: HitGroup[] = [];
  for (const { qualificationRequirements, ...row } of rows.slice(0, GROUPS_PER_PAGE)) {
    const requirements = (qualificationRequirements ?? []) as QualificationRequirement[];
    const access = await evaluateWorkerAccess(db, { requesterId: row.requesterId, workerId, environment: row.environment, requirements });
    if (!access.discover) continue;
    groups.push({
      ...row,
      hits: Number(row.hits),
      available: Number(row.available),
      access,
      requirements: await describeRequirements(row.environment, requirements, access),
    });
  }
  return { groups, hasMore };
}

/** Requirements in words, for the worker: "Worker_Locale is US", with whether each is met. */
export async function describeRequirements(environment: MarketplaceEnvironment, requirements: QualificationRequirement[], access: WorkerAccess) {
  const customIds = requirements.map((r) => r.QualificationTypeId).filter((id) => !findSystemQualificationType(environment, id));
  const custom = customIds.length ? await db.mkQualificationType.findMany({ where: { id: { in: customIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(custom.map((t) => [t.id, t.name]));
  return requirements.map((r) => ({
    name: findSystemQualificationType(environment, r.QualificationTypeId)?.name ?? names.get(r.QualificationTypeId) ?? r.QualificationTypeId,
    comparator: COMPARATOR_WORDS[r.Comparator] ?? r.Comparator,
    values: [...(r.IntegerValues ?? []).map(String), ...(r.LocaleValues ?? []).map((l) => (l.Subdivision ? `${l.Country}-${l.Subdivision}` : l.Country))].join(", "),
    met: !access.unmet.some((u) => u.qualificationTypeId === r.QualificationTypeId && u.comparator === r.Comparator),
  }));
}

const COMPARATOR_WORDS: Record<string, string> = {
  LessThan: "less than",
  LessThanOrEqualTo: "at most",
  GreaterThan: "greater than",
  GreaterThanOrEqualTo: "at least",
  EqualTo: "equal to",
  NotEqualTo: "not equal to",
  Exists: "granted",
  DoesNotExist: "not granted",
  In: "one of",
  NotIn: "none of",
};
