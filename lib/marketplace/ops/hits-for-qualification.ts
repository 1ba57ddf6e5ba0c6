import "server-only";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/marketplace/context";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { findLiveQualificationType, typeDoesNotExist } from "@/lib/marketplace/qualification-shapes";
import { serializeHit } from "@/lib/marketplace/serialize";
import { findSystemQualificationType } from "@/lib/mturk-formats/system-qualifications";

/** The caller's HITs (not disposed) that require the given qualification type. */
const ListHITsForQualificationType: OperationHandler = async (raw, ctx) => {
  const input = raw as { QualificationTypeId: string; NextToken?: string; MaxResults?: number };
  const id = input.QualificationTypeId;
  if (!findSystemQualificationType(ctx.requester.environment, id) && !(await findLiveQualificationType(db, ctx.requester.environment, id))) {
    throw typeDoesNotExist(id);
  }
  const { limit, after } = seqCursor(input);
  // JSON containment finds the requirement whatever its comparator and values.
  const matches = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM mk_hit
    WHERE "requesterId" = ${ctx.requester.id} AND "disposedAt" IS NULL AND status <> 'Disposed'
      AND "qualificationRequirements" @> ${JSON.stringify([{ QualificationTypeId: id }])}::jsonb
      AND seq > ${after ?? -1n}
    ORDER BY seq LIMIT ${limit + 1}`;
  const rows = await db.mkHit.findMany({ where: { id: { in: matches.map((m) => m.id) } }, orderBy: { seq: "asc" } });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeHit(r) })),
    limit,
  );
  return { NumResults: page.items.length, HITs: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const hitsForQualificationOperations = { ListHITsForQualificationType } satisfies Record<string, OperationHandler>;
