/** The facilities: read by code or id, and changed only at the version the editor read. */
import type { Kysely, Updateable } from 'kysely';
import { updateIfAt } from './versioned';
import type { Database, FacilitiesTable, NewFacilityRow } from '../db/database';

/** A facility's whole row by its code, or undefined. */
export function facilityByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('facilities').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The code of a facility that is not closed, or undefined (what a citizen may comment on). */
export async function openFacilityCode(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('facilities')
    .select('code')
    .where('code', '=', code)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return row?.code;
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

/** Sets a facility's columns at the version read; whether it was still at it. */
export function updateFacilityIfAt(
  db: Kysely<Database>,
  id: number,
  version: number,
  set: Updateable<FacilitiesTable>,
  now: string
): Promise<boolean> {
  return updateIfAt(db, 'facilities', id, version, set, now);
}

/** Every facility's id by its code. */
export async function facilityIds(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('facilities').select(['id', 'code']).execute();
  return new Map(rows.map((f) => [f.code, f.id]));
}

/** How many facilities have this use category. */
export async function countFacilitiesOf(db: Kysely<Database>, category: string): Promise<number> {
  const row = await db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category', '=', category)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first `limit` facilities of a use category, in code order: code, name, address. */
export function facilitiesOf(db: Kysely<Database>, category: string, limit: number) {
  return db
    .selectFrom('facilities')
    .select(['code', 'name', 'address'])
    .where('category', '=', category)
    .orderBy('code')
    .limit(limit)
    .execute();
}

/** The facilities among `codes`: id, code, category, version. */
export function facilitiesByCodes(db: Kysely<Database>, codes: readonly string[]) {
  return db
    .selectFrom('facilities')
    .select(['id', 'code', 'category', 'version'])
    .where('code', 'in', [...codes])
    .execute();
}

/** Records a new facility. */
export async function insertFacility(db: Kysely<Database>, row: NewFacilityRow): Promise<void> {
  await db.insertInto('facilities').values(row).execute();
}

/** Whether the register holds any facility at all. */
export async function hasFacilities(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('facilities').select('id').limit(1).executeTakeFirst());
}

/** Facilities in service with their public fields only (what open data may carry), by code. */
export function publicFacilityRows(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select(['code', 'name', 'name_kana', 'category', 'address', 'lat', 'lon'])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
}

/** Every facility's place, use and card plan (the access to services reads them). */
export function facilityPlaces(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'code',
      'name',
      'category',
      'subcategory',
      'lon',
      'lat',
      'status',
      'policy',
      'consolidate_into'
    ])
    .orderBy('code')
    .execute();
}

/** The facilities in service that have a position, by code, with what the review candidates weigh. */
export function placedActiveFacilities(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'id',
      'code',
      'name',
      'category',
      'subcategory',
      'lon',
      'lat',
      'yearly_users',
      'policy'
    ])
    .where('status', '=', 'active')
    .where('lon', 'is not', null)
    .where('lat', 'is not', null)
    .orderBy('code')
    .execute();
}

/** Each facility in service's address and position (where the district page finds its places). */
export function activeFacilityAddresses(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select(['address', 'lon', 'lat'])
    .where('status', '=', 'active')
    .execute();
}

/** Every facility's id, code and name (usage rows name a facility by either). */
export function facilityKeys(db: Kysely<Database>) {
  return db.selectFrom('facilities').select(['id', 'code', 'name']).execute();
}
