import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { requesterNow } from "@/lib/marketplace/clock";
import { taskToken } from "@/lib/marketplace/worker-site/task-links";
import { canSeeRequester } from "@/lib/marketplace/worker-site/workforce";

const DEFAULT_TEST_SECONDS = 3600;

/**
 * Qualification types a worker may request: live, Active, requestable types of requesters whose
 * work they may see (workforce member, or open sandbox), not blocked; with the worker's own
 * score and latest request.
 */
export async function listRequestableForWorker(workerId: string, query: { q?: string }) {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const types = await db.$queryRaw<
    {
      id: string;
      name: string;
      description: string;
      keywords: string | null;
      hasTest: boolean;
      testDurationSec: number | null;
      autoGranted: boolean;
      retryDelaySec: number | null;
      requesterName: string;
      environment: string;
    }[]
  >`
    SELECT t.id, t.name, t.description, t.keywords, (t.test IS NOT NULL) AS "hasTest", t."testDurationSec", t."autoGranted", t."retryDelaySec",
      r.name AS "requesterName", r.environment::text AS environment
    FROM mk_qualification_type t JOIN mk_requester r ON r.id = t."requesterId"
    WHERE t."deletedAt" IS NULL AND t.status = 'Active' AND t."isRequestable"
      AND (EXISTS (SELECT 1 FROM mk_workforce_member m WHERE m."requesterId" = r.id AND m."workerId" = ${workerId})
           OR (r.environment = 'sandbox' AND r."openWorkforce"))
      AND NOT EXISTS (SELECT 1 FROM mk_worker_block b WHERE b."requesterId" = r.id AND b."workerId" = ${workerId})
      AND (${pattern}::text IS NULL OR t.name ILIKE ${pattern} OR t.description ILIKE ${pattern} OR t.keywords ILIKE ${pattern})
    ORDER BY t.seq DESC LIMIT 100`;
  const ids = types.map((t) => t.id);
  const [scores, requests] = await Promise.all([
    db.mkQualification.findMany({ where: { workerId, qualificationTypeId: { in: ids } }, select: { qualificationTypeId: true, integerValue: true, status: true } }),
    ids.length
      ? db.$queryRaw<{ qualificationTypeId: string; status: string; reason: string | null }[]>`
          SELECT DISTINCT ON ("qualificationTypeId") "qualificationTypeId", status, reason FROM mk_qualification_request
          WHERE "workerId" = ${workerId} AND "qualificationTypeId" IN (${Prisma.join(ids)}) ORDER BY "qualificationTypeId", seq DESC`
      : Promise.resolve([]),
  ]);
  const scoreOf = new Map(scores.map((s) => [s.qualificationTypeId, s]));
  const requestOf = new Map(requests.map((r) => [r.qualificationTypeId, r]));
  return types.map((t) => ({ ...t, score: scoreOf.get(t.id) ?? null, lastRequest: requestOf.get(t.id) ?? null }));
}

/** Qualifications the worker holds, with the type's name. */
export async function listMyQualifications(workerId: string) {
  const held = await db.mkQualification.findMany({ where: { workerId }, orderBy: { grantTime: "desc" }, take: 200 });
  const types = await db.mkQualificationType.findMany({ where: { id: { in: held.map((q) => q.qualificationTypeId) } }, select: { id: true, name: true } });
  const names = new Map(types.map((t) => [t.id, t.name]));
  return held.map((q) => ({
    qualificationTypeId: q.qualificationTypeId,
    name: names.get(q.qualificationTypeId) ?? q.qualificationTypeId,
    value: q.integerValue,
    status: q.status,
    grantTime: q.grantTime,
  }));
}

/** A timed test link for a type the worker may see; the deadline is checked again on submit. */
export async function startQualificationTest(workerId: string, qualificationTypeId: string) {
  const type = await db.mkQualificationType.findFirst({ where: { id: qualificationTypeId, deletedAt: null, status: "Active", isRequestable: true } });
  if (!type?.test || !(await canSeeRequester(workerId, type.requesterId))) return null;
  const seconds = type.testDurationSec ?? DEFAULT_TEST_SECONDS;
  const expiresAt = Date.now() + seconds * 1000;
  const token = taskToken({ k: "qualification-test", qualificationTypeId, workerId, expiresAt });
  return { name: type.name, description: type.description, seconds, expiresAt, src: `/task/${token}`, now: await requesterNow(type.requesterId) };
}
