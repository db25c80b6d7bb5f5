/** The hazard zones (浸水想定区域 …) as stored: GeoJSON polygons. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** Every hazard zone's geometry (GeoJSON text). */
export function hazardGeometries(db: Kysely<Database>) {
  return db.selectFrom('hazard_zones').select('geometry').execute();
}
