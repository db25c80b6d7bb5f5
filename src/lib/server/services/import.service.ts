/**
 * Importing a file into the database, all or nothing.
 *
 * 1. Read: the file's kind (CSV, .xlsx, GeoJSON, a zipped Shapefile, a GeoPackage), encoding
 *    (detected, or the user's), format (detected from the header, or the user's) and mapping (the
 *    format's preset, with the user's mapping laid over it).
 * 2. Validate every row: all problems are collected, with file, row, column, value and reason.
 *    Words no rule knows are counted so that a mapping can be offered.
 * 3. Write, in one transaction, only if the whole file is valid — or, when the user chose to
 *    import only the valid rows, those (the others are listed and skipped). Assets and facilities
 *    are upserted by code: new ones created, changed ones updated (each change in the audit log,
 *    with the fields before and after), equal ones left alone. Only the fields the file gives are
 *    compared and written: a register without coordinates never erases an asset's geometry.
 *    Hazard zones replace the zones imported earlier from a file of the same name.
 *    An asset table is read once: its rows are written as they are checked, and the transaction
 *    is rolled back after the last row when any was bad (so nothing of a bad file stays).
 * A dry run writes in a transaction it rolls back: its counts of what would be created, updated
 * and left unchanged are real.
 */
import type { Geometry } from 'geojson';
import type { Kysely, Transaction } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import {
  ASSET_FIELDS,
  REQUIRED_ASSET_FIELDS,
  type AssetField,
  type AssetRecord
} from '../../io/asset-record';
import { readGeoJson, type HazardRecord } from '../../io/geojson-import';
import {
  detectTableFormat,
  dictionaryTemplate,
  emptyMapping,
  mergeMapping,
  presetOf,
  type ImportFormat,
  type ImportMapping,
  type ImportTarget
} from '../../io/import-mapping';
import { AssetRowReader, FacilityRowReader, type FacilityRecord } from '../../io/import-rows';
import { suggestMapping, suggestTarget, type Inspection } from '../../io/mapping-suggest';
import { cellValue } from '../../io/empty-words';
import type { RowError } from '../../io/row-error';
import type { TextEncoding } from '../../io/text-encoding';
import { bboxOf } from '../../geo/bbox';
import type { Database } from '../db/database';
import { refreshStatistics } from '../db/postgres';
import { rowWriter } from '../db/batch';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import {
  checkEncoding,
  csvRecordBatches,
  csvRecords,
  fileKind,
  sniffEncoding,
  type FileKind
} from '../import/read-file';
import { BusyError, compute, ComputeLimitError } from '../compute/pool';

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
function fileError(
  report: ImportReport,
  reason: string,
  column: string | null = null
): ImportReport {
  report.errors.push({ file: report.file, row: 0, column, value: null, reason });
  return report;
}

const BATCH = 500;

/** The database row of an asset record, limited to the fields the file gives. */
function assetColumns(
  r: AssetRecord,
  provided: ReadonlySet<AssetField>,
  facilityId: number | null
) {
  const row: Record<string, unknown> = {
    name: r.name,
    asset_class: r.assetClass,
    category: r.category,
    quantity: r.quantity,
    unit: r.unit,
    length_m: r.unit === 'm' ? r.quantity : null
  };
  const give = (field: AssetField, column: string, value: unknown) => {
    if (provided.has(field)) row[column] = value;
  };
  give('year_built', 'year_built', r.yearBuilt);
  give('structure', 'structure', r.structure);
  give('material', 'material', r.material);
  give('diameter_mm', 'diameter_mm', r.diameterMm);
  give('floors', 'floors', r.floors);
  give('condition_grade', 'condition_grade', r.conditionGrade);
  give('soundness', 'soundness', r.soundness);
  give('importance', 'importance', r.importance);
  give('acquisition_yen', 'acquisition_yen', r.acquisitionYen);
  give('service_life_years', 'service_life_years', r.serviceLifeYears);
  give('facility_code', 'facility_id', facilityId);
  if (provided.has('geometry')) {
    row.geometry = r.geometry ? JSON.stringify(r.geometry) : 'null';
    Object.assign(
      row,
      r.geometry ? bboxOf(r.geometry) : { min_lon: 0, min_lat: 0, max_lon: 0, max_lat: 0 }
    );
  }
  return row;
}

