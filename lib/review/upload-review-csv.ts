import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { parseCsv } from "@/lib/csv/parse-csv";
import { Unprocessable } from "@/lib/errors";
import { decideAssignments, type DecideResult } from "@/lib/review/decide-assignments";
import { parseBonusCsv } from "@/lib/review/parse-bonus-csv";
import { parseResultsCsv, type CsvProblem, type KnownAssignment } from "@/lib/review/parse-results-csv";
import { queueBonuses, type BonusResult } from "@/lib/review/pay-bonuses";

/** Every assignment id in the file's AssignmentId column, looked up in the cache at once. */
async function knownAssignments(ctx: TeamContext, csv: string): Promise<(id: string) => KnownAssignment | undefined> {
  let candidates: string[] = [];
  try {
    const table = parseCsv(csv);
    const col = table.header.findIndex((h) => h.trim().toLowerCase() === "assignmentid");
    if (col >= 0) candidates = [...new Set(table.rows.map((r) => (r.values[col] ?? "").trim()).filter(Boolean))];
  } catch {
    // The parser reports the problem with its line when the file is validated.
  }
  const rows = candidates.length
    ? await db.cachedAssignment.findMany({
        where: { teamId: ctx.team.id, environment: ctx.environment, assignmentId: { in: candidates } },
        select: { assignmentId: true, status: true, workerId: true, hitId: true },
      })
    : [];
  const byId = new Map(rows.map((r) => [r.assignmentId, r]));
  return (id) => byId.get(id);
}

function refuse(problems: CsvProblem[]): never {
  const shown = problems.slice(0, 3).map((p) => `line ${p.line}${p.column ? `, ${p.column}` : ""}: ${p.message}`);
  throw new Unprocessable(`Nothing was done: the file has ${problems.length} problem${problems.length === 1 ? "" : "s"} (${shown.join("; ")}${problems.length > 3 ? "; …" : ""})`, { problems });
}

export type ResultsCsvOutcome = { preview: boolean; approve: number; reject: number; jobIds: string[] };

/**
 * Applies MTurk's results CSV: validated completely first, so an error anywhere means nothing
 * is decided. Approvals and rejections then go through decideAssignments like any other.
 */
export async function uploadResultsCsv(ctx: TeamContext, input: { csv: string; preview?: boolean }): Promise<ResultsCsvOutcome> {
  const { decisions, problems } = parseResultsCsv(input.csv, await knownAssignments(ctx, input.csv));
  if (problems.length) refuse(problems);
  const approve = decisions.filter((d) => d.action === "approve").map((d) => d.assignmentId);
  const rejections = decisions.filter((d) => d.action === "reject");
  if (input.preview) return { preview: true, approve: approve.length, reject: rejections.length, jobIds: [] };
  const results: DecideResult[] = [];
  if (approve.length) results.push(await decideAssignments(ctx, { action: "approve", assignmentIds: approve }));
  // One decision per distinct reason: each worker sees the reason written on their row.
  const byReason = new Map<string, string[]>();
  for (const r of rejections) byReason.set(r.feedback!, [...(byReason.get(r.feedback!) ?? []), r.assignmentId]);
  for (const [feedback, assignmentIds] of byReason) {
    results.push(await decideAssignments(ctx, { action: "reject", feedback, assignmentIds, confirmedImpact: true }));
  }
  const jobIds = results.flatMap((r) => (!r.confirmRequired && r.jobId ? [r.jobId] : []));
  return { preview: false, approve: approve.length, reject: rejections.length, jobIds };
}

/** A bonus CSV, validated completely first; a row already in the ledger is not paid again. */
export async function uploadBonusCsv(ctx: TeamContext, input: { csv: string; preview?: boolean }): Promise<BonusResult> {
  const limit = ctx.role === "reviewer" ? ctx.team.reviewerBonusLimitCents : undefined;
  const { rows, problems } = parseBonusCsv(input.csv, await knownAssignments(ctx, input.csv), limit);
  if (problems.length) refuse(problems);
  return queueBonuses(
    ctx,
    rows.map((r) => ({
      assignmentId: r.assignmentId,
      workerId: r.workerId,
      hitId: r.hitId,
      amountCents: r.amountCents,
      reason: r.reason,
      tokenParts: ["csv", r.workerId, r.assignmentId, r.amountCents, r.reason, r.occurrence],
    })),
    { preview: input.preview },
  );
}
