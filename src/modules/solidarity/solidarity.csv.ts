// CSV for spreadsheets (RFC 4180: CRLF, quotes doubled). Text a person typed is
// kept from being read as a formula by a spreadsheet (a leading = + - @ gets a ').
const FORMULA = /^[=+\-@\t\r]/;

export type Cell = string | number | null | undefined;

function cell(value: Cell, text: boolean): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV line. `textColumns` are the indexes of free text (memo, reference, names):
 * only those are guarded, so negative amounts stay numbers.
 */
export function csvLine(values: readonly Cell[], textColumns: ReadonlySet<number> = new Set()): string {
  return `${values.map((v, i) => cell(v, textColumns.has(i))).join(',')}\r\n`;
}