const same = (a: unknown, b: unknown) =>
  a === b ||
  (a == null && b == null) ||
  (typeof a === 'number' &&
    typeof b === 'number' &&
    Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a)));

/**
 * Imports one file. Never throws for a bad file: problems come back in the report, and nothing is
 * written unless the report says `written`.
 */
export async function importFile(
  db: Kysely<Database>,
  options: ImportOptions
): Promise<ImportReport> {
  const file = options.name ?? path.basename(options.path);
  const now = options.now ?? new Date().toISOString();
  const report: ImportReport = {
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
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(options.path);
  } catch {
    return fileError(report, 'no such file');
  }
  if (!stat.isFile()) return fileError(report, 'not a file');
  if (stat.size === 0) return fileError(report, 'the file is empty');

  const settings = await getSettings(db);
  const asOf = asOfYearOf(settings);
  const cityCenter = settings.city_center
    ? (JSON.parse(settings.city_center) as [number, number])
    : null;
  const facilityIds = new Map(
    (await db.selectFrom('facilities').select(['id', 'code']).execute()).map((f) => [f.code, f.id])
  );
  const facilityCodes = new Set(facilityIds.keys());
  const readerOptions = { facilityCodes, latestYear: asOf };

  report.kind = await fileKind(options.path, file);
  if (options.format === 'geojson') report.kind = 'geojson';

  // GeoJSON, or a layer of a zipped Shapefile or a GeoPackage read as GeoJSON: read whole
  // (features carry geometry), validated in memory.
  if (isGisLayer(report.kind)) {
    // A Shapefile's or GeoPackage's layer is read as GeoJSON features (report.kind says which).
    report.format = 'geojson';
    const mapping = options.mapping ?? emptyMapping('assets');
    report.target = mapping.target;
    if (mapping.target === 'facilities')
      return fileError(
        report,
        'facilities come from a table (公共施設一覧); GeoJSON, Shapefiles and GeoPackages import assets or hazards'
      );
    if (report.kind === 'shapefile' && file.toLowerCase().endsWith('.shp'))
      return fileError(
        report,
        'a .shp alone lacks its attributes and coordinate system: upload a .zip holding the .shp, .shx, .dbf, .prj and .cpg'
      );
    const read = await readGisLayer(report.kind, options.path, options.layer, options.username);
    if (!read.ok) return fileError(report, read.reason);
    const text = read.text;
    report.encoding = read.encoding;
    const crs = options.crs ?? read.crs;
    const result = readGeoJson(text, file, mapping, { crs, cityCenter, ...readerOptions });
    report.crs = result.crs;
    report.rows = result.features;
    report.errors.push(...result.errors);
    report.unknownCategories = [...result.unknownCategories].map(([value, rows]) => ({
      value,
      rows
    }));
    listUnknownWords(report, result.unknownWords);
    const provided = new Set<AssetField>([
      ...ASSET_FIELDS.filter(
        (f) => mapping.columns[f] !== undefined || mapping.values[f] !== undefined
      ),
      'geometry',
      'quantity'
    ]);
    // Without a mapping, properties named like the fields are read: count those that appear.
    if (!options.mapping) for (const f of ASSET_FIELDS) provided.add(f);
    const records = mapping.target === 'hazards' ? result.hazards : result.assets;
    report.valid = records.length;
    if (!mayWrite(report, options)) return report;
    await write(db, report, options, now, async (trx) => {
      if (mapping.target === 'hazards') await writeHazards(trx, report, result.hazards);
      else
        await writeAssets(
          trx,
          report,
          options,
          now,
          provided,
          facilityIds,
          toAsync([result.assets])
        );
    });
    return report;
  }

  // Tables: CSV (streamed) or the first sheet of a workbook.
  // The table's records in batches (one await per batch: a large file reads faster).
  let records: (validating?: boolean) => AsyncIterable<string[][]>;
  if (report.kind === 'xlsx') {
    let rows: string[][];
    try {
      const read = await compute(
        'xlsxRecords',
        { path: options.path },
        { owner: options.username }
      );
      if ('tooLarge' in read)
        return fileError(report, `the workbook is too large: ${read.tooLarge}`);
      rows = read.rows;
    } catch (error) {
      if (error instanceof BusyError) throw error;
      if (error instanceof ComputeLimitError)
        return fileError(report, `the workbook is too large: ${error.message}`);
      return fileError(report, `not a readable .xlsx workbook (${(error as Error).message})`);
    }
    records = () => toAsync([rows]);
  } else {
    const encoding = options.encoding ?? 'auto';
    if (encoding === 'auto') {
      const found = await sniffEncoding(options.path);
      if (!found.ok) return fileError(report, found.reason);
      report.encoding = found.encoding;
    } else {
      const checked = await checkEncoding(options.path, encoding);
      if (!checked.ok)
        return fileError(
          report,
          `not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} (line ${checked.line}); is it in the other encoding?`
        );
      report.encoding = encoding;
    }
    const chosen = report.encoding;
    // Syntax errors (an unclosed quote …) are reported by the validating pass only.
    records = (validating = false) =>
      csvRecordBatches(options.path, chosen, (record, message) => {
        if (validating)
          report.errors.push({
            file,
            row: record,
            column: null,
            value: null,
            reason: `CSV syntax: ${message}`
          });
      });
  }

  // The header: the first record that is not empty.
  let header: string[] | null = null;
  let headerRow = 0;
  find: for await (const batch of records())
    for (const record of batch) {
      headerRow += 1;
      if (record.some((c) => c.trim() !== '')) {
        header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
        break find;
      }
    }
  if (!header) return fileError(report, 'the file has no header row');
  const format = options.format ?? detectTableFormat(header) ?? (options.mapping ? 'mapped' : null);
  if (!format)
    return fileError(
      report,
      `unknown table format (header: ${header.slice(0, 8).join(', ')}…): give --format hozen|koukyou-shisetsu|kotei-shisan or a --mapping`
    );
  report.format = format;
  const preset = presetOf(format);
  if (!preset && !options.mapping)
    return fileError(report, `the ${format} format needs a --mapping`);
  const mapping = mergeMapping(preset, options.mapping ?? null);
  report.target = mapping.target;
  if (mapping.target === 'hazards')
    return fileError(report, 'hazard zones come from GeoJSON (polygons)');

  // Pass 1: validate every row.
  const makeReader = () =>
    mapping.target === 'facilities'
      ? new FacilityRowReader(header!, mapping, file, readerOptions)
      : new AssetRowReader(header!, mapping, format, file, readerOptions);
  const check = makeReader();
  const missing =
    check instanceof FacilityRowReader
      ? check.missing()
      : check.missing(format === 'hozen' ? REQUIRED_ASSET_FIELDS : ['code', 'quantity']);
  if (missing.length > 0) {
    report.errors.push({
      file,
      row: headerRow,
      column: missing.join(', '),
      value: null,
      reason:
        format === 'hozen'
          ? `missing column(s); the header must name ${REQUIRED_ASSET_FIELDS.join(',')}`
          : 'missing column(s): no column of the file gives these fields (map them)'
    });
    return report;
  }
  const provided = new Set<AssetField>(
    ASSET_FIELDS.filter(
      (f) =>
        f === 'class' ||
        f === 'category' ||
        f === 'unit' ||
        mapping.values[f] !== undefined ||
        (Array.isArray(mapping.columns[f])
          ? (mapping.columns[f] as string[])
          : [mapping.columns[f] ?? '']
        ).some((n) => header!.includes(n))
    )
  );
  if (provided.has('lon') || provided.has('lat')) provided.add('geometry');

  /** The rows' results, a batch at a time (null: the row was bad, its errors in `errors`). */
  const rowsOf = async function* <R extends AssetRowReader | FacilityRowReader>(
    reader: R,
    errors: RowError[],
    validating: boolean
  ): AsyncGenerator<ReturnType<R['read']>[]> {
    let row = 0;
    for await (const batch of records(validating)) {
      const results: ReturnType<R['read']>[] = [];
      for (const cells of batch) {
        row += 1;
        if (row <= headerRow || cells.every((c) => c.trim() === '')) continue;
        results.push(reader.read(cells, row, errors) as ReturnType<R['read']>);
      }
      yield results;
    }
  };
  const summarize = (count: number) => {
    report.rows = count;
    report.unknownCategories = [...check.unknownCategories]
      .map(([value, rows]) => ({ value, rows }))
      .sort((a, b) => b.rows - a.rows);
    listUnknownWords(report, check.unknownWords);
  };

  if (check instanceof AssetRowReader) {
    // Assets: one pass. Each row is checked and, while the file is valid (or only its valid rows
    // are wanted), written in the same transaction; after the last row a file with a bad row is
    // rolled back whole — every problem listed, nothing written, the file read once.
    let count = 0;
    await write(db, report, options, now, async (trx) => {
      const writable = async function* () {
        for await (const results of rowsOf(check, report.errors, true)) {
          const valid: AssetRecord[] = [];
          for (const result of results) {
            count += 1;
            if (count % 10_000 === 0) options.onProgress?.('validate', count);
            if (result && 'skipped' in result)
              report.skipped[result.skipped] = (report.skipped[result.skipped] ?? 0) + 1;
            else if (result) {
              report.valid += 1;
              if (report.errors.length === 0 || options.validOnly) valid.push(result);
            }
          }
          yield valid;
        }
      };
      await writeAssets(trx, report, options, now, provided, facilityIds, writable());
      summarize(count);
      return report.rows > 0 && mayWrite(report, options);
    });
    if (report.rows === 0) return fileError(report, 'the file has a header but no rows');
    return report;
  }

  let count = 0;
  for await (const results of rowsOf(check, report.errors, true))
    for (const result of results) {
      count += 1;
      if (result) report.valid += 1;
    }
  summarize(count);
  if (check instanceof FacilityRowReader && check.readsBuildings)
    report.buildings = { created: 0, updated: 0, unchanged: 0, pending: check.buildingsPending };
  if (check instanceof FacilityRowReader) {
    const { column, name, unclassified } = check.categorySources;
    report.categories = { fromColumn: column, fromName: name, unclassified };
    report.codesGenerated = check.generatesCodes;
  }
  if (report.rows === 0) return fileError(report, 'the file has a header but no rows');
  if (!mayWrite(report, options)) return report;

  // Pass 2: read again and write the valid records.
  await write(db, report, options, now, async (trx) => {
    const reader = makeReader();
    const valid = async function* () {
      for await (const results of rowsOf(reader as FacilityRowReader, [], false))
        for (const result of results) if (result) yield result;
    };
    {
      const buildings: AssetRecord[] = [];
      await writeFacilities(
        trx,
        report,
        options,
        now,
        valid() as AsyncIterable<FacilityRecord>,
        buildings
      );
      if (report.buildings) {
        // The facilities' buildings, counted apart (a register of buildings, each its facility's).
        const ids = new Map(
          (await trx.selectFrom('facilities').select(['id', 'code']).execute()).map((f) => [
            f.code,
            f.id
          ])
        );
        const facilities = {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged
        };
        const fields: AssetField[] = ['facility_code', 'year_built', 'structure', 'floors'];
        if (buildings.some((b) => b.geometry)) fields.push('geometry');
        await writeAssets(trx, report, options, now, new Set(fields), ids, toAsync([buildings]));
        report.buildings.created = report.created - facilities.created;
        report.buildings.updated = report.updated - facilities.updated;
        report.buildings.unchanged = report.unchanged - facilities.unchanged;
        Object.assign(report, facilities);
      }
    }
  });
  return report;
}

