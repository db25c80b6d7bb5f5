/**
 * The public portal's settings and fields on the demo city: off until set; a comparison line
 * that names no existing scenarios is refused with its line and nothing is saved; the public
 * facilities carry their public fields only, and closed facilities are not among them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  PortalError,
  portalSettings,
  publicFacilities,
  setPortalSettings
} from '../../src/lib/server/services/public-portal.service';
import { createFromPreset } from '../../src/lib/server/services/scenarios.service';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('public-portal');
const db = await target.open();
const who = { username: 'admin', now: '2026-12-03T10:00:00Z' };
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  await createFromPreset(db, 'baseline', who);
  await createFromPreset(db, 'longevity', who);
  return () => db.destroy();
});

describe('the public portal’s settings', () => {
  it('is off until an administrator publishes it; a bad comparison line saves nothing', async () => {
    expect(await portalSettings(db)).toEqual({
      enabled: false,
      layers: ['building'],
      comparisons: []
    });
    const bad = setPortalSettings(db, who, {
      enabled: true,
      layers: ['building'],
      comparisons: '1,2\n1,99'
    });
    await expect(bad).rejects.toBeInstanceOf(PortalError);
    await expect(bad).rejects.toMatchObject({
      said: { ja: expect.stringContaining('2行目「1,99」') }
    });
    expect((await portalSettings(db)).enabled).toBe(false);
    await expect(
      setPortalSettings(db, who, { enabled: true, layers: ['pipes'], comparisons: '' })
    ).rejects.toBeInstanceOf(PortalError);
  });

  it('saves what is published, full-width digits and 、 read, and audits it', async () => {
    const saved = await setPortalSettings(db, who, {
      enabled: true,
      layers: ['building', 'bridge'],
      comparisons: '１、２\n'
    });
    expect(saved).toEqual({ enabled: true, layers: ['building', 'bridge'], comparisons: [[1, 2]] });
    expect(await portalSettings(db)).toEqual(saved);
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ entity: 'settings', entity_id: 'public_portal' });
  });
});

describe('the public facilities', () => {
  it('are those in service, with their public fields only', async () => {
    const rows = await publicFacilities(db);
    const active = await db
      .selectFrom('facilities')
      .select('code')
      .where('status', '=', 'active')
      .execute();
    expect(rows.map((r) => r.code).sort()).toEqual(active.map((r) => r.code).sort());
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'address',
      'category',
      'code',
      'costPerUser',
      'floorArea',
      'grade',
      'isShelter',
      'lat',
      'lon',
      'name',
      'next',
      'yearBuilt'
    ]);
  });
});
