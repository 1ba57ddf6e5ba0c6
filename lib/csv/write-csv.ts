/**
 * The one CSV writer (RFC 4180: CRLF line ends, quotes doubled), safe to open in a spreadsheet.
 *
 * Formula injection (OWASP "CSV Injection"): a cell starting with = + - @, a tab or a carriage
 * return (some spreadsheets skip those before reading a formula) is prefixed with a single
 * quote, so it is shown as text instead of run. One exception: a cell that is a plain number
 * ("-1", "+2.5", "-3e2") is left as it is. A number cannot run anything, and these files go
 * back into MTurk and into HITdesk's own review upload, where "'-1" would no longer be the
 * answer or the amount the worker gave; spreadsheets must also still sum the column.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export type CsvValue = string | number | null | undefined;

export interface CsvOptions {
  /** "always" quotes every field, as MTurk's results CSV does; "needed" only fields with , " CR or LF. */
  quote: "always" | "needed";
}

export function csvCell(value: CsvValue, options: CsvOptions = { quote: "needed" }): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return options.quote === "always" || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[], options?: CsvOptions): string {
  return values.map((v) => csvCell(v, options)).join(",") + "\r\n";
}