/** The report's unknown words (the categories and the other coded fields), and their template. */
function listUnknownWords(
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

/** The first rows of a file as the import reads them (header first), for the import page. */
export async function previewFile(
  filePath: string,
  name: string,
  encoding: TextEncoding | 'auto' = 'auto',
  rows = 6,
  layer: string | null = null,
  /** Why a GIS file could not be read (several layers and none chosen …), when it could not. */
  problems: string[] = []
): Promise<{ header: string[]; rows: string[][] } | null> {
  const kind = await fileKind(filePath, name);
  if (isGisLayer(kind)) {
    // Decoded in the compute pool; only the first rows come back.
    const read = await compute('gisPreview', {
      kind: kind as 'geojson' | 'shapefile' | 'geopackage',
      path: filePath,
      ...(layer ? { layer } : {}),
      rows: rows - 1
    });
    if (!read.ok) {
      problems.push(read.reason);
      return null;
    }
    return { header: read.header, rows: read.rows };
  }
  let all: AsyncIterable<string[]>;
  if (kind === 'xlsx') {
    try {
      const read = await compute('xlsxRecords', { path: filePath });
      if (!('rows' in read)) return null;
      all = toAsync(read.rows.slice(0, rows + 5));
    } catch {
      return null;
    }
  } else {
    let chosen: TextEncoding;
    if (encoding === 'auto') {
      const found = await sniffEncoding(filePath);
      if (!found.ok) return null;
      chosen = found.encoding;
    } else chosen = encoding;
    all = csvRecords(filePath, chosen);
  }
  const out: string[][] = [];
  for await (const record of all) {
    if (record.every((c) => c.trim() === '')) continue;
    out.push(record);
    if (out.length >= rows) break;
  }
  return out.length ? { header: out[0]!, rows: out.slice(1) } : null;
}

const INSPECT_ROWS = 5_000;
const INSPECT_WORDS = 50;

/**
 * Reads the head of a file for the import page's column mapping: the inspection, or why the
 * file cannot be read.
 */
export async function inspectFile(
  filePath: string,
  name: string,
  encoding: TextEncoding | 'auto' = 'auto',
  layer: string | null = null
): Promise<Inspection | { problem: string }> {
  const problems: string[] = [];
  const head = await previewFile(filePath, name, encoding, INSPECT_ROWS + 1, layer, problems);
  if (!head)
    return {
      problem:
        problems[0] ??
        'no table could be read (a CSV or .xlsx with a header row, GeoJSON, a zipped Shapefile or a GeoPackage)'
    };
  const kind = await fileKind(filePath, name);
  const header = head.header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const detected = kind === 'xlsx' || kind === 'csv' ? detectTableFormat(header) : null;
  const target: ImportTarget =
    detected === 'koukyou-shisetsu' ? 'facilities' : detected ? 'assets' : suggestTarget(header);
  const words: Inspection['words'] = {};
  header.forEach((column, i) => {
    const counts = new Map<string, number>();
    for (const row of head.rows) {
      const value = cellValue(row[i] ?? '');
      if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    words[column] = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, INSPECT_WORDS)
      .map(([value, rows]) => ({ value, rows }));
  });
  return {
    format: detected,
    target,
    header,
    samples: head.rows.slice(0, 20),
    words,
    mapping: suggestMapping(header, head.rows.slice(0, 200), target, detected)
  };
}

const isGisLayer = (kind: FileKind) =>
  kind === 'geojson' || kind === 'shapefile' || kind === 'geopackage';

/**
 * A GIS file's layer as GeoJSON text, with the encoding of its attributes and the CRS it names:
 * GeoJSON as it is (UTF-8, RFC 7946); Shapefiles and GeoPackages decoded in the compute pool.
 */
async function readGisLayer(
  kind: FileKind,
  filePath: string,
  layer: string | null | undefined,
  owner: string | null | undefined
): Promise<
  | { ok: true; text: string; encoding: TextEncoding; crs: string | null }
  | { ok: false; reason: string }
> {
  if (kind === 'shapefile' || kind === 'geopackage')
    return compute(kind, { path: filePath, ...(layer ? { layer } : {}) }, { owner });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      await fs.promises.readFile(filePath)
    );
    return { ok: true, text, encoding: 'utf-8', crs: null };
  } catch {
    return { ok: false, reason: 'GeoJSON must be UTF-8 (RFC 7946)' };
  }
}

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** Whether to go on to writing: not a dry run, and valid (or the user takes the valid rows). */
function mayWrite(report: ImportReport, options: ImportOptions): boolean {
  if (report.errors.some((e) => e.row === 0)) return false;
  if (report.errors.length > 0 && !options.validOnly) return false;
  return true;
}

