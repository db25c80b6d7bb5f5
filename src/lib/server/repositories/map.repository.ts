/** What the map index is built from: the assets in service, their inspections, zones, basemap. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ENGINE_ASSET_COLUMNS, latestInspections } from './assets.repository';

/** Every asset in service with what the map and the engine read of it, in id order. */
function assetRows(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select(ENGINE_ASSET_COLUMNS)
    .select([
      'assets.id',
      'assets.name',
      'assets.length_m',
      'assets.status',
      'assets.geometry',
      'assets.min_lon',
      'assets.min_lat',
      'assets.max_lon',
      'assets.max_lat',
      'facilities.status as facility_status'
    ])
    .where('assets.status', '!=', 'demolished')
    .orderBy('assets.id')
    .execute();
}

export type MapRow = Awaited<ReturnType<typeof assetRows>>[number];

/** The rows of a map index: assets, their latest inspections, hazard zones, basemap, facilities. */
export async function readMapRows(db: Kysely<Database>) {
  const rows = await assetRows(db);
  const latest = await latestInspections(db);
  const hazards = await db
    .selectFrom('hazard_zones')
    .select(['id', 'kind', 'name', 'level', 'geometry'])
    .orderBy('id')
    .execute();
  const basemap = await db
    .selectFrom('basemap_features')
    .select(['id', 'kind', 'name', 'geometry'])
    .orderBy('id')
    .execute();
  const facilities = await db
    .selectFrom('facilities')
    .select(['code', 'name', 'category', 'lon', 'lat'])
    .where('status', '!=', 'demolished')
    .where('lon', 'is not', null)
    .where('lat', 'is not', null)
    .orderBy('code')
    .execute();
  return { rows, latest, hazards, basemap, facilities };
}
