import { parseCsvWithColumns } from "@/lib/csv/parse-csv";
import { QualificationValue, WorkerId } from "@/lib/qualifications/qualification-op-input";

const VALUE_COLUMNS = ["value", "integervalue", "score"];

export type ScoreCsvResult = { ok: true; scores: { workerId: string; value: number }[] } | { ok: false; errors: string[] };

/**
 * A CSV of scores (WorkerId, value), checked whole before anything is sent: any bad row refuses
 * the whole file, naming the row. Rows are numbered as a spreadsheet shows them (header = 1).
 * A worker listed twice is an error too, since which value should win is not clear.
 */
export function parseScoreCsv(text: string): ScoreCsvResult {
  const parsed = parseCsvWithColumns(text, { WorkerId: ["workerid"], Value: VALUE_COLUMNS });
  if (!parsed.ok) return parsed;
  const { table, column } = parsed;
  const workerCol = column.WorkerId;
  const valueCol = column.Value;
  const errors: string[] = [];
  const scores: { workerId: string; value: number }[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (row.values.every((v) => v.trim() === "")) continue;
    const rawWorker = (row.values[workerCol] ?? "").trim();
    const rawValue = (row.values[valueCol] ?? "").trim();
    const worker = WorkerId.safeParse(rawWorker);
    const value = /^-?\d+$/.test(rawValue) ? QualificationValue.safeParse(Number(rawValue)) : undefined;
    if (!worker.success) errors.push(`Row ${row.line}: "${rawWorker}" is not a Worker ID`);
    if (!value?.success) errors.push(`Row ${row.line}: the value "${rawValue}" is not a whole number`);
    if (worker.success && seen.has(worker.data)) errors.push(`Row ${row.line}: ${worker.data} is already on row ${seen.get(worker.data)}`);
    if (worker.success && value?.success) {
      seen.set(worker.data, row.line);
      scores.push({ workerId: worker.data, value: value.data });
    }
  }
  if (errors.length) return { ok: false, errors };
  if (scores.length === 0) return { ok: false, errors: ["The CSV has no rows of scores"] };
  return { ok: true, scores };
}