/** Runs the writing in one transaction (a dry run rolls it back, so its counts are real). */
async function write(
  db: Kysely<Database>,
  report: ImportReport,
  options: ImportOptions,
  now: string,
  body: (trx: Transaction<Database>) => Promise<void | boolean>
): Promise<void> {
  const DRY_RUN = Symbol('dry run');
  const REFUSED = Symbol('refused');
  try {
    await db.transaction().execute(async (trx) => {
      // `false`: the file turned out bad while it was written; nothing of it stays.
      if ((await body(trx)) === false) throw REFUSED;
      await trx
        .insertInto('audit_log')
        .values({
          at: now,
          username: options.username ?? null,
          action: 'import',
          entity: report.target ?? 'assets',
          entity_id: null,
          before: null,
          after: JSON.stringify({
            format: report.format,
            rows: report.rows,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            replaced: report.replaced,
            skippedInvalid: report.errors.length
          }),
          note: `import ${report.file}`
        })
        .execute();
      if (options.dryRun) throw DRY_RUN;
    });
    report.written = !options.dryRun;
    await refreshStatistics(db);
  } catch (error) {
    if (error === REFUSED) {
      Object.assign(report, { created: 0, updated: 0, unchanged: 0, changes: [] });
      return;
    }
    if (error !== DRY_RUN) throw error;
  }
}

