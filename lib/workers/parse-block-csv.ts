import { parseCsvWithColumns } from "@/lib/csv/parse-csv";
import { WorkerId } from "@/lib/qualifications/qualification-op-input";

/** At most this many blocks from one file; CreateWorkerBlock is one call per worker. */
export const MAX_BLOCK_ROWS = 10_000;

export type BlockCsvResult = { ok: true; blocks: { workerId: string; reason: string }[] } | { ok: false; errors: string[] };

/**
 * A CSV of blocks (WorkerId, Reason), checked whole before anything is sent: any bad row refuses
 * the file, each error naming its row (as a spreadsheet numbers them, header = 1) and column.
 */
export function parseBlockCsv(text: string): BlockCsvResult {
  const parsed = parseCsvWithColumns(text, { WorkerId: ["workerid"], Reason: ["reason"] });
  if (!parsed.ok) return parsed;
  const { table, column } = parsed;
  const workerCol = column.WorkerId;
  const reasonCol = column.Reason;
  const errors: string[] = [];
  const blocks: { workerId: string; reason: string }[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (row.values.every((v) => v.trim() === "")) continue;
    const rawWorker = (row.values[workerCol] ?? "").trim();
    const reason = (row.values[reasonCol] ?? "").trim();
    const worker = WorkerId.safeParse(rawWorker);
    if (!worker.success) errors.push(`Row ${row.line}, column WorkerId: "${rawWorker}" is not a Worker ID`);
    if (!reason) errors.push(`Row ${row.line}, column Reason: empty; MTurk requires a reason for each block`);
    else if (reason.length > 1024) errors.push(`Row ${row.line}, column Reason: ${reason.length} characters; at most 1,024`);
    if (worker.success && seen.has(worker.data)) errors.push(`Row ${row.line}, column WorkerId: ${worker.data} is already on row ${seen.get(worker.data)}`);
    if (worker.success && reason && reason.length <= 1024 && !seen.has(worker.data)) {
      seen.set(worker.data, row.line);
      blocks.push({ workerId: worker.data, reason });
    }
  }
  if (errors.length) return { ok: false, errors };
  if (blocks.length === 0) return { ok: false, errors: ["The CSV has no rows of blocks"] };
  if (blocks.length > MAX_BLOCK_ROWS) return { ok: false, errors: [`The CSV has ${blocks.length} rows; at most ${MAX_BLOCK_ROWS.toLocaleString("en-US")} at once`] };
  return { ok: true, blocks };
}
