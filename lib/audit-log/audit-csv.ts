/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break is
 * quoted, quotes doubled), safe to open in a spreadsheet: a cell starting with = + - @ (or a
 * tab or carriage return, which some spreadsheets skip before reading a formula) is prefixed
 * with a single quote, so it is shown as text instead of run as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
