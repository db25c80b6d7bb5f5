/**
 * Access to facilities under a scenario, on the demo city: closing schools puts children beyond
 * the legal commuting distance (checked against every area's distances, counted here apart from
 * the engine); a card's consolidation hands the service to the facility it joins; the demo's
 * consolidation plan shows its cost in access.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { scenarioAccess, servicePoints } from '../../src/lib/server/services/access.service';
import { populationOutlook } from '../../src/lib/server/services/population.service';
import { createFromPreset, listScenarios } from '../../src/lib/server/services/scenarios.service';
import { PRESETS } from '../../src/lib/scenario';
import { planInput } from '../../src/lib/server/services/plan-inputs';
import { facilityPlaces } from '../../src/lib/server/repositories/facilities.repository';
import { atYear, inBand } from '../../src/lib/engine/population';
import { metres } from '../../src/lib/engine/access';
import type { Override } from '../../src/lib/engine/overrides';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('access');
const who = { username: 'finance', now: '2026-12-03T12:00:00Z' };
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  // The scenarios a new city starts with (as the first start makes them).
  for (const preset of PRESETS) await createFromPreset(db, preset, who);
  return () => db.destroy();
});

const reference = async () => {
  const s = (await listScenarios(db)).find((x) => x.name === '総務省の方法（予算制約なし）')!;
  return { standard: s.standard, startYear: s.startYear, years: s.years, params: s.params };
};

describe('access to elementary schools when all but one close in FY2030', () => {
  it('counts as worse off exactly the children within 4 km of a school today and not of the one left', async () => {
    const def = await reference();
    const schools = await db
      .selectFrom('facilities')
      .select(['code', 'lon', 'lat'])
      .where('subcategory', '=', 'elementary_school')
      .where('status', '=', 'active')
      .orderBy('code')
      .execute();
    const [kept, ...closed] = schools;
    const overrides: Override[] = [
      { kind: 'close', facilityCodes: closed.map((s) => s.code), year: 2030 }
    ];
    const access = (await scenarioAccess(db, {
      ...def,
      params: { ...def.params, overrides }
    }))!;
    const elementary = access.services.find((s) => s.id === 'elementary')!;
    expect(elementary.limit).toBe(4_000);
    const at = (y: number) => elementary.years.find((v) => v.year === y)!;
    expect(at(def.startYear).facilities).toBe(schools.length);
    expect(at(2030).facilities).toBe(1);
    expect(at(2035).facilities).toBe(1);
    expect(at(def.startYear).worsened).toBe(0);

    // The same count, area by area, from the projection and the distances.
    const o = (await populationOutlook(db))!;
    const within = (
      a: { lon: number; lat: number },
      s: { lon: number | null; lat: number | null }
    ) => metres(a.lon, a.lat, s.lon!, s.lat!) <= 4_000;
    let worse = 0;
    let beyond = 0;
    for (const a of o.areas) {
      const children = atYear(
        o.years,
        a.cohorts.map((c) => inBand(c, 'children6to11')),
        2035
      );
      const today = schools.some((s) => within(a, s));
      const then = within(a, kept!);
      if (!then) beyond += children;
      if (!then && today) worse += children;
    }
    expect(worse).toBeGreaterThan(1_000);
    expect(at(2035).worsened).toBeCloseTo(worse, 6);
    expect(at(2035).beyond).toBeCloseTo(beyond, 6);
    expect(at(2035).per10k).toBeCloseTo((1 / at(2035).people) * 10_000, 10);
  });
});

describe('a card’s consolidation', () => {
  it('hands a community centre’s service to the school it joins, from the year it closes', async () => {
    const def = await reference();
    const [centre] = await db
      .selectFrom('facilities')
      .select('code')
      .where('category', '=', 'civic_culture')
      .where('status', '=', 'active')
      .where('policy', '=', 'standard')
      .orderBy('code')
      .limit(1)
      .execute();
    const [school] = await db
      .selectFrom('facilities')
      .select('code')
      .where('subcategory', '=', 'junior_high_school')
      .orderBy('code')
      .limit(1)
      .execute();
    const facilities = (await facilityPlaces(db)).map((f) =>
      f.code === centre!.code ? { ...f, policy: 'consolidate', consolidate_into: school!.code } : f
    );
    const { assets } = await planInput(db, def);
    const { points } = servicePoints(facilities, assets, [
      { kind: 'close', facilityCodes: [centre!.code], year: 2031 }
    ]);
    const community = points.get('community')!;
    expect(community.find((p) => p.facility === centre!.code)).toMatchObject({ until: 2031 });
    expect(community.find((p) => p.facility === school!.code)).toMatchObject({
      from: 2031,
      until: Infinity
    });
    // The school still offers its own service.
    expect(points.get('junior')!.some((p) => p.facility === school!.code)).toBe(true);
  });
});

describe('the demo city’s consolidation plan', () => {
  it('shows fewer community centres and people worse off by 2050', async () => {
    const s = (await listScenarios(db)).find((x) => x.name === '複合化・統廃合の計画')!;
    const access = (await scenarioAccess(db, s))!;
    const community = access.services.find((v) => v.id === 'community')!;
    const first = community.years[0]!;
    const y2050 = community.years.find((v) => v.year === 2050)!;
    expect(y2050.facilities).toBeLessThan(first.facilities);
    expect(y2050.worsened).toBeGreaterThan(0);
    expect(y2050.worsened).toBeLessThanOrEqual(y2050.beyond);
  });
});
