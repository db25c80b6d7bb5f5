/**
 * Writing an import, in one transaction: assets and facilities upserted by code (new ones
 * created, changed ones updated with an audit entry of the fields before and after, equal ones
 * left alone; only the fields the file gives are compared and written), hazard zones replacing
 * those of an earlier import of the same file; one audit entry for the import itself.
 */
import type { Geometry } from 'geojson';
import type { Kysely, Transaction } from 'kysely';
import type { AssetRecord } from '../../io/asset-record';
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
import { bulkLoad, valuesWriter } from '../db/batch';
import { GEOMETRY_COLUMNS, type AssetLayout } from './asset-layout';
import { writeAudit } from '../repositories/audit.repository';
import type { ImportOptions, ImportReport } from './import-report';

const BATCH = 500;

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

/**
 * Writes assets given as rows of `layout`'s columns (asset-layout.ts), batch by batch: each
 * code looked up, new ones inserted, changed ones updated with an audit entry, equal ones left.
 */
export async function writeAssets(
  trx: Transaction<Database>,
  report: ImportReport,
  options: ImportOptions,
  now: string,
  layout: Pick<AssetLayout, 'columns' | 'geometry'>,
  batches: AsyncIterable<readonly unknown[][]>
): Promise<void> {
  let written = 0;
  // Into an empty register every record is new: no need to look each batch up.
  const empty = !(await hasAssets(trx));
  // A new asset without a place gets an empty geometry; every one its times.
  const tail = layout.geometry ? [now, now] : ['null', 0, 0, 0, 0, now, now];
  const inserts = valuesWriter(
    trx,
    'assets',
    [...layout.columns, ...(layout.geometry ? [] : GEOMETRY_COLUMNS), 'created_at', 'updated_at'],
    tail
  );
  const write = async (rows: readonly unknown[][]) => {
    const existing = new Map(
      empty
        ? []
        : (
            await assetsByCodes(
              trx,
              rows.map((values) => values[0] as string)
            )
          ).map((row) => [row.code, row])
    );
    for (const values of rows) {
      const code = values[0] as string;
      const old = existing.get(code) as Record<string, unknown> | undefined;
      if (!old) {
        // SQLite writes as it goes (no promise: no await per row); PostgreSQL in batches.
        const writing = inserts.add(values);
        if (writing) await writing;
        report.created += 1;
        continue;
      }
      const columns: AssetUpdate & Record<string, unknown> = {};
      for (let k = 1; k < layout.columns.length; k++) columns[layout.columns[k]!] = values[k];
      const changed = Object.keys(columns).filter((c) => !same(columns[c], old[c]));
      if (changed.length === 0) {
        report.unchanged += 1;
        continue;
      }
      // The row just read, at its version; changed meanwhile (another writer on PostgreSQL), the
      // import stops and nothing of it stays, rather than count an update that did not happen.
      if (!(await updateAssetIfAt(trx, old.id as number, old.version as number, columns, now)))
        throw new Error(
          `asset ${code} was changed by someone else during the import; import again`
        );
      await auditUpdate(trx, 'asset', code, changed, old, columns, report.file, options, now);
      report.updated += 1;
      if (report.changes.length < 200) report.changes.push({ code, fields: changed });
    }
    written += rows.length;
    options.onProgress?.('write', written);
    await options.afterBatch?.(written);
  };
  const load = async () => {
    for await (const rows of batches)
      for (let from = 0; from < rows.length; from += BATCH)
        await write(rows.length <= BATCH ? rows : rows.slice(from, from + BATCH));
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
