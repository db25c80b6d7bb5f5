/** The facilities: read by code or id, and changed only at the version the editor read. */
import type { Kysely, Updateable } from 'kysely';
import type { Database, FacilitiesTable } from '../db/database';

/** A facility's whole row by its code, or undefined. */
export function facilityByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('facilities').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A facility's id by its code, or null. */
export async function facilityIdOf(db: Kysely<Database>, code: string): Promise<number | null> {
  const row = await db
    .selectFrom('facilities')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A facility's code, name and shelter flag by its id, or null. */
export async function facilityNameOf(db: Kysely<Database>, id: number) {
  return (
    (await db
      .selectFrom('facilities')
      .select(['code', 'name', 'is_shelter'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Sets a facility's columns and raises its version, if it is still at `version`; whether it was
 * (false: someone changed it meanwhile).
 */
export async function updateFacilityIfAt(
  db: Kysely<Database>,
  id: number,
  version: number,
  set: Updateable<FacilitiesTable>,
  now: string
): Promise<boolean> {
  const updated = await db
    .updateTable('facilities')
    .set({ ...set, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
