import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { findLiveQualificationType, typeDoesNotExist } from "@/lib/marketplace/qualification-shapes";
import { serializeHit } from "@/lib/marketplace/serialize";
import { findSystemQualificationType } from "@/lib/marketplace/system-qualifications";

/** The caller's HITs (not disposed) whose HIT type requires the given qualification type. */
const ListHITsForQualificationType: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; NextToken?: string; MaxResults?: number };
  const id = input.QualificationTypeId;
  if (!findSystemQualificationType(ctx.requester.environment, id) && !(await findLiveQualificationType(db, ctx.requester.environment, id))) {
    throw typeDoesNotExist(id);
  }
  const { limit, after } = seqCursor(input);
  const hitTypes = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM mk_hit_type
    WHERE "requesterId" = ${ctx.requester.id}
      AND "qualificationRequirements" @> ${JSON.stringify([{ QualificationTypeId: id }])}::jsonb`;
  const rows = await db.mkHit.findMany({
    where: {
      requesterId: ctx.requester.id,
      hitTypeId: { in: hitTypes.map((t) => t.id) },
      status: { not: "Disposed" },
      disposedAt: null,
      ...(after !== undefined ? { seq: { gt: after } } : {}),
    },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(rows.map((r) => ({ seq: r.seq, item: serializeHit(r) })), limit);
  return { NumResults: page.items.length, HITs: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const hitsForQualificationOperations = { ListHITsForQualificationType } satisfies Record<string, OperationHandler>;
