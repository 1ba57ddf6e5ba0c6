import "server-only";
import { queryRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { flattenAnswers, type AnswerField } from "@/lib/review/flatten-answers";
import type { Scope } from "@/lib/scope";

/** What a HIT was made from: its batch's CSV row, else a JSON RequesterAnnotation. */
export interface HitInputs {
  source: "batch" | "annotation";
  fields: AnswerField[];
}

function annotationFields(annotation: string | null): AnswerField[] | null {
  if (!annotation?.trim().startsWith("{")) return null;
  try {
    return flattenAnswers(JSON.parse(annotation) as Record<string, string>);
  } catch {
    return null;
  }
}

/** The inputs of each HIT given (with its cached annotation), by HIT id; HITs without any are left out. */
export async function hitInputs(scope: Scope, hits: { hitId: string; requesterAnnotation: string | null }[]): Promise<Map<string, HitInputs>> {
  const out = new Map<string, HitInputs>();
  if (hits.length === 0) return out;
  const rows = await queryRows<{ hitId: string; values: Record<string, unknown> }>(Prisma.sql`
    SELECT DISTINCT ON (bh."hitId") bh."hitId", r.values
    FROM "BatchHit" bh
    JOIN "Batch" b ON b.id = bh."batchId" AND b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment"
    JOIN "BatchRow" r ON r."batchId" = bh."batchId" AND r."rowIndex" = bh."rowIndex"
    WHERE bh."hitId" = ANY(${[...new Set(hits.map((h) => h.hitId))]}::text[])
    ORDER BY bh."hitId", bh."createdAt"`);
  for (const r of rows) out.set(r.hitId, { source: "batch", fields: Object.entries(r.values).map(([name, value]) => ({ name, value: `${(value ?? "") as string}` })) });
  for (const h of hits) {
    if (out.has(h.hitId)) continue;
    const fields = annotationFields(h.requesterAnnotation);
    if (fields) out.set(h.hitId, { source: "annotation", fields });
  }
  return out;
}
