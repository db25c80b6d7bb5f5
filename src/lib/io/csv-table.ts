/**
 * A small CSV as a table of text cells: a byte-order mark dropped, line breaks of any kind (a CRLF
 * header over LF rows, as CKAN exports write) read as one, blank lines skipped; refused with the
 * reason when there is no row under the header or more rows than `maxRows`.
 */
import Papa from 'papaparse';
import { unifyLineBreaks } from './csv-cell';
import type { RowError } from './row-error';

export type CsvTable = { ok: true; rows: string[][] } | { ok: false; errors: RowError[] };

/** A problem with the whole file (row 0, no column). */
export function fileError(file: string, reason: string, reasonJa: string) {
  return {
    ok: false as const,
    errors: [{ file, row: 0, column: null, value: null, reason, reasonJa }]
  };
}

export function readCsvTable(text: string, file: string, maxRows: number): CsvTable {
  const rows = Papa.parse<string[]>(unifyLineBreaks(text.replace(/^\uFEFF/, '')), {
    skipEmptyLines: 'greedy',
    newline: '\n'
  }).data;
  if (rows.length < 2)
    return fileError(file, 'no rows under the header', '見出しの下に行がありません');
  if (rows.length - 1 > maxRows)
    return fileError(
      file,
      `more than ${maxRows} rows (${rows.length - 1}); split the file`,
      `行が ${maxRows} を超えています（${rows.length - 1} 行）。ファイルを分けてください`
    );
  return { ok: true, rows };
}
