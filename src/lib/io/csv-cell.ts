/**
 * CSV cells that a spreadsheet will not run. A cell whose text begins with `=`, `+`, `-`, `@`, a
 * tab or a carriage return is a formula to Excel and LibreOffice (`=HYPERLINK(…)`, `=cmd|…`), so
 * every CSV Hozen writes prefixes such text with `'` (OWASP, "CSV Injection"), and every CSV it
 * reads removes that prefix again: a round trip gives back the text as it was. Text that already
 * begins with `'` before such a character gets one more, so that the rule is exactly reversible.
 */

const FORMULA = /^'*[=+\-@\t\r]/;

/** The text as written in a CSV cell (not yet quoted). Numbers are left alone: -5 is a number. */
export function guardCsvText(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** The text of a cell as read from a CSV Hozen (or anyone following the same rule) wrote. */
export function unguardCsvText(text: string): string {
  return text.startsWith("'") && FORMULA.test(text.slice(1)) ? text.slice(1) : text;
}

/** One CSV field: guarded, then quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = guardCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A row's values with their text guarded (for a CSV writer such as papaparse's `unparse`). */
export function guardCsvRow<T extends Record<string, unknown> | unknown[]>(row: T): T {
  const guard = (v: unknown) => (typeof v === 'string' ? guardCsvText(v) : v);
  return (
    Array.isArray(row)
      ? row.map(guard)
      : Object.fromEntries(Object.entries(row).map(([k, v]) => [k, guard(v)]))
  ) as T;
}

/**
 * Line breaks made one kind: CRLF and lone CR become LF. Files mix them (a CKAN export writes a
 * CRLF header and LF rows; Excel writes LF inside a quoted cell of a CRLF file), and a CSV parser
 * that guesses one kind from the first line reads the rest as one row. Read with `newline: '\n'`.
 */
export function unifyLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
