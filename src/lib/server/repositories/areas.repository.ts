import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

export interface AreaRow {
  id: number;
  kind: string;
  name: string | null;
  level: string | null;
  geometry: string;
}

/** The offline basemap: city boundary, rivers, channels, railway. */
export async function listBasemapFeatures(db: Kysely<Database>): Promise<AreaRow[]> {
  return db
    .selectFrom('basemap_features')
    .select(['id', 'kind', 'name', 'geometry'])
    .select((eb) => eb.val<string | null>(null).as('level'))
    .orderBy('id')
    .execute();
}

/** Hazard zones (flood inundation depth bands, …). */
export async function listHazardZones(db: Kysely<Database>): Promise<AreaRow[]> {
  return db
    .selectFrom('hazard_zones')
    .select(['id', 'kind', 'name', 'level', 'geometry'])
    .orderBy('id')
    .execute();
}

export type Bounds = [west: number, south: number, east: number, north: number];

async function boundsOf(
  db: Kysely<Database>,
  table: 'basemap_features' | 'assets',
  kind?: string
): Promise<Bounds | null> {
  let query = db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.min<number>('min_lon').as('west'),
      eb.fn.min<number>('min_lat').as('south'),
      eb.fn.max<number>('max_lon').as('east'),
      eb.fn.max<number>('max_lat').as('north')
    ]);
  if (kind) query = query.where('kind' as never, '=', kind as never);
  const row = await query.executeTakeFirst();
  return row && row.west != null ? [row.west, row.south, row.east, row.north] : null;
}

/** The box around the city boundary, or null when there is none. */
export function boundaryBounds(db: Kysely<Database>): Promise<Bounds | null> {
  return boundsOf(db, 'basemap_features', 'boundary');
}

/** The box around every asset, or null when there is none. */
export function assetBounds(db: Kysely<Database>): Promise<Bounds | null> {
  return boundsOf(db, 'assets');
}
