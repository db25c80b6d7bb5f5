import type { Kysely, Updateable } from 'kysely';
import type { AssetClass } from '../../engine/asset-classes';
import { engineAssetOf, type EngineAsset } from '../../engine/engine-asset';
import type { Geometry } from 'geojson';
import type { AssetRecord } from '../../io/asset-record';
import type { AssetsTable, Database, NewInspectionRow } from '../db/database';
import { updateIfAt } from './versioned';

/** The columns a map layer needs for one asset. */
export interface AssetMapRow {
  id: number;
  code: string;
  name: string;
  category: string;
  year_built: number | null;
  condition_grade: string | null;
  diameter_mm: number | null;
  facility_code: string | null;
  geometry: string;
}

/** Every active asset of one class with its geometry, in id order. */
export async function listAssetMapRows(
  db: Kysely<Database>,
  assetClass: AssetClass
): Promise<AssetMapRow[]> {
  return db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.id',
      'assets.code',
      'assets.name',
      'assets.category',
      'assets.year_built',
      'assets.condition_grade',
      'assets.diameter_mm',
      'facilities.code as facility_code',
      'assets.geometry'
    ])
    .where('assets.asset_class', '=', assetClass)
    .where('assets.status', '!=', 'demolished')
    .orderBy('assets.id')
    .execute();
}

export interface ClassTotalRow {
  asset_class: string;
  unit: string;
  count: number;
  quantity: number;
  length_m: number;
}

/** Count, summed quantity and summed length per asset class. */
export async function totalsByClass(db: Kysely<Database>): Promise<ClassTotalRow[]> {
  const rows = await db
    .selectFrom('assets')
    .select((eb) => [
      'asset_class',
      'unit',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('quantity').as('quantity'),
      eb.fn.sum<number>('length_m').as('length_m')
    ])
    .where('status', '!=', 'demolished')
    .groupBy(['asset_class', 'unit'])
    .execute();
  return rows.map((r) => ({
    ...r,
    count: Number(r.count),
    quantity: Number(r.quantity),
    length_m: Number(r.length_m ?? 0)
  }));
}

export interface FloorAreaRow {
  year_built: number | null;
  category: string;
  area: number;
}

/** Floor area of buildings in service, summed by fiscal year built and use category. */
export async function floorAreaByYearAndCategory(db: Kysely<Database>): Promise<FloorAreaRow[]> {
  const rows = await db
    .selectFrom('assets')
    .select((eb) => ['year_built', 'category', eb.fn.sum<number>('quantity').as('area')])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .groupBy(['year_built', 'category'])
    .orderBy('year_built')
    .execute();
  return rows.map((r) => ({ ...r, area: Number(r.area) }));
}

