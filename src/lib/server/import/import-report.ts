/** What an import is asked to do, and what it reports back (row problems, counts, words). */
import type { Said } from '../../i18n/said';
import {
  dictionaryTemplate,
  type ImportFormat,
  type ImportMapping,
  type ImportTarget
} from '../../io/import-mapping';
import type { RowError } from '../../io/row-error';
import type { TextEncoding } from '../../io/text-encoding';
import type { FileKind } from './read-file';

export interface ImportOptions {
  /** The file on disk, and the name to report (defaults to its base name). */
  path: string;
  name?: string;
  format?: ImportFormat;
  mapping?: ImportMapping | null;
  /** A GeoPackage's (or a .zip of several Shapefiles') layer to import; the only one if absent. */
  layer?: string | null;
  /** GeoJSON: the CRS of the coordinates (EPSG:4326, 6668, 6669–6687); detected when absent. */
  crs?: string | null;
  encoding?: TextEncoding | 'auto';
  dryRun?: boolean;
  /** Import the valid rows and skip (and list) the invalid ones. */
  validOnly?: boolean;
  username?: string | null;
  now?: string;
  /** Rows read so far (validation) and written so far, for a progress bar. */
  onProgress?: (phase: 'validate' | 'write', rows: number) => void;
  /** Called after each written batch (tests inject failures here). */
  afterBatch?: (written: number) => void | Promise<void>;
}

export interface ImportReport {
  file: string;
  kind: FileKind;
  format: ImportFormat | null;
  target: ImportTarget | null;
  encoding: TextEncoding | null;
  crs: string | null;
  /** Data rows (or features) read. */
  rows: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Hazard zones from an earlier import of the same file, replaced. */
  replaced: number;
  /** Rows that are not renewable assets (land, movables …), by account. */
  skipped: Record<string, number>;
  errors: RowError[];
  /** Building uses no category was found for, with their row counts: map them. */
  unknownCategories: { value: string; rows: number }[];
  /**
   * Every coded field's words no rule knows (category, structure, material, condition_grade),
   * with their row counts, most rows first; and a mapping with an entry to fill for each.
   */
  unknownWords: { field: string; value: string; rows: number }[];
  dictionaryTemplate: ImportMapping | null;
  /**
   * Facilities: where each one's use category came from — the file's category column, its name
   * (体育館 → sports), or nowhere (imported as 未分類, to classify). Null for other tables.
   */
  categories: { fromColumn: number; fromName: number; unclassified: number } | null;
  /**
   * A 施設カルテ-style list (a facility and its building on one row): the buildings created,
   * updated and unchanged (counted apart from the facilities), and those waiting because their
   * facility is 未分類 (a building needs a use category: classify, then import again).
   */
  buildings: { created: number; updated: number; unchanged: number; pending: number } | null;
  /** A facility list without an ID column: its codes were made from names and addresses. */
  codesGenerated: boolean;
  /** Updated records and the fields that changed (the first 200). */
  changes: { code: string; fields: string[] }[];
  written: boolean;
  dryRun: boolean;
}

/** A file-level problem (the report carries it as an error of row 0). */
export function fileError(
  report: ImportReport,
  reason: string | Said,
  column: string | null = null
): ImportReport {
  report.errors.push(
    typeof reason === 'string'
      ? { file: report.file, row: 0, column, value: null, reason }
      : { file: report.file, row: 0, column, value: null, reason: reason.en, reasonJa: reason.ja }
  );
  return report;
}

/** An empty report of the file `file`. */
export function newReport(file: string, options: ImportOptions): ImportReport {
  return {
    file,
    kind: 'csv',
    format: options.format ?? null,
    target: null,
    encoding: null,
    crs: null,
    rows: 0,
    valid: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    replaced: 0,
    skipped: {},
    errors: [],
    unknownCategories: [],
    unknownWords: [],
    dictionaryTemplate: null,
    categories: null,
    buildings: null,
    codesGenerated: false,
    changes: [],
    written: false,
    dryRun: !!options.dryRun
  };
}

/** The report's unknown words (the categories and the other coded fields), and their template. */
export function listUnknownWords(
  report: ImportReport,
  words: ReadonlyMap<string, ReadonlyMap<string, number>>
): void {
  report.unknownWords = [
    ...report.unknownCategories
      .filter((u) => u.value !== '(empty)')
      .map((u) => ({ field: 'category', ...u })),
    ...[...words].flatMap(([field, counts]) =>
      [...counts].map(([value, rows]) => ({ field, value, rows }))
    )
  ].sort((a, b) => b.rows - a.rows);
  if (report.unknownWords.length && report.target)
    report.dictionaryTemplate = dictionaryTemplate(
      report.target,
      report.unknownWords.slice(0, 500)
    );
}

/** The rows read, and the words no rule knew (with a mapping to fill for them). */
export function summarize(
  report: ImportReport,
  reader: {
    unknownCategories: ReadonlyMap<string, number>;
    unknownWords: ReadonlyMap<string, ReadonlyMap<string, number>>;
  },
  rows: number
) {
  report.rows = rows;
  report.unknownCategories = [...reader.unknownCategories]
    .map(([value, count]) => ({ value, rows: count }))
    .sort((a, b) => b.rows - a.rows);
  listUnknownWords(report, reader.unknownWords);
}

/** Whether to go on to writing: not a dry run, and valid (or the user takes the valid rows). */
export function mayWrite(report: ImportReport, options: ImportOptions): boolean {
  if (report.errors.some((e) => e.row === 0)) return false;
  if (report.errors.length > 0 && !options.validOnly) return false;
  return true;
}
