import { CsvError, parseCsv } from "@/lib/csv/parse-csv";
import { dollarsToCents } from "@/lib/money";
import { hitCostCents, type FeeSchedule } from "@/lib/mturk-formats/fees";
import { QuestionInvalid, validateQuestion } from "@/lib/mturk-formats/question";
import { designPlaceholders, questionForRow, type ProjectDesign } from "@/lib/projects/project-design";

/**
 * A CSV checked against a design before anything is created: every row is rendered to its
 * Question XML and validated as MTurk would, and the cost is computed by the environment's fee
 * schedule. Any error means nothing will be created.
 */
export interface BatchProblem {
  /** 1-based data row (the header is not a row); absent for problems of the whole file. */
  row?: number;
  column?: string;
  message: string;
}

export interface BatchEstimate {
  hits: number;
  assignments: number;
  rewardsCents: number;
  feesCents: number;
  totalCents: number;
  /** The same batch as HITs of ≤ 9 assignments, when that avoids the 10+ surcharge. */
  splitAlternative: { hitsPerRow: number; totalCents: number; savingsCents: number } | null;
}

export interface BatchPlan {
  columns: string[];
  rows: Record<string, string>[];
  problems: BatchProblem[];
  /** Assignments of each HIT of a row: one entry per HIT. */
  hitAssignments: number[];
  estimate: BatchEstimate;
}

export const MAX_BATCH_ROWS = 50_000;
const MAX_FIELD_CHARS = 16_000;
const MAX_PROBLEMS = 50;

/** Splits n assignments into HITs of at most 9, as evenly as possible. */
export function splitAssignments(n: number): number[] {
  const hits = Math.ceil(n / 9);
  return Array.from({ length: hits }, (_, i) => Math.floor(n / hits) + (i < n % hits ? 1 : 0));
}

function estimateFor(hitAssignments: number[], rows: number, rewardCents: number, masters: boolean, schedule: FeeSchedule) {
  let rewards = 0;
  let fees = 0;
  for (const a of hitAssignments) {
    const c = hitCostCents(rewardCents, a, masters, schedule);
    rewards += c.rewards;
    fees += c.fees;
  }
  return {
    hits: hitAssignments.length * rows,
    assignments: hitAssignments.reduce((x, y) => x + y, 0) * rows,
    rewardsCents: rewards * rows,
    feesCents: fees * rows,
    totalCents: (rewards + fees) * rows,
  };
}

export function planBatch(design: ProjectDesign, csvText: string, options: { split: boolean; schedule: FeeSchedule; masters: boolean }): BatchPlan {
  const problems: BatchProblem[] = [];
  const rewardCents = dollarsToCents(design.reward);
  const single = [design.assignmentsPerHit];
  const split = design.assignmentsPerHit >= 10 ? splitAssignments(design.assignmentsPerHit) : single;
  const hitAssignments = options.split ? split : single;
  const empty: BatchPlan = { columns: [], rows: [], problems, hitAssignments, estimate: { ...estimateFor(hitAssignments, 0, rewardCents, options.masters, options.schedule), splitAlternative: null } };

  let table;
  try {
    table = parseCsv(csvText);
  } catch (e) {
    if (e instanceof CsvError) return { ...empty, problems: [{ message: e.message }] };
    throw e;
  }
  const columns = table.header.map((h) => h.trim());
  if (columns.length === 0 || columns.every((c) => c === "")) return { ...empty, problems: [{ message: "The file is empty: the first line must name the columns" }] };
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (!c) problems.push({ column: `#${i + 1}`, message: `Column ${i + 1} has no name in the header` });
    else if (seen.has(c)) problems.push({ column: c, message: `Column "${c}" appears twice in the header` });
    seen.add(c);
  });
  const missing = designPlaceholders(design.task).filter((p) => !seen.has(p));
  for (const p of missing) problems.push({ column: p, message: `The task uses \${${p}} but the file has no "${p}" column` });
  if (table.rows.length === 0) problems.push({ message: "The file has a header but no rows" });
  if (table.rows.length > MAX_BATCH_ROWS) problems.push({ message: `The file has ${table.rows.length} rows; a batch holds at most ${MAX_BATCH_ROWS}` });

  const rows: Record<string, string>[] = [];
  if (missing.length === 0 && problems.length === 0) {
    table.rows.forEach((r, i) => {
      if (problems.length >= MAX_PROBLEMS) return;
      const row = i + 1;
      if (r.values.length !== columns.length) {
        problems.push({ row, message: `Row ${row} (line ${r.line}) has ${r.values.length} fields; the header has ${columns.length}` });
        return;
      }
      if (r.values.every((v) => v.trim() === "")) {
        problems.push({ row, message: `Row ${row} (line ${r.line}) is empty` });
        return;
      }
      const values = Object.fromEntries(columns.map((c, k) => [c, r.values[k]!]));
      for (const [column, value] of Object.entries(values)) {
        if (value.length > MAX_FIELD_CHARS) problems.push({ row, column, message: `Row ${row}, column "${column}": ${value.length} characters; at most ${MAX_FIELD_CHARS}` });
      }
      try {
        validateQuestion(questionForRow(design.task, values));
      } catch (e) {
        if (!(e instanceof QuestionInvalid)) throw e;
        const column = designPlaceholders(design.task).find((p) => e.message.includes(values[p] ?? "\u0000"));
        problems.push({ row, ...(column ? { column } : {}), message: `Row ${row}${column ? `, column "${column}"` : ""}: ${e.message.replace(/^Question: /, "the task ")}` });
      }
      rows.push(values);
    });
  }

  const estimate = estimateFor(hitAssignments, rows.length, rewardCents, options.masters, options.schedule);
  const splitEstimate = design.assignmentsPerHit >= 10 ? estimateFor(split, rows.length, rewardCents, options.masters, options.schedule) : null;
  const unsplit = estimateFor(single, rows.length, rewardCents, options.masters, options.schedule);
  return {
    columns,
    rows: problems.length ? [] : rows,
    problems: problems.slice(0, MAX_PROBLEMS),
    hitAssignments,
    estimate: {
      ...estimate,
      splitAlternative: splitEstimate && !options.split ? { hitsPerRow: split.length, totalCents: splitEstimate.totalCents, savingsCents: unsplit.totalCents - splitEstimate.totalCents } : null,
    },
  };
}
