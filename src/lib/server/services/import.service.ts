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
 *    An asset table is read once, in the compute pool: its rows are written as they are checked,
 *    and at a bad row the transaction is rolled back (nothing of a bad file stays) while the rest
 *    is read for its problems.
 * A dry run writes in a transaction it rolls back: its counts of what would be created, updated
 * and left unchanged are real.
 */
import { said } from '../../i18n/said';
import type { Kysely } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import {
  ASSET_FIELDS,
  REQUIRED_ASSET_FIELDS,
  type AssetField,
  type AssetRecord
} from '../../io/asset-record';
import {
  detectTableFormat,
  emptyMapping,
  mergeMapping,
  presetOf,
  type ImportFormat,
  type ImportMapping
} from '../../io/import-mapping';
import { AssetRowReader, FacilityRowReader, type FacilityRecord } from '../../io/import-rows';
import type { Database } from '../db/database';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { facilityIds } from '../repositories/facilities.repository';
import { fileKind, isGisLayer, toAsync } from '../import/read-file';
import { openTable, providedFields, rowsOf, tableHeader, type Records } from '../import/read-table';
import {
  fileError,
  listUnknownWords,
  summarize,
  mayWrite,
  newReport,
  type ImportOptions,
  type ImportReport
} from '../import/import-report';
import { write, writeAssets, writeFacilities, writeHazards } from '../import/import-writes';
import { assetLayout, layoutRows } from '../import/asset-layout';
import type { AssetRowsBatch } from '../import/asset-rows';
import { checkedAssetRows, takeBatch } from '../import/asset-stream';
import { compute } from '../compute/pool';

export type { ImportOptions, ImportReport };
export { inspectFile, previewFile } from '../import/inspect';

/** What every part of an import reads once: the file's name, the time, the city's facilities. */
interface ImportContext {
  db: Kysely<Database>;
  options: ImportOptions;
  report: ImportReport;
  now: string;
  cityCenter: [number, number] | null;
  facilityIds: Map<string, number>;
  readerOptions: { facilityCodes: Set<string>; latestYear: number };
}

/**
 * Imports one file. Never throws for a bad file: problems come back in the report, and nothing is
 * written unless the report says `written`.
 */
export async function importFile(
  db: Kysely<Database>,
  options: ImportOptions
): Promise<ImportReport> {
  const file = options.name ?? path.basename(options.path);
  const report = newReport(file, options);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(options.path);
  } catch {
    return fileError(report, said('ファイルがありません', 'no such file'));
  }
  if (!stat.isFile()) return fileError(report, said('ファイルではありません', 'not a file'));
  if (stat.size === 0) return fileError(report, said('ファイルが空です', 'the file is empty'));

  const settings = await getSettings(db);
  const ids = await facilityIds(db);
  const ctx: ImportContext = {
    db,
    options,
    report,
    now: options.now ?? new Date().toISOString(),
    cityCenter: settings.city_center
      ? (JSON.parse(settings.city_center) as [number, number])
      : null,
    facilityIds: ids,
    readerOptions: { facilityCodes: new Set(ids.keys()), latestYear: asOfYearOf(settings) }
  };
  report.kind = await fileKind(options.path, file);
  if (options.format === 'geojson') report.kind = 'geojson';
  if (isGisLayer(report.kind)) return importGisLayer(ctx);
  const records = await openTable(ctx);
  return records ? importTable(ctx, records) : report;
}

/**
 * GeoJSON, or a layer of a zipped Shapefile or a GeoPackage read as GeoJSON: read whole
 * (features carry geometry), validated in memory.
 */
