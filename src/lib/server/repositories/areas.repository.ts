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
  return db.selectFrom('hazard_zones').select(['id', 'kind', 'name', 'level', 'geometry']).orderBy('id').execute();
}
