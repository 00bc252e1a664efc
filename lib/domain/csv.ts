// CSV writing for exports (docs/decisions/041-csv-export-and-cab-agenda.md): RFC 4180 quoting,
// CRLF line ends, and protection against formula injection: a spreadsheet runs a cell that
// begins with = + - @ (or a tab or carriage return before one) as a formula, so such a cell
// gets a leading single quote (OWASP "CSV Injection"). Pure: no I/O, no clock.

export type CsvValue = string | number | boolean | null | undefined;

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only with it. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it, never as a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: text of the value, neutralized, quoted when it holds a quote, comma, CR or LF. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // numbers are written by us, never typed by a person: a negative number stays a number
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending in CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole document: BOM, header, rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}

/** The file name of an export made on a day: relm-<what>-YYYY-MM-DD.csv (UTC). */
export function csvFileName(what: string, at: Date): string {
  return `relm-${what.replace(/[^a-z0-9-]/gi, '')}-${at.toISOString().slice(0, 10)}.csv`;
}
