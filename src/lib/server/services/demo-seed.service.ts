/**
 * Writing the synthetic demo city into a database, in one transaction, and fingerprinting a
 * database's content so that "same seed, same city" can be checked.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { refreshStatistics } from '../db/postgres';
import { insertInBatches } from '../db/batch';
import { writeAudit } from '../repositories/audit.repository';
import { assetIds, hasAssets } from '../repositories/assets.repository';
import { facilityIds, hasFacilities } from '../repositories/facilities.repository';
import { putSetting } from '../repositories/settings.repository';
import { adoptVersion, insertPlanItems, insertPlanVersion } from '../repositories/plans.repository';
import { insertActuals } from '../repositories/actuals.repository';
import type { DemoHistory } from '../../demo-city/demo-city-history';
import { bboxOf } from '../../geo/bbox';
import { DEFAULT_DEMO_SEED, generateDemoCity, type DemoCity } from '../../demo-city/demo-city';

export interface SeedReport {
  seed: number;
  facilities: number;
  assets: Record<string, number>;
  inspections: number;
  hazardZones: number;
}

export interface SeedOptions {
  seed?: number;
  /** Timestamp written to created_at/updated_at (defaults to now). */
  now?: string;
  /** A city already generated (e.g. the synthetic metro of the map benchmark) instead of the seed's. */
  city?: DemoCity;
}

/** True when the database holds no facilities and no assets. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await hasFacilities(db)) && !(await hasAssets(db));
}

/**
 * Generates the demo city from `seed` and writes it into an empty database, all or nothing.
 * @throws if the database already holds facilities or assets (nothing is changed then).
 */
export async function seedDemoCity(
  db: Kysely<Database>,
  options: SeedOptions = {}
): Promise<SeedReport> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? new Date().toISOString();
  const city = options.city ?? generateDemoCity(seed);

  await db.transaction().execute(async (trx) => {
    if (!(await isDatabaseEmpty(trx as unknown as Kysely<Database>))) {
      throw new Error(
        'the database already holds facilities or assets; the demo city is only seeded into an empty database'
      );
    }
    for (const [key, value] of Object.entries(city.settings)) await putSetting(trx, key, value);
    await insertInBatches(
      trx,
      'facilities',
      city.facilities.map((f) => ({ ...f, created_at: now, updated_at: now }))
    );
    const facilityIdOf = await facilityIds(trx);
    await insertInBatches(
      trx,
      'assets',
      city.assets.map(({ facility_code, geometry, ...asset }) => ({
        ...asset,
        facility_id: facility_code ? (facilityIdOf.get(facility_code) ?? null) : null,
        geometry: JSON.stringify(geometry),
        ...bboxOf(geometry),
        created_at: now,
        updated_at: now
      }))
    );
    const assetIdOf = await assetIds(trx);
    await insertInBatches(
      trx,
      'inspections',
      city.inspections.map(({ asset_code, ...inspection }) => ({
        ...inspection,
        asset_id: assetIdOf.get(asset_code)!,
        created_at: now
      }))
    );
    await insertInBatches(
      trx,
      'hazard_zones',
      city.hazardZones.map((zone) => ({
        kind: zone.kind,
        level: zone.level ?? '',
        depth_min_m: zone.depth_min_m ?? null,
        depth_max_m: zone.depth_max_m ?? null,
        name: zone.name,
        source: zone.source ?? null,
        geometry: JSON.stringify(zone.geometry),
        ...bboxOf(zone.geometry)
      }))
    );
    await insertInBatches(
      trx,
      'basemap_features',
      city.basemap.map((feature) => ({
        kind: feature.kind,
        name: feature.name,
        geometry: JSON.stringify(feature.geometry),
        ...bboxOf(feature.geometry)
      }))
    );
    await seedHistory(trx, city.history, now);
    await insertInBatches(
      trx,
      'facility_usage',
      city.usage.map(({ facility_code, ...u }) => ({
        ...u,
        facility_id: facilityIdOf.get(facility_code)!,
        source: 'synthetic (demo city)',
        created_at: now
      }))
    );
    await insertInBatches(
      trx,
      'population_areas',
      city.population.map((a) => ({
        code: a.code,
        name: a.name,
        kind: a.kind,
        year: a.year,
        counts: JSON.stringify(a.counts),
        total: a.counts.m.reduce((s, v) => s + v, 0) + a.counts.f.reduce((s, v) => s + v, 0),
        lon: a.lon,
        lat: a.lat,
        geometry: JSON.stringify(a.geometry),
        source: '架空のデモ都市の人口（合成）'
      }))
    );
    await writeAudit(
      trx,
      { username: 'system', now },
      {
        action: 'seed',
        entity: 'database',
        entityId: null,
        before: null,
        after: { seed, facilities: city.facilities.length, assets: city.assets.length },
        note: 'synthetic demo city'
      }
    );
  });
  await refreshStatistics(db);

  const assets: Record<string, number> = {};
  for (const asset of city.assets) assets[asset.asset_class] = (assets[asset.asset_class] ?? 0) + 1;
  return {
    seed,
    facilities: city.facilities.length,
    assets,
    inspections: city.inspections.length,
    hazardZones: city.hazardZones.length
  };
}

/** The demo's plan, adopted, with its items, and the works done since. */
async function seedHistory(db: Kysely<Database>, history: DemoHistory, now: string) {
  const { plan, items, actuals } = history;
  const planId = await insertPlanVersion(
    db,
    { name: plan.name, fiscal_year: plan.fiscal_year, based_on: null, note: plan.note },
    now
  );
  await adoptVersion(db, planId, 'system', plan.adopted_at);
  const ids = await insertPlanItems(
    db,
    items.map((item) => ({
      ...item,
      plan_id: planId,
      cost_yen: null,
      created_at: now,
      updated_at: now
    }))
  );
  await insertActuals(
    db,
    actuals.map(({ plan_item, ...a }) => ({
      ...a,
      plan_item_id: plan_item === null ? null : ids[plan_item]!,
      source: null,
      created_at: now,
      created_by: 'system'
    }))
  );
}

/** Tables whose content makes up the city, in hashing order, with their natural sort key. */
const CONTENT_TABLES = [
  ['settings', 'key'],
  ['facilities', 'code'],
  ['assets', 'code'],
  ['inspections', 'id'],
  ['hazard_zones', 'id'],
  ['basemap_features', 'id'],
  ['plan_versions', 'id'],
  ['plan_items', 'id'],
  ['actuals', 'id'],
  ['population_areas', 'code'],
  ['facility_usage', 'id']
] as const;

/** Columns that record when a row was written rather than what it says. */
const TIMESTAMP_COLUMNS = new Set(['created_at', 'updated_at']);

/**
 * SHA-256 of the city's content (every row of the city tables, in a fixed order, without the
 * write timestamps). Two databases seeded with the same seed have the same hash.
 */
export async function contentHash(db: Kysely<Database>): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, key] of CONTENT_TABLES) {
    const rows = await db.selectFrom(table).selectAll().orderBy(sql.ref(key)).execute();
    hash.update(`#${table}\n`);
    for (const row of rows) {
      const values = Object.entries(row)
        .filter(([column]) => !TIMESTAMP_COLUMNS.has(column))
        .map(([, value]) => value);
      hash.update(JSON.stringify(values));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
