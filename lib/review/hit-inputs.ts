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

/**
 * A HIT's batch row (the first batch that made it) as a scalar subquery on `hitId`: null when
 * no batch of the team made it. Read with the rows that show it (the review queue's page).
 */
export const batchRowValues = (scope: Scope, hitId: Prisma.Sql) => Prisma.sql`(
  SELECT r.values FROM "BatchHit" bh
  JOIN "Batch" b ON b.id = bh."batchId" AND b."teamId" = ${scope.teamId} AND b.environment = ${scope.environment}::"Environment"
  JOIN "BatchRow" r ON r."batchId" = bh."batchId" AND r."rowIndex" = bh."rowIndex"
  WHERE bh."hitId" = ${hitId} ORDER BY bh."createdAt" LIMIT 1)`;

/** A HIT's inputs: its batch row's values (batchRowValues), else a JSON RequesterAnnotation. */
export function inputsOf(batchValues: Record<string, unknown> | null, annotation: string | null): HitInputs | null {
  if (batchValues) return { source: "batch", fields: Object.entries(batchValues).map(([name, value]) => ({ name, value: `${(value ?? "") as string}` })) };
  const fields = annotationFields(annotation);
  return fields ? { source: "annotation", fields } : null;
}

/** The inputs of each HIT given (with its cached annotation), by HIT id; HITs without any are left out. */
export async function hitInputs(scope: Scope, hits: { hitId: string; requesterAnnotation: string | null }[]): Promise<Map<string, HitInputs>> {
  const out = new Map<string, HitInputs>();
  if (hits.length === 0) return out;
  const rows = await queryRows<{ hitId: string; values: Record<string, unknown> | null }>(Prisma.sql`
    SELECT ids.id AS "hitId", ${batchRowValues(scope, Prisma.sql`ids.id`)} AS values
    FROM unnest(${[...new Set(hits.map((h) => h.hitId))]}::text[]) AS ids(id)`);
  const values = new Map(rows.map((r) => [r.hitId, r.values]));
  for (const h of hits) {
    const inputs = inputsOf(values.get(h.hitId) ?? null, h.requesterAnnotation);
    if (inputs) out.set(h.hitId, inputs);
  }
  return out;
}
