import { CsvError, parseCsv } from "@/lib/csv/parse-csv";

/**
 * MTurk's batch results CSV with the requester site's review columns filled in: `Approve`
 * marked ("x", or anything non-empty) approves the row's assignment, `Reject` holding a reason
 * rejects it with that reason as feedback. Rows with neither are left alone. Pure: the caller
 * passes what it knows of each assignment.
 */
export interface CsvProblem {
  line: number;
  column: string;
  message: string;
}

export interface ResultsDecision {
  line: number;
  assignmentId: string;
  action: "approve" | "reject";
  feedback?: string;
}

export type KnownAssignment = { status: string; workerId: string; hitId: string };

const column = (header: string[], names: string[]) => header.findIndex((h) => names.some((n) => h.trim().toLowerCase() === n.toLowerCase()));

export function parseResultsCsv(text: string, known: (assignmentId: string) => KnownAssignment | undefined): { decisions: ResultsDecision[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { decisions: [], problems: [{ line: e.line, column: "", message: e.message.replace(/^Line \d+: /, "") }] };
    throw e;
  }
  const idCol = column(table.header, ["AssignmentId"]);
  const approveCol = column(table.header, ["Approve"]);
  const rejectCol = column(table.header, ["Reject"]);
  if (idCol < 0) problems.push({ line: 1, column: "AssignmentId", message: "The header has no AssignmentId column" });
  if (approveCol < 0 && rejectCol < 0) problems.push({ line: 1, column: "Approve", message: "The header has neither an Approve nor a Reject column" });
  if (problems.length) return { decisions: [], problems };

  const decisions: ResultsDecision[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? (row.values[i] ?? "").trim() : "");
    const approve = cell(approveCol);
    const reject = cell(rejectCol);
    if (!approve && !reject) continue;
    const assignmentId = cell(idCol);
    const problem = (col: string, message: string) => problems.push({ line: row.line, column: col, message });
    if (approve && reject) {
      problem("Reject", "Both Approve and Reject are filled; keep one");
      continue;
    }
    if (!assignmentId) {
      problem("AssignmentId", "No assignment id");
      continue;
    }
    const earlier = seen.get(assignmentId);
    if (earlier !== undefined) {
      problem("AssignmentId", `Assignment ${assignmentId} is decided again (first on line ${earlier})`);
      continue;
    }
    seen.set(assignmentId, row.line);
    const a = known(assignmentId);
    if (!a) {
      problem("AssignmentId", `Assignment ${assignmentId} is not in this environment (sync, or check the environment)`);
      continue;
    }
    if (a.status !== "Submitted") {
      problem("AssignmentId", `Assignment ${assignmentId} is already ${a.status}`);
      continue;
    }
    if (reject.length > 1024) {
      problem("Reject", "The rejection reason is longer than 1,024 characters");
      continue;
    }
    decisions.push(approve ? { line: row.line, assignmentId, action: "approve" } : { line: row.line, assignmentId, action: "reject", feedback: reject });
  }
  if (decisions.length === 0 && problems.length === 0) problems.push({ line: 1, column: "Approve", message: "No row has Approve or Reject filled in" });
  return { decisions, problems };
}