/** One audit entry for an updated record: the changed fields, before and after. */
async function auditUpdate(
  trx: Transaction<Database>,
  entity: 'asset' | 'facility',
  code: string,
  changed: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  file: string,
  options: ImportOptions,
  now: string
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now,
      username: options.username ?? null,
      action: 'update',
      entity,
      entity_id: code,
      before: JSON.stringify(Object.fromEntries(changed.map((c) => [c, before[c]]))),
      after: JSON.stringify(Object.fromEntries(changed.map((c) => [c, after[c]]))),
      note: `import ${file}`
    })
    .execute();
}

async function writeAssets(
  trx: Transaction<Database>,
  report: ImportReport,
  options: ImportOptions,
  now: string,
  provided: ReadonlySet<AssetField>,
  facilityIds: ReadonlyMap<string, number>,
  records: AsyncIterable<readonly AssetRecord[]>
): Promise<void> {
  let batch: AssetRecord[] = [];
  let written = 0;
  // Into an empty register every record is new: no need to look each batch up.
  const empty = !(await trx.selectFrom('assets').select('id').limit(1).executeTakeFirst());
  const inserts = rowWriter(trx, 'assets');
  const flush = async () => {
    if (batch.length === 0) return;
    const existing = new Map(
      empty
        ? []
        : (
            await trx
              .selectFrom('assets')
              .selectAll()
              .where(
                'code',
                'in',
                batch.map((r) => r.code)
              )
              .execute()
          ).map((row) => [row.code, row])
    );
    for (const r of batch) {
      const columns = assetColumns(
        r,
        provided,
        r.facilityCode ? (facilityIds.get(r.facilityCode) ?? null) : null
      );
      const old = existing.get(r.code) as Record<string, unknown> | undefined;
      if (!old) {
        // Completed in place (a spread of this many keys is slow at 100,000 rows).
        if (!('geometry' in columns))
          Object.assign(columns, {
            geometry: 'null',
            min_lon: 0,
            min_lat: 0,
            max_lon: 0,
            max_lat: 0
          });
        columns.code = r.code;
        columns.created_at = now;
        columns.updated_at = now;
        await inserts.add(columns);
        report.created += 1;
        continue;
      }
      const changed = Object.keys(columns).filter((c) => !same(columns[c], old[c]));
      if (changed.length === 0) {
        report.unchanged += 1;
        continue;
      }
      await trx
        .updateTable('assets')
        .set({ ...columns, version: (old.version as number) + 1, updated_at: now } as never)
        .where('id', '=', old.id as number)
        .execute();
      await auditUpdate(trx, 'asset', r.code, changed, old, columns, report.file, options, now);
      report.updated += 1;
      if (report.changes.length < 200) report.changes.push({ code: r.code, fields: changed });
    }
    written += batch.length;
    batch = [];
    options.onProgress?.('write', written);
    await options.afterBatch?.(written);
  };
  for await (const some of records)
    for (const r of some) {
      batch.push(r);
      if (batch.length >= BATCH) await flush();
    }
  await flush();
  await inserts.flush();
}

