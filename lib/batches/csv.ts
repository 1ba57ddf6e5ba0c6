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
  return { header: head.values.map((h) => h.trim()), rows };
}