async function importGisLayer(ctx: ImportContext): Promise<ImportReport> {
  const { options, report } = ctx;
  const file = report.file;
  report.format = 'geojson';
  const mapping = options.mapping ?? emptyMapping('assets');
  report.target = mapping.target;
  if (mapping.target === 'facilities')
    return fileError(
      report,
      said(
        '施設は表（公共施設一覧）から取り込みます。GeoJSON・シェープファイル・GeoPackage からは資産か浸水想定区域を取り込みます',
        'facilities come from a table (公共施設一覧); GeoJSON, Shapefiles and GeoPackages import assets or hazards'
      )
    );
  if (report.kind === 'shapefile' && file.toLowerCase().endsWith('.shp'))
    return fileError(
      report,
      said(
        '.shp だけでは属性と座標系がわかりません。.shp・.shx・.dbf・.prj・.cpg をまとめた .zip を取り込んでください',
        'a .shp alone lacks its attributes and coordinate system: upload a .zip holding the .shp, .shx, .dbf, .prj and .cpg'
      )
    );
  const provided = new Set<AssetField>([
    ...ASSET_FIELDS.filter(
      (f) => mapping.columns[f] !== undefined || mapping.values[f] !== undefined
    ),
    'geometry',
    'quantity'
  ]);
  // Without a mapping, properties named like the fields are read: count those that appear.
  if (!options.mapping) for (const f of ASSET_FIELDS) provided.add(f);
  const layout = assetLayout(provided, ctx.facilityIds);
  // Read, checked and laid out as rows in the compute pool (a large layer takes seconds); only
  // writing is here.
  const read = await compute(
    'gisLayer',
    {
      kind: report.kind as 'geojson' | 'shapefile' | 'geopackage',
      path: options.path,
      layer: options.layer ?? null,
      file,
      mapping,
      crs: options.crs ?? null,
      cityCenter: ctx.cityCenter,
      facilityIds: ctx.facilityIds,
      latestYear: ctx.readerOptions.latestYear,
      provided: [...provided]
    },
    { owner: options.username }
  );
  if (!read.ok)
    return fileError(report, read.reasonJa ? said(read.reasonJa, read.reason) : read.reason);
  report.encoding = read.encoding;
  const { result } = read;
  report.crs = result.crs;
  report.rows = result.features;
  for (const error of result.errors) report.errors.push(error); // a spread of 100,000 overflows
  report.unknownCategories = [...result.unknownCategories].map(([value, rows]) => ({
    value,
    rows
  }));
  listUnknownWords(report, result.unknownWords);
  report.valid = mapping.target === 'hazards' ? result.hazards.length : read.rows.length;
  if (!mayWrite(report, options)) return report;
  await write(ctx.db, report, options, ctx.now, async (trx) => {
    if (mapping.target === 'hazards') await writeHazards(trx, report, result.hazards);
    else await writeAssets(trx, report, options, ctx.now, layout, toAsync([read.rows]));
  });
  return report;
}

