/**
 * Hozen's asset CSV: the canonical, documented format (README "Asset CSV"). Pure: text in,
 * validated engine assets or every row error out — never a partial result.
 *
 * Header (names, any order; extra columns ignored):
 * code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind
 */
import Papa from 'papaparse';
import type { EngineAsset } from '../engine/engine-asset';
import {
  ASSET_FIELDS,
  EXPECTED_UNIT,
  recordToEngineAsset,
  REQUIRED_ASSET_FIELDS,
  validateAssetRow,
  type AssetField,
  type AssetRecord
} from './asset-record';
import type { RowError } from './row-error';
import { guardCsvRow, unguardCsvText, unifyLineBreaks } from './csv-cell';

export const ASSET_CSV_COLUMNS = REQUIRED_ASSET_FIELDS;

export interface ParsedAsset extends EngineAsset {
  name: string;
  /** Line of the file the asset came from. */
  row: number;
}

export type AssetCsvResult =
  { ok: true; assets: ParsedAsset[]; records: AssetRecord[] } | { ok: false; errors: RowError[] };

/**
 * Parses and validates an asset CSV: the eleven required columns, and any of the optional ones
 * (facility_code, importance, condition_grade, soundness, floors, acquisition_yen,
 * service_life_years, acquired_on, lon, lat, geometry).
 * @param text the file's text (a UTF-8 BOM is ignored)
 * @param file the name used in error messages
 */
export function parseAssetCsv(text: string, file: string): AssetCsvResult {
  const parsed = Papa.parse<string[]>(unifyLineBreaks(text.replace(/^\uFEFF/, '')), {
    skipEmptyLines: 'greedy',
    newline: '\n'
  });
  const errors: RowError[] = [];
  const rows = parsed.data.map((row) => row.map(unguardCsvText));
  if (rows.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          row: 0,
          column: null,
          value: null,
          reason: 'the file is empty (expected a header row)'
        }
      ]
    };
  }
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_ASSET_FIELDS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          row: 1,
          column: missing.join(', '),
          value: null,
          reason: `missing column(s); the header must name ${REQUIRED_ASSET_FIELDS.join(',')}`
        }
      ]
    };
  }
  const col = Object.fromEntries(ASSET_FIELDS.map((c) => [c, header.indexOf(c)])) as Record<
    AssetField,
    number
  >;
  const seen = new Map<string, number>();
  const records: AssetRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const record = validateAssetRow(
      (field) => (col[field] < 0 ? '' : (cells[col[field]] ?? '').trim()),
      (field) => field,
      r + 1,
      file,
      seen,
      errors
    );
    if (record) records.push(record);
  }
  for (const e of parsed.errors) {
    errors.push({
      file,
      row: (e.row ?? 0) + 1,
      column: null,
      value: null,
      reason: `CSV syntax: ${e.message}`
    });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  return {
    ok: true,
    records,
    assets: records.map((r) => ({ ...recordToEngineAsset(r), name: r.name, row: r.row }))
  };
}

/** Writes engine assets in the asset CSV format (the inverse of `parseAssetCsv`). */
export function formatAssetCsv(assets: readonly (EngineAsset & { name?: string })[]): string {
  const rows = assets.map((a) => ({
    code: a.code,
    name: a.name ?? '',
    class: a.assetClass,
    category:
      a.assetClass === 'bridge' || a.assetClass === 'sewer_pipe' || a.assetClass === 'water_pipe'
        ? ''
        : a.category,
    year_built: a.yearBuilt ?? '',
    quantity: a.quantity,
    unit: EXPECTED_UNIT[a.assetClass],
    structure: a.structure ?? '',
    material: a.material ?? '',
    diameter_mm: a.diameterMm ?? '',
    pipe_kind: a.pipeKind ?? ''
  }));
  return (
    Papa.unparse(rows.map(guardCsvRow), { columns: [...ASSET_CSV_COLUMNS], newline: '\n' }) + '\n'
  );
}

/**
 * Writes asset records with every field of Hozen's asset CSV (the database export: read back by
 * `parseAssetCsv` or `npm run import`, it gives the same records). Numbers are written in full
 * (no thousands separators), the geometry as GeoJSON text.
 */
export function formatAssetRecordsCsv(records: readonly AssetRecord[]): string {
  const rows = records.map((r) => ({
    code: r.code,
    name: r.name,
    class: r.assetClass,
    category: r.assetClass === 'water_pipe' || r.assetClass === 'bridge' ? '' : r.category,
    year_built: r.yearBuilt ?? '',
    quantity: r.quantity,
    unit: r.unit,
    structure: r.structure ?? '',
    material: r.material ?? '',
    diameter_mm: r.diameterMm ?? '',
    pipe_kind: r.assetClass === 'water_pipe' ? r.category : '',
    facility_code: r.facilityCode ?? '',
    importance: r.importance,
    condition_grade: r.conditionGrade ?? '',
    soundness: r.soundness ?? '',
    floors: r.floors ?? '',
    acquisition_yen: r.acquisitionYen ?? '',
    service_life_years: r.serviceLifeYears ?? '',
    acquired_on: r.acquiredOn ?? '',
    lon: '',
    lat: '',
    geometry: r.geometry ? JSON.stringify(r.geometry) : ''
  }));
  return Papa.unparse(rows.map(guardCsvRow), { columns: [...ASSET_FIELDS], newline: '\n' }) + '\n';
}

/**
 * The same table as `formatAssetRecordsCsv`, as the first sheet of an .xlsx workbook (numbers as
 * numbers, text as text): what a user edits in Excel and imports back.
 */
export async function formatAssetRecordsXlsx(records: readonly AssetRecord[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  // The CSV's text, unguarded: a text cell of a workbook is never run as a formula.
  const parsed = Papa.parse<string[]>(formatAssetRecordsCsv(records), { skipEmptyLines: true });
  parsed.data = parsed.data.map((row) => row.map(unguardCsvText));
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('assets');
  const numeric = new Set([
    'year_built',
    'quantity',
    'diameter_mm',
    'importance',
    'soundness',
    'floors',
    'acquisition_yen',
    'service_life_years'
  ]);
  const header = parsed.data[0]!;
  sheet.addRow(header);
  for (const row of parsed.data.slice(1))
    sheet.addRow(
      row.map((cell, c) => (numeric.has(header[c]!) && cell !== '' ? Number(cell) : cell))
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
