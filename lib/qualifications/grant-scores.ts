import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { Invalid, NotFound } from "@/lib/errors";
import type { GrantAgreementInput, GrantBatchInput, ScoreCsvInput } from "@/lib/qualifications/qualification-op-input";
import { parseScoreCsv } from "@/lib/qualifications/parse-score-csv";
import { runQualificationOps } from "@/lib/qualifications/qualification-ops-job";
import { workerAgreement } from "@/lib/review/worker-agreement";
import type { Actor, Scope } from "@/lib/scope";

/** Only the team's own types (its cache): another team's id is refused before any preview is computed. */
async function requireOwnType(ctx: Actor, qualificationTypeId: string): Promise<void> {
  const key = { teamId: ctx.team.id, environment: ctx.environment, qualificationTypeId };
  if (!(await db.cachedQualificationType.findUnique({ where: { teamId_environment_qualificationTypeId: key }, select: { qualificationTypeId: true } }))) {
    throw new NotFound("Qualification type not found");
  }
}

/** Scores from a CSV: refused whole (400 naming the rows) if any row is bad; a preview sends nothing. */
export async function grantScoresFromCsv(ctx: Actor, qualificationTypeId: string, input: z.output<typeof ScoreCsvInput>) {
  await requireOwnType(ctx, qualificationTypeId);
  const parsed = parseScoreCsv(input.csv);
  if (!parsed.ok) throw new Invalid(`The CSV was not used: ${parsed.errors.slice(0, 5).join("; ")}${parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : ""}`, parsed.errors);
  if (input.preview) return { total: parsed.scores.length, workers: parsed.scores.slice(0, 20) };
  return runQualificationOps(
    ctx,
    qualificationTypeId,
    parsed.scores.map((s) => ({ op: "grant" as const, workerId: s.workerId, value: s.value, notify: input.notify })),
    "grant-csv",
  );
}

/** Workers with at least one approved assignment on a HIT of the batch (from the cache). */
export async function approvedWorkersOfBatch(scope: Scope, batchId: string): Promise<string[]> {
  const batch = await db.batch.findFirst({ where: { id: batchId, ...scope }, select: { id: true } });
  if (!batch) throw new NotFound("No batch of this team has that id in this environment");
  const rows = await db.$queryRaw<{ workerId: string }[]>`
    SELECT DISTINCT a."workerId" FROM "CachedAssignment" a
    JOIN "BatchHit" b ON b."hitId" = a."hitId" AND b."batchId" = ${batchId}
    WHERE a."teamId" = ${scope.teamId} AND a."environment" = ${scope.environment}::"Environment" AND a."status" = 'Approved'
    ORDER BY a."workerId"`;
  return rows.map((r) => r.workerId);
}

export async function grantToBatchWorkers(ctx: Actor, qualificationTypeId: string, input: z.output<typeof GrantBatchInput>) {
  const workers = await approvedWorkersOfBatch({ teamId: ctx.team.id, environment: ctx.environment }, input.batchId);
  if (input.preview) return { total: workers.length, workers: workers.slice(0, 20).map((workerId) => ({ workerId, value: input.value })) };
  if (workers.length === 0) throw new Invalid("No worker has an approved assignment in that batch yet (as of the last sync)");
  return runQualificationOps(
    ctx,
    qualificationTypeId,
    workers.map((workerId) => ({ op: "grant" as const, workerId, value: input.value, notify: input.notify })),
    "grant-batch",
  );
}

/**
 * Grant to the workers whose answers agree with the other workers' majority on at least
 * minPercent of their compared assignments (and at least minCompared of them). The preview
 * lists them with their agreement; the grant is a durable job, one item per worker.
 */
export async function grantByAgreement(ctx: Actor, qualificationTypeId: string, input: z.output<typeof GrantAgreementInput>) {
  await requireOwnType(ctx, qualificationTypeId);
  const all = await workerAgreement({ teamId: ctx.team.id, environment: ctx.environment }, input.source);
  const chosen = all.filter((w) => w.compared >= input.minCompared && w.percent >= input.minPercent);
  if (input.preview) return { total: chosen.length, considered: all.length, workers: chosen.slice(0, 100).map((w) => ({ ...w, value: input.value })) };
  if (chosen.length === 0) throw new Invalid(`No worker has ${input.minPercent}% agreement or more over at least ${input.minCompared} compared assignments (as of the last sync)`);
  return runQualificationOps(
    ctx,
    qualificationTypeId,
    chosen.map((w) => ({ op: "grant" as const, workerId: w.workerId, value: input.value, notify: input.notify })),
    "grant-agreement",
  );
}

/** The team's projects, for choosing whose work agreement is measured on. */
export async function projectChoices(teamId: string): Promise<{ id: string; name: string }[]> {
  return db.project.findMany({ where: { teamId, archivedAt: null }, orderBy: { updatedAt: "desc" }, take: 50, select: { id: true, name: true } });
}

/** The newest batches, for "grant to all workers approved in batch X". */
export async function batchChoices(scope: Scope): Promise<{ id: string; name: string }[]> {
  return db.batch.findMany({ where: scope, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, name: true } });
}
