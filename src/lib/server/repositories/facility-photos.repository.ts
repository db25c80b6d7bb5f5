/** Each facility's photo (one at most), stored with its description; metadata already removed. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, FacilityPhotosTable } from '../db/database';

/** The photo's description and size, without the image. */
export function photoMetaRow(db: Kysely<Database>, facilityCode: string) {
  return db
    .selectFrom('facility_photos')
    .innerJoin('facilities', 'facilities.id', 'facility_photos.facility_id')
    .select(['facility_photos.alt', 'facility_photos.size', 'facility_photos.created_at'])
    .where('facilities.code', '=', facilityCode)
    .executeTakeFirst();
}

/** The image; `activeOnly`: only of a facility in service. */
export function photoContentRow(db: Kysely<Database>, facilityCode: string, activeOnly: boolean) {
  let q = db
    .selectFrom('facility_photos')
    .innerJoin('facilities', 'facilities.id', 'facility_photos.facility_id')
    .select(['facility_photos.mime', 'facility_photos.content', 'facility_photos.created_at'])
    .where('facilities.code', '=', facilityCode);
  if (activeOnly) q = q.where('facilities.status', '=', 'active');
  return q.executeTakeFirst();
}

/** Removes a facility's photo; what it was (description and size), or undefined if none. */
export async function removePhoto(db: Kysely<Database>, facilityId: number) {
  const before = await db
    .selectFrom('facility_photos')
    .select(['alt', 'size'])
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  if (before)
    await db.deleteFrom('facility_photos').where('facility_id', '=', facilityId).execute();
  return before;
}

export async function insertPhoto(
  db: Kysely<Database>,
  row: Insertable<FacilityPhotosTable>
): Promise<void> {
  await db.insertInto('facility_photos').values(row).execute();
}
