/** The hazard zones (浸水想定区域 …) as stored: GeoJSON polygons. */
import type { Kysely } from 'kysely';
import type { Database, NewHazardZoneRow } from '../db/database';

/** Every hazard zone's geometry (GeoJSON text). */
export function hazardGeometries(db: Kysely<Database>) {
  return db.selectFrom('hazard_zones').select('geometry').execute();
}

/** Replaces the zones an earlier import of `source` stored by `zones`; how many were removed. */
export async function replaceHazardZones(
  db: Kysely<Database>,
  source: string,
  zones: readonly Omit<NewHazardZoneRow, 'source'>[]
): Promise<number> {
  const removed = await db
    .deleteFrom('hazard_zones')
    .where('source', '=', source)
    .executeTakeFirst();
  for (const zone of zones)
    await db
      .insertInto('hazard_zones')
      .values({ ...zone, source })
      .execute();
  return Number(removed.numDeletedRows ?? 0);
}
