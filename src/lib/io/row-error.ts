/** A problem with one cell (or row, or the whole file) of an input file. */
export interface RowError {
  file: string;
  /** 1-based line of the file (the header is row 1); 0 for the file as a whole. */
  row: number;
  column: string | null;
  value: string | null;
  /** Why, in English (the command line, logs), and in Japanese where the reader said it. */
  reason: string;
  reasonJa?: string;
}

/** The reason in the reader's language (English where it was said only in English). */
export const reasonIn = (lang: 'ja' | 'en', e: RowError): string =>
  lang === 'ja' ? (e.reasonJa ?? e.reason) : e.reason;

/** `file:row: column: reason (value "…")` — one line, for the command line and logs. */
export function formatRowError(e: RowError): string {
  const where = e.row > 0 ? `${e.file}:${e.row}` : e.file;
  const column = e.column ? ` column ${e.column}:` : '';
  const value = e.value !== null && e.value !== undefined ? ` (value "${e.value}")` : '';
  return `${where}:${column} ${e.reason}${value}`;
}

/** A reader's refusal of a whole file: why, in English, and in Japanese where it is said. */
export interface Refusal {
  ok: false;
  reason: string;
  reasonJa?: string;
}
