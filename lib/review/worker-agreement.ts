import "server-only";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { matchesMajority } from "@/lib/review/answer-agreement";
import { flattenAnswers } from "@/lib/review/flatten-answers";
import type { Scope } from "@/lib/scope";

/** Whose work is compared: everything in the cache, one batch's HITs, or a project's batches' HITs. */
export type AgreementSource = { kind: "all" } | { kind: "batch"; batchId: string } | { kind: "project"; projectId: string };

export interface WorkerAgreement {
  workerId: string;
  /** Assignments that could be compared: their HIT had a majority answer among the other workers. */
  compared: number;
  /** Of those, the ones that matched it. */
  agreed: number;
  /** agreed / compared, in percent. */
  percent: number;
}

const HITS_PER_READ = 500;

async function hitIdsOf(scope: Scope, source: AgreementSource): Promise<string[]> {
  if (source.kind === "all") {
    const rows = await db.$queryRaw<{ hitId: string }[]>`
      SELECT DISTINCT "hitId" FROM "CachedAssignment"
      WHERE "teamId" = ${scope.teamId} AND "environment" = ${scope.environment}::"Environment" AND "answers" IS NOT NULL ORDER BY "hitId"`;
    return rows.map((r) => r.hitId);
  }
  const batches =
    source.kind === "batch"
      ? await db.batch.findMany({ where: { ...scope, id: source.batchId }, select: { id: true } })
      : await db.batch.findMany({ where: { ...scope, projectId: source.projectId }, select: { id: true } });
  if (source.kind === "batch" && batches.length === 0) throw new NotFound("No batch of this team has that id in this environment");
  if (source.kind === "project" && !(await db.project.findFirst({ where: { id: source.projectId, teamId: scope.teamId }, select: { id: true } }))) {
    throw new NotFound("No project of this team has that id");
  }
  const links = await db.batchHit.findMany({ where: { batchId: { in: batches.map((b) => b.id) } }, select: { hitId: true }, distinct: ["hitId"] });
  return links.map((l) => l.hitId).sort();
}

/** Tallies, HIT by HIT, whether each assignment matches the majority of the others on its HIT. */
async function tally(scope: Scope, hitIds: string[]): Promise<WorkerAgreement[]> {
  const counts = new Map<string, { compared: number; agreed: number }>();
  for (let i = 0; i < hitIds.length; i += HITS_PER_READ) {
    const rows = await db.cachedAssignment.findMany({
      where: { ...scope, hitId: { in: hitIds.slice(i, i + HITS_PER_READ) }, answers: { not: Prisma.DbNull }, status: { in: ["Submitted", "Approved", "Rejected"] } },
      select: { hitId: true, workerId: true, answers: true },
    });
    const byHit = new Map<string, { workerId: string; answers: ReturnType<typeof flattenAnswers> }[]>();
    for (const r of rows) {
      const list = byHit.get(r.hitId) ?? [];
      list.push({ workerId: r.workerId, answers: flattenAnswers(r.answers as Record<string, string> | null) });
      byHit.set(r.hitId, list);
    }
    for (const work of byHit.values()) {
      work.forEach((mine, k) => {
        const match = matchesMajority(
          mine.answers,
          work.filter((_, j) => j !== k).map((o) => o.answers),
        );
        if (match === null) return;
        const t = counts.get(mine.workerId) ?? { compared: 0, agreed: 0 };
        t.compared++;
        if (match) t.agreed++;
        counts.set(mine.workerId, t);
      });
    }
  }
  return [...counts]
    .map(([workerId, t]) => ({ workerId, ...t, percent: Math.round((1000 * t.agreed) / t.compared) / 10 }))
    .sort((a, b) => b.percent - a.percent || b.compared - a.compared || a.workerId.localeCompare(b.workerId));
}

/**
 * Each worker's agreement with the other workers of the same HITs, from the cached answers: the
 * share of their compared assignments whose answers match the majority of the others' (the
 * comparison the review view shows per field, lib/review/answer-agreement.ts). Reads the HITs a
 * few hundred at a time, so memory holds one slice of answers and a counter per worker.
 */
export async function workerAgreement(scope: Scope, source: AgreementSource): Promise<WorkerAgreement[]> {
  return tally(scope, await hitIdsOf(scope, source));
}

/** One worker's agreement over every HIT they answered, for their profile; null when nothing could be compared. */
export async function agreementOfWorker(scope: Scope, workerId: string): Promise<WorkerAgreement | null> {
  const hits = await db.cachedAssignment.findMany({ where: { ...scope, workerId, answers: { not: Prisma.DbNull } }, select: { hitId: true } });
  const all = await tally(scope, [...new Set(hits.map((h) => h.hitId))].sort());
  return all.find((w) => w.workerId === workerId) ?? null;
}
