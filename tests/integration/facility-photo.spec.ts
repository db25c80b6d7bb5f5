/**
 * A facility's photo: kept without the camera's metadata (the GPS position and the owner's name
 * written in its Exif are gone from what is stored and served), refused without a description or
 * when it is not a JPEG or PNG (nothing stored then), replaced and removed with an audit entry that
 * holds no image; the public pages serve it for a facility in service only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import {
  PhotoError,
  photoContent,
  photoMeta,
  removeFacilityPhoto,
  setFacilityPhoto
} from '../../src/lib/server/services/facility-photo.service';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('facility-photo');
const db = await target.open();
const who = { username: 'editor', now: '2026-12-03T10:00:00Z' };
const bytes = (s: string) => [...Buffer.from(s, 'utf8')];
const segment = (marker: number, data: number[]) => [
  0xff,
  marker,
  (data.length + 2) >> 8,
  (data.length + 2) & 0xff,
  ...data
];
const SECRET = 'GPS 34.9712N 138.3831E Owner 山田太郎';
const jpeg = new Uint8Array([
  0xff,
  0xd8,
  ...segment(0xe0, bytes('JFIF\0')),
  ...segment(0xe1, bytes(`Exif\0\0${SECRET}`)),
  0xff,
  0xda,
  0x00,
  0x02,
  0x11,
  0xff,
  0xd9
]);

beforeAll(async () => {
  await migrateToLatest(db);
  for (const [code, status] of [
    ['F01', 'active'],
    ['F02', 'closed']
  ] as const)
    await db
      .insertInto('facilities')
      .values({
        code,
        name: `施設${code}`,
        category: 'civic_culture',
        status,
        created_at: who.now,
        updated_at: who.now
      })
      .execute();
  return () => db.destroy();
});

describe('a facility’s photo', () => {
  it('is refused without a description or when it is not a photo; nothing is stored', async () => {
    await expect(
      setFacilityPhoto(db, who, 'F01', { bytes: jpeg, alt: '  ' })
    ).rejects.toBeInstanceOf(PhotoError);
    await expect(
      setFacilityPhoto(db, who, 'F01', {
        bytes: new Uint8Array(bytes('%PDF-1.7 not a photo')),
        alt: '外観'
      })
    ).rejects.toMatchObject({ said: { ja: expect.stringContaining('JPEG') } });
    await expect(
      setFacilityPhoto(db, who, 'F99', { bytes: jpeg, alt: '外観' })
    ).rejects.toMatchObject({ status: 404 });
    expect(await photoMeta(db, 'F01')).toBeNull();
  });

  it('is kept and served without its Exif; the audit holds no image', async () => {
    await setFacilityPhoto(db, who, 'F01', { bytes: jpeg, alt: '中央公民館の外観（南側から）' });
    const served = (await photoContent(db, 'F01', true))!;
    expect(served.mime).toBe('image/jpeg');
    const text = Buffer.from(served.content).toString('utf8');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('山田');
    expect(text).toContain('JFIF');
    expect(served.content.length).toBe(
      jpeg.length - segment(0xe1, bytes(`Exif\0\0${SECRET}`)).length
    );
    expect(await photoMeta(db, 'F01')).toMatchObject({ alt: '中央公民館の外観（南側から）' });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'facility_photo')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after!.length).toBeLessThan(200);
  });

  it('is served on the public pages for a facility in service only', async () => {
    await setFacilityPhoto(db, who, 'F02', { bytes: jpeg, alt: '廃止した施設' });
    expect(await photoContent(db, 'F02', false)).not.toBeNull();
    expect(await photoContent(db, 'F02', true)).toBeNull();
  });

  it('is replaced by a new one, and removed', async () => {
    await setFacilityPhoto(db, who, 'F01', { bytes: jpeg, alt: '新しい写真' });
    expect(await db.selectFrom('facility_photos').select('id').execute()).toHaveLength(2);
    expect((await photoMeta(db, 'F01'))!.alt).toBe('新しい写真');
    await removeFacilityPhoto(db, who, 'F01');
    expect(await photoMeta(db, 'F01')).toBeNull();
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', 'F01')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});
