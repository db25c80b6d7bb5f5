/**
 * Writing an import, in one transaction: assets and facilities upserted by code (new ones
 * created, changed ones updated with an audit entry of the fields before and after, equal ones
 * left alone; only the fields the file gives are compared and written), hazard zones replacing
 * those of an earlier import of the same file; one audit entry for the import itself.
 */
import type { Geometry } from 'geojson';
import type { Kysely, Transaction } from 'kysely';
import type { AssetField, AssetRecord } from '../../io/asset-record';
import type { HazardRecord } from '../../io/geojson-import';
import type { FacilityRecord } from '../../io/import-rows';
import { bboxOf } from '../../geo/bbox';
import type { AssetUpdate, Database } from '../db/database';
import { assetsByCodes, hasAssets, updateAssetIfAt } from '../repositories/assets.repository';
import {
  facilityByCode,
  insertFacility,
  updateFacilityIfAt
} from '../repositories/facilities.repository';
import { replaceHazardZones } from '../repositories/hazards.repository';
import { refreshStatistics } from '../db/postgres';
import { bulkLoad, rowWriter } from '../db/batch';
import { writeAudit } from '../repositories/audit.repository';
import type { ImportOptions, ImportReport } from './import-report';

const BATCH = 500;

/** The database row of an asset record, limited to the fields the file gives. */
function assetColumns(
  r: AssetRecord,
  provided: ReadonlySet<AssetField>,
  facilityId: number | null
): AssetUpdate & Record<string, unknown> {
  const row: AssetUpdate & Record<string, unknown> = {
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
  give('acquired_on', 'acquired_on', r.acquiredOn);
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

/** Runs the writing in one transaction (a dry run rolls it back, so its counts are real). */
export async function write(
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
      await writeAudit(
        trx,
        { username: options.username ?? null, now },
        {
          action: 'import',
          entity: report.target ?? 'assets',
          entityId: null,
          before: null,
          after: {
            format: report.format,
            rows: report.rows,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            replaced: report.replaced,
            skippedInvalid: report.errors.length
          },
          note: `import ${report.file}`
        }
      );
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
  await writeAudit(
    trx,
    { username: options.username ?? null, now },
    {
      action: 'update',
      entity,
      entityId: code,
      before: Object.fromEntries(changed.map((c) => [c, before[c]])),
      after: Object.fromEntries(changed.map((c) => [c, after[c]])),
      note: `import ${file}`
    }
  );
}

export async function writeAssets(
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
  const empty = !(await hasAssets(trx));
  const inserts = rowWriter(trx, 'assets');
  const flush = async () => {
    if (batch.length === 0) return;
    const existing = new Map(
      empty
        ? []
        : (
            await assetsByCodes(
              trx,
              batch.map((r) => r.code)
            )
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
      // The row just read, at its version; changed meanwhile (another writer on PostgreSQL), the
      // import stops and nothing of it stays, rather than count an update that did not happen.
      if (!(await updateAssetIfAt(trx, old.id as number, old.version as number, columns, now)))
        throw new Error(
          `asset ${r.code} was changed by someone else during the import; import again`
        );
      await auditUpdate(trx, 'asset', r.code, changed, old, columns, report.file, options, now);
      report.updated += 1;
      if (report.changes.length < 200) report.changes.push({ code: r.code, fields: changed });
    }
    written += batch.length;
    batch = [];
    options.onProgress?.('write', written);
    await options.afterBatch?.(written);
  };
  const load = async () => {
    for await (const some of records)
      for (const r of some) {
        batch.push(r);
        if (batch.length >= BATCH) await flush();
      }
    await flush();
    await inserts.flush();
  };
  // Into an empty register, SQLite builds the indexes once after the rows rather than row by row.
  if (empty) await bulkLoad(trx, 'assets', load);
  else await load();
}

export async function writeFacilities(
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
    const old = (await facilityByCode(trx, f.code)) as Record<string, unknown> | undefined;
    if (!old) {
      await insertFacility(trx, { ...columns, code: f.code, created_at: now, updated_at: now });
      report.created += 1;
    } else {
      const changed = Object.keys(columns).filter(
        (c) => !same((columns as Record<string, unknown>)[c], old[c])
      );
      if (changed.length === 0) report.unchanged += 1;
      else {
        if (!(await updateFacilityIfAt(trx, old.id as number, old.version as number, columns, now)))
          throw new Error(
            `facility ${f.code} was changed by someone else during the import; import again`
          );
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

export async function writeHazards(
  trx: Transaction<Database>,
  report: ImportReport,
  hazards: readonly HazardRecord[]
): Promise<void> {
  report.replaced = await replaceHazardZones(
    trx,
    report.file, // re-importing the same file replaces its zones
    hazards.map((h) => ({
      kind: h.kind,
      level: h.level,
      depth_min_m: h.depthMinM,
      depth_max_m: h.depthMaxM,
      name: h.name,
      geometry: JSON.stringify(h.geometry as Geometry),
      ...bboxOf(h.geometry)
    }))
  );
  report.created += hazards.length;
}
