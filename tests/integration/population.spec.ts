/**
 * The demand side on the databases the suite runs against: the demo city's synthetic population
 * projected per area; people within reach of a facility; catchments on a small grid with known
 * answers; official totals scale the projection exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  catchment,
  facilityDemand,
  populationOutlook,
  totalsAt,
  type PopulationOutlook
} from '../../src/lib/server/services/population.service';
import { putSetting } from '../../src/lib/server/repositories/settings.repository';
import { writeAudit } from '../../src/lib/server/repositories/audit.repository';
import { DEFAULT_PROJECTION } from '../../src/lib/engine/population-defaults';
import { AGE_GROUPS, total, type Cohorts } from '../../src/lib/engine/population';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('population');
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

describe('the demo city’s population', () => {
  it('is about 146,000 in 2020, declines and ages by 2050', async () => {
    const o = (await populationOutlook(db))!;
    expect(o.censusYear).toBe(2020);
    expect(o.years).toEqual([
      2020, 2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060, 2065, 2070, 2075, 2080
    ]);
    expect(o.totals[0]).toBeGreaterThan(145_000);
    expect(o.totals[0]).toBeLessThan(147_000);
    expect(o.totals[6]).toBeLessThan(o.totals[0]! * 0.9);
    const share65 = (k: number) =>
      o.areas.reduce((s, a) => s + total(a.cohorts[k]!, 13, AGE_GROUPS - 1), 0) / o.totals[k]!;
    expect(share65(6)).toBeGreaterThan(share65(0));
    // A year between projected years reads linearly.
    expect(totalsAt(o, [2022])[0]).toBeCloseTo(o.totals[0]! * 0.6 + o.totals[1]! * 0.4, 6);
  });

  it('a school’s card counts the children within 2 km, now and in 2035 and 2050', async () => {
    const school = await db
      .selectFrom('facilities')
      .select(['lon', 'lat', 'category', 'subcategory'])
      .where('subcategory', '=', 'elementary_school')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const d = (await facilityDemand(db, school))!;
    expect(d).toMatchObject({ band: 'children6to11', radius: 2_000, censusYear: 2020 });
    expect(d.points.map((p) => p.year)).toEqual([2020, 2035, 2050]);
    expect(d.points[0]!.people).toBeGreaterThan(0);
    expect(d.points[2]!.people).toBeLessThan(d.points[0]!.people);
  });

  it('official totals (人口ビジョン) scale every area exactly', async () => {
    await putSetting(db, 'population_official', JSON.stringify({ 2030: 140_000 }));
    // Settings are not data the cache watches: an audited change is (as the settings page does).
    await writeAudit(
      db,
      { username: 'test', now: new Date().toISOString() },
      { action: 'update', entity: 'settings', entityId: null, before: null, after: null }
    );
    const o = (await populationOutlook(db))!;
    expect(o.scaled).toBe(true);
    expect(o.totals[2]).toBeCloseTo(140_000, 6);
  });
});

describe('catchments on a small grid with known answers', () => {
  // Three areas 1 km apart on a line at 35° N; the first holds 100 children 0–4, the second 50
  // people 65+, the third 10 of each.
  const cohorts = (g: number, n: number, extra?: [number, number]): Cohorts => {
    const m = new Array<number>(AGE_GROUPS).fill(0);
    const f = new Array<number>(AGE_GROUPS).fill(0);
    m[g] = n;
    if (extra) f[extra[0]] = extra[1];
    return { m, f };
  };
  const km = 1 / (111.195 * Math.cos((35 * Math.PI) / 180));
  const o: PopulationOutlook = {
    censusYear: 2020,
    years: [2020],
    areas: [
      { code: 'a', name: 'a', lon: 138, lat: 35, cohorts: [cohorts(0, 100)] },
      { code: 'b', name: 'b', lon: 138 + km, lat: 35, cohorts: [cohorts(14, 50)] },
      { code: 'c', name: 'c', lon: 138 + 2 * km, lat: 35, cohorts: [cohorts(0, 10, [14, 10])] }
    ],
    totals: [170],
    params: DEFAULT_PROJECTION,
    scaled: false
  };
  it('counts whole areas whose point is within reach, in the band asked', () => {
    const at = { lon: 138, lat: 35 };
    expect(catchment(o, at, 500, 'all', [2020])).toEqual([100]);
    expect(catchment(o, at, 1_001, 'all', [2020])[0]).toBeCloseTo(150, 9);
    expect(catchment(o, at, 2_001, 'elderly65', [2020])[0]).toBeCloseTo(60, 9);
    // 0–5: all of 0–4 and a fifth of 5–9 (none here).
    expect(catchment(o, at, 2_001, 'children0to5', [2020])[0]).toBeCloseTo(110, 9);
  });
});
