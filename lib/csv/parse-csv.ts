import { controlCharacterProblem } from "@/lib/http/control-characters";

/**
 * CSV as spreadsheets write it (RFC 4180): a UTF-8 BOM is dropped, quoted fields may hold
 * commas, doubled quotes and newlines, line endings may be CRLF or LF. Errors name the line.
 */
export interface CsvTable {
  header: string[];
  /** Each row with its 1-based line number in the file (the header is line 1). */
  rows: { line: number; values: string[] }[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; values: string[] }[] = [];
  let field = "";
  let values: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    values.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, values });
    values = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = src[i + 1];
          if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") throw new CsvError(line, "text after a closing quote; quote the whole field");
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted) throw new CsvError(line, 'a quote inside an unquoted field; wrap the field in quotes and double the inner quote ("")');
      quoted = true;
      fieldStarted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, "a quoted field is never closed");
  if (field !== "" || values.length > 0 || fieldStarted) endRecord();
  const [head, ...rows] = records;
  if (!head || head.values.every((v) => v.trim() === "")) throw new CsvError(1, "the file is empty or has no header row");
  const header = head.values.map((h) => h.trim());
  // A NUL (or other control character) in a cell cannot be stored as text; name the cell.
  for (const record of records) {
    record.values.forEach((value, i) => {
      const problem = controlCharacterProblem(value);
      if (problem) throw new CsvError(record.line, `${record === head ? "the header" : `column ${header[i] ? `"${header[i]}"` : i + 1}`} ${problem}`);
    });
  }
  return { header, rows };
}

/**
 * Parses a CSV and finds the columns it must have, by name (any case; `columns` maps each name
 * as shown in errors to the lower-case headers accepted for it). Bad CSV or a missing column
 * is the one error that refuses the file.
 */
export function parseCsvWithColumns<Name extends string>(text: string, columns: Record<Name, string[]>): { ok: true; table: CsvTable; column: Record<Name, number> } | { ok: false; errors: string[] } {
  let table: CsvTable;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, errors: [e.message] };
    throw e;
  }
  const header = table.header.map((h) => h.trim().toLowerCase());
  const column = Object.fromEntries(Object.entries<string[]>(columns).map(([name, accepted]) => [name, header.findIndex((h) => accepted.includes(h))])) as Record<Name, number>;
  const missing = Object.keys(columns).filter((name) => column[name as Name] < 0);
  if (missing.length) return { ok: false, errors: [`The header needs the column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")} (found: ${table.header.join(", ") || "nothing"})`] };
  return { ok: true, table, column };
}
