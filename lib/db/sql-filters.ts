import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** An ILIKE pattern that finds `text` anywhere, with its own % _ \ taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Rows (alias `row`, a cached HIT or assignment with "teamId", environment and "hitId") whose
 * HIT a batch created, of this batch and/or project. Goes through BatchHit, so it matches what
 * the batch created whatever the HIT's annotation says.
 */
export function createdByBatch(row: "h" | "a", filter: { batch?: string; project?: string }): Prisma.Sql | undefined {
  if (!filter.batch && !filter.project) return undefined;
  const r = Prisma.raw(row);
  const batch = filter.batch ? Prisma.sql`AND b.id = ${filter.batch}` : Prisma.empty;
  const project = filter.project ? Prisma.sql`AND b."projectId" = ${filter.project}` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM "BatchHit" bh JOIN "Batch" b ON b.id = bh."batchId"
    WHERE bh."hitId" = ${r}."hitId" AND b."teamId" = ${r}."teamId" AND b.environment = ${r}.environment ${batch} ${project})`;
}
