/**
 * My district on the demo city: an address typed as a citizen writes it finds its 丁目, placed at
 * the mean of that 丁目's facilities (computed here from the register apart from the parser); the
 * nearest elementary school is the one a distance computed here says; once the adopted plan closes
 * it, the page's "under the plan" names the second nearest — and "now" still the first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { districtReach, searchPlaces } from '../../src/lib/server/services/district.service';
import { adoptedPlanVersion } from '../../src/lib/server/repositories/plans.repository';
import { asOfYear } from '../../src/lib/server/repositories/settings.repository';
import { writeAudit } from '../../src/lib/server/repositories/audit.repository';
import { metres } from '../../src/lib/engine/access';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('district');
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

describe('my district', () => {
  it('finds the 丁目 of an address and the nearest school now and under the plan', async () => {
    const inShida4 = await db
      .selectFrom('facilities')
      .select(['lon', 'lat'])
      .where('status', '=', 'active')
      .where('address', 'like', '%志太4丁目%')
      .execute();
    expect(inShida4.length).toBeGreaterThan(0);
    const point = {
      lon: inShida4.reduce((s, f) => s + f.lon!, 0) / inShida4.length,
      lat: inShida4.reduce((s, f) => s + f.lat!, 0) / inShida4.length
    };
    const [place, ...others] = await searchPlaces(db, '静岡県デモ市志太４丁目１０−１');
    expect(others).toEqual([]);
    expect(place!.key).toBe('志太4丁目');
    expect(place!.lon).toBeCloseTo(point.lon, 9);
    expect(place!.lat).toBeCloseTo(point.lat, 9);

    const schools = (
      await db
        .selectFrom('facilities')
        .select(['code', 'lon', 'lat'])
        .where('subcategory', '=', 'elementary_school')
        .where('status', '=', 'active')
        .execute()
    )
      .map((s) => ({ code: s.code, d: metres(point.lon, point.lat, s.lon!, s.lat!) }))
      .sort((a, b) => a.d - b.d);
    const before = (await districtReach(db, '志太4丁目'))!;
    const elementary = () => before.services.find((s) => s.id === 'elementary')!;
    expect(elementary().now[0]!.code).toBe(schools[0]!.code);
    expect(elementary().now[0]!.distance).toBe(Math.round(schools[0]!.d / 10) * 10);

    // The adopted plan closes the nearest school two years on.
    const plan = (await adoptedPlanVersion(db))!;
    const asOf = await asOfYear(db);
    const now = '2026-12-03T12:00:00Z';
    await db
      .insertInto('plan_items')
      .values({
        plan_id: plan.id,
        facility_code: schools[0]!.code,
        asset_code: null,
        action: 'closure',
        fiscal_year: asOf + 2,
        cost_yen: null,
        into_facility: null,
        reason: 'test',
        created_at: now,
        updated_at: now
      })
      .execute();
    await writeAudit(
      db,
      { username: 'editor', now },
      {
        action: 'create',
        entity: 'plan_item',
        entityId: null,
        before: null,
        after: null
      }
    );
    const after = (await districtReach(db, '志太4丁目'))!;
    const school = after.services.find((s) => s.id === 'elementary')!;
    expect(after.planYear).toBeGreaterThanOrEqual(asOf + 2);
    expect(school.now[0]!.code).toBe(schools[0]!.code);
    expect(school.planned[0]!.code).toBe(schools[1]!.code);
    expect(school.planned.map((n) => n.code)).not.toContain(schools[0]!.code);
  });

  it('answers null for a place the city does not have, and lists the places a word holds', async () => {
    expect(await districtReach(db, '存在しない町')).toBeNull();
    const shida = (await searchPlaces(db, '志')).map((p) => p.key);
    expect(shida).toContain('志太');
    expect(shida).toContain('志太4丁目');
  });
});