/** A table: its format and mapping from the header, then its asset or facility rows. */
async function importTable(ctx: ImportContext, records: Records): Promise<ImportReport> {
  const { options, report } = ctx;
  const found = await tableHeader(records);
  if (!found)
    return fileError(report, said('見出しの行がありません', 'the file has no header row'));
  const { header, row: headerRow } = found;
  const format = options.format ?? detectTableFormat(header) ?? (options.mapping ? 'mapped' : null);
  if (!format)
    return fileError(
      report,
      said(
        `表の形式がわかりません（見出し：${header.slice(0, 8).join('、')}…）。形式を選ぶか、列の対応づけをしてください`,
        `unknown table format (header: ${header.slice(0, 8).join(', ')}…): give --format hozen|koukyou-shisetsu|kotei-shisan or a --mapping`
      )
    );
  report.format = format;
  const preset = presetOf(format);
  if (!preset && !options.mapping)
    return fileError(
      report,
      said(`${format} 形式には列の対応づけが必要です`, `the ${format} format needs a --mapping`)
    );
  const mapping = mergeMapping(preset, options.mapping ?? null);
  report.target = mapping.target;
  if (mapping.target === 'hazards')
    return fileError(
      report,
      said(
        '浸水想定区域は GeoJSON（ポリゴン）から取り込みます',
        'hazard zones come from GeoJSON (polygons)'
      )
    );
  const table: Table = { records, header, headerRow, mapping };
  const reader =
    mapping.target === 'facilities'
      ? new FacilityRowReader(header, mapping, report.file, ctx.readerOptions)
      : new AssetRowReader(header, mapping, format, report.file, ctx.readerOptions);
  const missing =
    reader instanceof FacilityRowReader
      ? reader.missing()
      : reader.missing(format === 'hozen' ? REQUIRED_ASSET_FIELDS : ['code', 'quantity']);
  if (missing.length > 0) {
    report.errors.push({
      file: report.file,
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
  return reader instanceof AssetRowReader
    ? importAssetRows(ctx, table, format as ImportFormat)
    : importFacilityRows(ctx, table, reader);
}

/** A table's records and what its header says. */
interface Table {
  records: Records;
  header: string[];
  headerRow: number;
  mapping: ImportMapping;
}

/**
 * Assets: one pass. The rows are read and checked in the compute pool (asset-rows.ts) and come
 * here in batches; while the file is valid (or only its valid rows are wanted) each batch is
 * written in the same transaction as the worker reads the next. At a bad row the transaction is
 * rolled back and the rest of the file read for its problems — every problem listed, nothing
 * written, the file read once.
 */
async function importAssetRows(
  ctx: ImportContext,
  table: Table,
  format: ImportFormat
): Promise<ImportReport> {
  const { options, report } = ctx;
  const provided = providedFields(table.header, table.mapping);
  let sheet: string[][] | undefined; // a workbook's sheet, read in the pool already (openTable)
  if (report.kind === 'xlsx')
    for await (const rows of table.records()) sheet = sheet ? sheet.concat(rows) : rows;
  const batches = checkedAssetRows(
    {
      kind: sheet ? 'rows' : 'csv',
      rows: sheet,
      path: options.path,
      encoding: report.encoding,
      header: table.header,
      headerRow: table.headerRow,
      mapping: table.mapping,
      format,
      file: report.file,
      facilityIds: ctx.facilityIds,
      latestYear: ctx.readerOptions.latestYear,
      provided: [...provided],
      validOnly: !!options.validOnly
    },
    options.username
  );
  const layout = assetLayout(provided, ctx.facilityIds);
  let count = 0;
  const take = (batch: AssetRowsBatch) => takeBatch(report, options, batch, (count += batch.count));
  try {
    // The first batch before the transaction: a task waiting for a busy pool holds no lock.
    let next = await batches.next();
    await write(ctx.db, report, options, ctx.now, async (trx) => {
      const writable = async function* () {
        while (!next.done) {
          yield take(next.value);
          next = await batches.next();
          // A bad file is not written (unless its valid rows are wanted): the transaction ends
          // here, and the rest is read for its problems after it, holding no lock.
          if (report.errors.length > 0 && !options.validOnly) return;
        }
      };
      await writeAssets(trx, report, options, ctx.now, layout, writable());
      if (next.done) summarize(report, next.value, count);
      return next.done && report.rows > 0 && mayWrite(report, options);
    });
    if (!next.done) {
      for (; !next.done; next = await batches.next()) take(next.value);
      summarize(report, next.value, count);
    }
  } finally {
    // Written or not, the worker stops reading (it would otherwise wait for this writer).
    await batches.return(undefined as never);
  }
  if (report.rows === 0)
    return fileError(
      report,
      said('見出しの下に行がありません', 'the file has a header but no rows')
    );
  return report;
}

/**
 * Facilities: a validating pass, then (when the file may be written) a second reading that writes
 * the facilities — and, for a 施設カルテ-style list, each one's building, counted apart.
 */
async function importFacilityRows(
  ctx: ImportContext,
  table: Table,
  check: FacilityRowReader
): Promise<ImportReport> {
  const { options, report } = ctx;
  let count = 0;
  for await (const results of rowsOf(table.records, table.headerRow, check, report.errors, true))
    for (const result of results) {
      count += 1;
      if (result) report.valid += 1;
    }
  summarize(report, check, count);
  if (check.readsBuildings)
    report.buildings = { created: 0, updated: 0, unchanged: 0, pending: check.buildingsPending };
  const { column, name, unclassified } = check.categorySources;
  report.categories = { fromColumn: column, fromName: name, unclassified };
  report.codesGenerated = check.generatesCodes;
  if (report.rows === 0)
    return fileError(
      report,
      said('見出しの下に行がありません', 'the file has a header but no rows')
    );
  if (!mayWrite(report, options)) return report;

  await write(ctx.db, report, options, ctx.now, async (trx) => {
    const reader = new FacilityRowReader(
      table.header,
      table.mapping,
      report.file,
      ctx.readerOptions
    );
    const valid = async function* () {
      for await (const results of rowsOf(table.records, table.headerRow, reader, [], false))
        for (const result of results) if (result) yield result;
    };
    const buildings: AssetRecord[] = [];
    await writeFacilities(
      trx,
      report,
      options,
      ctx.now,
      valid() as AsyncIterable<FacilityRecord>,
      buildings
    );
    if (!report.buildings) return;
    // The facilities' buildings, counted apart (a register of buildings, each its facility's).
    const ids = await facilityIds(trx);
    const facilities = {
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged
    };
    const fields: AssetField[] = ['facility_code', 'year_built', 'structure', 'floors'];
    if (buildings.some((b) => b.geometry)) fields.push('geometry');
    const layout = assetLayout(new Set(fields), ids);
    await writeAssets(trx, report, options, ctx.now, layout, layoutRows(layout, buildings));
    report.buildings.created = report.created - facilities.created;
    report.buildings.updated = report.updated - facilities.updated;
    report.buildings.unchanged = report.unchanged - facilities.unchanged;
    Object.assign(report, facilities);
  });
  return report;
}
