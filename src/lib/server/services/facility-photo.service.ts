/**
 * A facility's photo for its public page: one per facility, JPEG or PNG up to 5 MB, kept without
 * its metadata (`io/photo.ts`), with the text that describes it to a reader who cannot see it.
 * Facilities staff set and remove it on the record card (audited, without the image itself).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { said, SaidError } from '../../i18n/said';
import { facilityIdOf } from '../repositories/facilities.repository';
import {
  insertPhoto,
  photoContentRow,
  photoMetaRow,
  removePhoto
} from '../repositories/facility-photos.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { cleanPhoto } from '../../io/photo';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ALT_MAX = 200;

export class PhotoError extends SaidError<400 | 404 | 413> {}

async function facilityId(db: Kysely<Database>, code: string): Promise<number> {
  const id = await facilityIdOf(db, code);
  if (id === null) throw new PhotoError(said('その施設はありません', 'no such facility'), 404);
  return id;
}

/** The photo's description and size, without the image (null: none). */
export async function photoMeta(db: Kysely<Database>, code: string) {
  return (await photoMetaRow(db, code)) ?? null;
}

/** The image to send; for the public pages only a facility in service has one. */
export async function photoContent(db: Kysely<Database>, code: string, publicOnly: boolean) {
  return (await photoContentRow(db, code, publicOnly)) ?? null;
}

/** Sets (or replaces) a facility's photo; refused, naming why, when it is not one Hozen takes. */
export async function setFacilityPhoto(
  db: Kysely<Database>,
  who: AuditWho,
  code: string,
  input: { bytes: Uint8Array; alt: string }
): Promise<void> {
  const id = await facilityId(db, code);
  const alt = input.alt.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!alt)
    throw new PhotoError(
      said(
        '写真の説明（目の不自由な方の読み上げ用）を入れてください',
        'describe the photo (read aloud to readers who cannot see it)'
      ),
      400
    );
  if (alt.length > ALT_MAX)
    throw new PhotoError(
      said(`写真の説明は${ALT_MAX}字までです`, `at most ${ALT_MAX} characters`),
      400
    );
  if (input.bytes.byteLength > MAX_PHOTO_BYTES)
    throw new PhotoError(said('写真は5 MBまでです', 'the photo is over 5 MB'), 413);
  const photo = cleanPhoto(input.bytes);
  if (!photo)
    throw new PhotoError(
      said('写真はJPEGかPNGの画像にしてください', 'the photo must be a JPEG or PNG image'),
      400
    );
  await db.transaction().execute(async (trx) => {
    const before = await removePhoto(trx, id);
    await insertPhoto(trx, {
      facility_id: id,
      mime: photo.type,
      size: photo.bytes.byteLength,
      content: photo.bytes,
      alt,
      created_by: who.username,
      created_at: who.now
    });
    await writeAudit(trx, who, {
      action: before ? 'update' : 'create',
      entity: 'facility_photo',
      entityId: code,
      before: before ?? null,
      after: { alt, size: photo.bytes.byteLength }
    });
  });
}

/** Removes a facility's photo (audited); nothing to remove is not an error. */
export async function removeFacilityPhoto(
  db: Kysely<Database>,
  who: AuditWho,
  code: string
): Promise<void> {
  const id = await facilityId(db, code);
  await db.transaction().execute(async (trx) => {
    const before = await removePhoto(trx, id);
    if (!before) return;
    await writeAudit(trx, who, {
      action: 'delete',
      entity: 'facility_photo',
      entityId: code,
      before,
      after: null
    });
  });
}