/** Number of facilities. */
export async function countFacilities(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Maps a database asset (with its facility's code) to the engine's plain asset. */
export const assetRowToEngineAsset = engineAssetOf;

/**
 * The columns `assetRowToEngineAsset` reads (with `inspected_on`), from assets left-joined with
 * facilities.
 */
export const ENGINE_ASSET_COLUMNS = [
  'assets.code',
  'assets.asset_class',
  'assets.category',
  'assets.year_built',
  'assets.quantity',
  'assets.structure',
  'assets.material',
  'assets.diameter_mm',
  'assets.importance',
  'assets.soundness',
  'assets.condition_grade',
  'facilities.code as facility_code',
  'facilities.is_shelter'
] as const;

/**
 * The date (YYYY-MM-DD) of each asset's latest inspection, by asset id, in one grouped query
 * (a subquery per asset is slow on a large register).
 */
export async function latestInspections(db: Kysely<Database>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('inspections')
    .select((eb) => ['asset_id', eb.fn.max('inspected_on').as('latest')])
    .groupBy('asset_id')
    .execute();
  return new Map(rows.map((r) => [r.asset_id, r.latest as string]));
}

/** Rows read per query by `listEngineAssets`. */
const PAGE = 4_000;

/**
 * Every asset in service (not demolished), as engine assets, in code order. Read a page at a time
 * with a pause between pages: on SQLite a query holds the event loop while it runs, and the whole
 * register at once (36,000 assets: 0.4 s) would hold every other request with it.
 */
export async function listEngineAssets(db: Kysely<Database>): Promise<EngineAsset[]> {
  const latest = await latestInspections(db);
  const assets: EngineAsset[] = [];
  for (let after: string | null = null; ;) {
    let query = db
      .selectFrom('assets')
      .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
      .select(ENGINE_ASSET_COLUMNS)
      .select('assets.id')
      .where('assets.status', '!=', 'demolished');
    if (after !== null) query = query.where('assets.code', '>', after);
    const rows = await query.orderBy('assets.code').limit(PAGE).execute();
    for (const row of rows)
      assets.push(assetRowToEngineAsset({ ...row, inspected_on: latest.get(row.id) ?? null }));
    if (rows.length < PAGE) return assets;
    after = rows.at(-1)!.code;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** An asset's whole row by its code, or undefined. */
export function assetByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('assets').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A facility's assets in service, by code. */
export function assetsOfFacility(db: Kysely<Database>, facilityId: number) {
  return db
    .selectFrom('assets')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('status', '!=', 'demolished')
    .orderBy('code')
    .execute();
}

/** The inspections of the assets, newest first. */
export async function inspectionsOf(db: Kysely<Database>, assetIds: readonly number[]) {
  if (!assetIds.length) return [];
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('asset_id', 'in', [...assetIds])
    .orderBy('inspected_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Records one inspection. */
export async function insertInspection(db: Kysely<Database>, row: NewInspectionRow): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
}

/** Sets asset's columns at the version read; whether it was still at it. */
export function updateAssetIfAt(
  db: Kysely<Database>,
  id: number,
  version: number,
  set: Updateable<AssetsTable>,
  now: string
): Promise<boolean> {
  return updateIfAt(db, 'assets', id, version, set, now);
}

/** Each placed asset in service: its code and bounding box. */
export function placedAssetBoxes(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('status', '!=', 'demolished')
    .where('geometry', '!=', 'null')
    .execute();
}

/** Every asset in service (or of one class) as import records, in code order. */
export async function listAssetRecords(
  db: Kysely<Database>,
  assetClass: AssetClass | null = null
): Promise<AssetRecord[]> {
  let query = db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.code',
      'assets.name',
      'assets.asset_class',
      'assets.category',
      'assets.year_built',
      'assets.quantity',
      'assets.unit',
      'assets.structure',
      'assets.material',
      'assets.diameter_mm',
      'assets.importance',
      'assets.condition_grade',
      'assets.soundness',
      'assets.floors',
      'assets.acquisition_yen',
      'assets.service_life_years',
      'assets.acquired_on',
      'assets.geometry',
      'facilities.code as facility_code'
    ])
    .where('assets.status', '!=', 'demolished');
  if (assetClass) query = query.where('assets.asset_class', '=', assetClass);
  const rows = await query.orderBy('assets.code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    assetClass: r.asset_class as AssetClass,
    category: r.category,
    yearBuilt: r.year_built,
    quantity: r.quantity,
    unit: r.unit as 'm2' | 'm',
    structure: r.structure,
    material: r.material,
    diameterMm: r.diameter_mm,
    facilityCode: r.facility_code,
    importance: r.importance,
    conditionGrade: r.condition_grade,
    soundness: r.soundness,
    floors: r.floors,
    acquisitionYen: r.acquisition_yen,
    serviceLifeYears: r.service_life_years,
    acquiredOn: r.acquired_on,
    geometry: JSON.parse(r.geometry) as Geometry | null,
    row: 0
  }));
}

/** Whether the register holds any asset at all. */
export async function hasAssets(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('assets').select('id').limit(1).executeTakeFirst());
}

/** The whole rows of the assets among `codes`. */
export function assetsByCodes(db: Kysely<Database>, codes: readonly string[]) {
  return db
    .selectFrom('assets')
    .selectAll()
    .where('code', 'in', [...codes])
    .execute();
}

/** Every asset's id by its code. */
export async function assetIds(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('assets').select(['id', 'code']).execute();
  return new Map(rows.map((a) => [a.code, a.id]));
}

/** Each facility's buildings in service: oldest year built, floor area, worst grade. */
export function buildingTotalsByFacility(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select((eb) => [
      'facility_id',
      eb.fn.min('year_built').as('built'),
      eb.fn.sum<number>('quantity').as('area'),
      eb.fn.max('condition_grade').as('grade')
    ])
    .where('asset_class', '=', 'building')
    .where('status', '=', 'active')
    .groupBy('facility_id')
    .execute();
}

/** The class and geometry (GeoJSON text) of each asset in service of `classes`. */
export function activeGeometriesOf(db: Kysely<Database>, classes: readonly string[]) {
  return db
    .selectFrom('assets')
    .select(['asset_class', 'geometry'])
    .where('asset_class', 'in', [...classes])
    .where('status', '=', 'active')
    .execute();
}