async function writeFacilities(
  trx: Transaction<Database>,
  report: ImportReport,
  options: ImportOptions,
  now: string,
  records: AsyncIterable<FacilityRecord>,
  buildings: AssetRecord[]
): Promise<void> {
  let written = 0;
  for await (const f of records) {
    if (f.building) buildings.push(f.building);
    const columns = {
      name: f.name,
      name_kana: f.nameKana,
      category: f.category,
      address: f.address,
      lon: f.lon,
      lat: f.lat,
      is_shelter: f.isShelter ? 1 : 0,
      note: f.note
    };
    const old = (await trx
      .selectFrom('facilities')
      .selectAll()
      .where('code', '=', f.code)
      .executeTakeFirst()) as Record<string, unknown> | undefined;
    if (!old) {
      await trx
        .insertInto('facilities')
        .values({ ...columns, code: f.code, created_at: now, updated_at: now })
        .execute();
      report.created += 1;
    } else {
      const changed = Object.keys(columns).filter(
        (c) => !same((columns as Record<string, unknown>)[c], old[c])
      );
      if (changed.length === 0) report.unchanged += 1;
      else {
        await trx
          .updateTable('facilities')
          .set({ ...columns, version: (old.version as number) + 1, updated_at: now })
          .where('id', '=', old.id as number)
          .execute();
        await auditUpdate(
          trx,
          'facility',
          f.code,
          changed,
          old,
          columns as Record<string, unknown>,
          report.file,
          options,
          now
        );
        report.updated += 1;
        if (report.changes.length < 200) report.changes.push({ code: f.code, fields: changed });
      }
    }
    written += 1;
    if (written % BATCH === 0) {
      options.onProgress?.('write', written);
      await options.afterBatch?.(written);
    }
  }
}

async function writeHazards(
  trx: Transaction<Database>,
  report: ImportReport,
  hazards: readonly HazardRecord[]
): Promise<void> {
  const removed = await trx
    .deleteFrom('hazard_zones')
    .where('source', '=', report.file)
    .executeTakeFirst();
  report.replaced = Number(removed.numDeletedRows ?? 0);
  for (const h of hazards) {
    await trx
      .insertInto('hazard_zones')
      .values({
        kind: h.kind,
        level: h.level,
        depth_min_m: h.depthMinM,
        depth_max_m: h.depthMaxM,
        name: h.name,
        source: report.file, // re-importing the same file replaces its zones
        geometry: JSON.stringify(h.geometry as Geometry),
        ...bboxOf(h.geometry)
      })
      .execute();
    report.created += 1;
  }
}
