import { CsvError, parseCsv } from "@/lib/csv/parse-csv";
import type { CsvProblem, KnownAssignment } from "@/lib/review/parse-results-csv";

/**
 * A bonus CSV: WorkerId, AssignmentId, an amount in dollars and a reason per row. Each row
 * carries its occurrence number among identical rows, so the same file uploaded again maps
 * every row to the same UniqueRequestToken, while two identical rows in one file stay two
 * payments.
 */
export interface BonusRow {
  line: number;
  workerId: string;
  assignmentId: string;
  hitId: string;
  amountCents: number;
  reason: string;
  occurrence: number;
}

const AMOUNT = /^\$?\d{1,4}(\.\d{1,2})?$/;

const column = (header: string[], names: string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase().replace(/[\s_]/g, "")));

export function parseBonusCsv(text: string, known: (assignmentId: string) => KnownAssignment | undefined, limitCents?: number): { rows: BonusRow[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { rows: [], problems: [{ line: e.line, column: "", message: e.message.replace(/^Line \d+: /, "") }] };
    throw e;
  }
  const cols = {
    WorkerId: column(table.header, ["workerid"]),
    AssignmentId: column(table.header, ["assignmentid"]),
    Amount: column(table.header, ["amount", "bonusamount", "bonus"]),
    Reason: column(table.header, ["reason"]),
  };
  for (const [name, i] of Object.entries(cols)) if (i < 0) problems.push({ line: 1, column: name, message: `The header has no ${name} column` });
  if (problems.length) return { rows: [], problems };

  const rows: BonusRow[] = [];
  const occurrences = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (i: number) => (row.values[i] ?? "").trim();
    const [workerId, assignmentId, amount, reason] = [cell(cols.WorkerId), cell(cols.AssignmentId), cell(cols.Amount), cell(cols.Reason)];
    if (!workerId && !assignmentId && !amount && !reason) continue;
    const before = problems.length;
    const problem = (col: string, message: string) => problems.push({ line: row.line, column: col, message });
    const a = assignmentId ? known(assignmentId) : undefined;
    if (!assignmentId) problem("AssignmentId", "No assignment id");
    else if (!a) problem("AssignmentId", `Assignment ${assignmentId} is not in this environment (sync, or check the environment)`);
    if (!workerId) problem("WorkerId", "No worker id");
    else if (a && a.workerId !== workerId) problem("WorkerId", `Assignment ${assignmentId} was done by ${a.workerId}, not ${workerId}`);
    const amountCents = AMOUNT.test(amount) ? Math.round(Number(amount.replace("$", "")) * 100) : NaN;
    if (!AMOUNT.test(amount)) problem("Amount", `"${amount}" is not an amount like 0.50`);
    else if (amountCents < 1) problem("Amount", "A bonus is at least $0.01");
    else if (limitCents !== undefined && amountCents > limitCents) problem("Amount", `More than your limit of $${(limitCents / 100).toFixed(2)} per bonus`);
    if (!reason) problem("Reason", "A bonus needs a reason the worker will see");
    else if (reason.length > 1024) problem("Reason", "The reason is longer than 1,024 characters");
    if (problems.length > before) continue;
    const key = JSON.stringify([workerId, assignmentId, amountCents, reason]);
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    rows.push({ line: row.line, workerId, assignmentId, hitId: a!.hitId, amountCents, reason, occurrence });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 1, column: "", message: "The file has no bonus rows" });
  return { rows, problems };
}
