/**
 * The demand side on the databases the suite runs against: the demo city's synthetic population
 * projected per area; people within reach of a facility; catchments on a small grid with known
 * answers; official totals scale the projection exactly.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  catchment,
  facilityDemand,
  importPopulation,
  importPopulationFiles,
  populationOutlook,
  roadCatchment,
  roadNetwork,
  totalsAt,
  type PopulationOutlook
} from '../../src/lib/server/services/population.service';
import { putSetting } from '../../src/lib/server/repositories/settings.repository';
import { writeAudit } from '../../src/lib/server/repositories/audit.repository';
import { DEFAULT_PROJECTION } from '../../src/lib/engine/population-defaults';
import { AGE_GROUPS, total, type Cohorts } from '../../src/lib/engine/population';
import { decodeBytes } from '../../src/lib/io/text-encoding';
import { parseCensusTable } from '../../src/lib/io/census-csv';
import { RoadNetwork } from '../../src/lib/engine/road-network';
import { closePool, compute } from '../../src/lib/server/compute/pool';
import { listEngineAssets } from '../../src/lib/server/repositories/assets.repository';
import { soumu } from '../../src/lib/engine/standards/soumu';
import { testTarget } from './helpers/temp-db';
import { censusTable, squareBoundaries } from '../helpers/census-table';

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
      { code: 'a', name: 'a', lon: 138, lat: 35, geometry: 'null', cohorts: [cohorts(0, 100)] },
      {
        code: 'b',
        name: 'b',
        lon: 138 + km,
        lat: 35,
        geometry: 'null',
        cohorts: [cohorts(14, 50)]
      },
      {
        code: 'c',
        name: 'c',
        lon: 138 + 2 * km,
        lat: 35,
        geometry: 'null',
        cohorts: [cohorts(0, 10, [14, 10])]
      }
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

describe('importing the census small-area table (e-Stat layout, Shift_JIS) with boundaries', () => {
  it('keeps the finest areas, reads "-" and hidden "X" as 0, splits 75+, places areas by boundary', async () => {
    const v = (n: number) => new Array<number>(16).fill(n);
    const csv = censusTable([
      { key: '22999', level: 1, name: '', men: v(30), women: v(30) },
      // A total of its two 丁目: not kept.
      { key: '22999001', level: 2, name: '本町', men: v(20), women: v(20) },
      { key: '22999001001', level: 3, name: '本町一丁目', men: v(10), women: v(10) },
      { key: '22999001002', level: 3, name: '本町二丁目', men: v(10), women: v(10) },
      { key: '22999002', level: 2, name: '山田', men: v(0), women: v(0), hidden: true },
      { key: '22999003', level: 2, name: '川原', men: v(5), women: [...v(5).slice(0, 15), 100] }
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-census-'));
    fs.writeFileSync(
      path.join(dir, 'utf8.csv'),
      csv.replace(/,10,10,10,10,10,10/, ',-,10,10,10,10,10')
    );
    execFileSync('iconv', [
      '-f',
      'UTF-8',
      '-t',
      'CP932',
      path.join(dir, 'utf8.csv'),
      '-o',
      path.join(dir, 'sjis.csv')
    ]);
    const bytes = fs.readFileSync(path.join(dir, 'sjis.csv'));
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && decoded.encoding).toBe('shift_jis');
    const boundaries = squareBoundaries(['22999001001', '22999001002', '22999002']);
    const other = await (await testTarget('population-import')).open();
    try {
      await migrateToLatest(other);
      const result = await importPopulation(
        other,
        { username: 'test', now: new Date().toISOString() },
        { text: decoded.ok ? decoded.text : '', boundaries, year: 2020, source: 'test' }
      );
      // 本町 is a total of its 丁目; 川原 has no boundary: listed, left out.
      expect(result).toMatchObject({
        written: true,
        areas: 3,
        hidden: 1,
        unplaced: ['22999003'],
        problems: []
      });
      const o = (await populationOutlook(other))!;
      const ichome = o.areas.find((a) => a.code === '22999001001')!;
      expect(ichome.cohorts[0]!.m[0]).toBe(0); // "-" read as 0
      expect(ichome.cohorts[0]!.m[1]).toBe(10);
      expect(ichome.cohorts[0]!.m.slice(15).map((x) => Math.round(x * 100) / 100)).toEqual([
        3.6, 2.8, 3.6
      ]);
      expect(total(o.areas.find((a) => a.code === '22999002')!.cohorts[0]!)).toBe(0);
      expect(ichome.lon).toBeGreaterThan(138);
      expect(ichome.lon).toBeLessThan(138.01);
    } finally {
      await other.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('from the files as uploaded, read in the compute pool: the same areas; an unreadable file refused by name', async () => {
    const v = (n: number) => new Array<number>(16).fill(n);
    const csv = censusTable([
      { key: '22999001001', level: 3, name: '本町一丁目', men: v(10), women: v(10) },
      { key: '22999001002', level: 3, name: '本町二丁目', men: v(7), women: v(3) }
    ]);
    const boundaries = squareBoundaries(['22999001001', '22999001002']);
    const other = await (await testTarget('population-files')).open();
    const who = { username: 'test', now: new Date().toISOString() };
    try {
      await migrateToLatest(other);
      const files = {
        table: new TextEncoder().encode(csv),
        tableName: '人口.csv',
        boundaries: new TextEncoder().encode(JSON.stringify(boundaries)),
        boundariesName: '境界.geojson',
        year: 2020,
        source: '人口.csv'
      };
      expect(await importPopulationFiles(other, who, files)).toMatchObject({
        written: true,
        areas: 2,
        unplaced: []
      });
      const o = (await populationOutlook(other))!;
      // 16 five-year groups of 20 people, and of 10 (7 men, 3 women).
      expect(o.areas.map((a) => Math.round(total(a.cohorts[0]!) * 1e6) / 1e6)).toEqual([320, 160]);
      const refused = await importPopulationFiles(other, who, {
        ...files,
        boundaries: new TextEncoder().encode('{"type":"Feature"')
      });
      expect(refused).toMatchObject({
        refused: {
          ja: expect.stringMatching(/^境界\.geojson：GeoJSON の FeatureCollection ではありません/),
          en: expect.stringMatching(/^境界\.geojson: not a GeoJSON FeatureCollection/)
        }
      });
      const notText = await importPopulationFiles(other, who, {
        ...files,
        table: new Uint8Array([0x82, 0xa0, 0xff, 0xfe, 0x00, 0x81])
      });
      expect(notText).toMatchObject({ refused: { ja: expect.stringMatching(/^人口\.csv：/) } });
    } finally {
      await other.destroy();
    }
  });

  it('refuses a table that is not the age-by-sex one, naming what it lacks', () => {
    const t = parseCensusTable(
      'KEY_CODE,HYOSYO,CITYNAME,NAME\r\n,,,,総数\r\n22999001,2,デモ市,本町,10'
    );
    expect(t.areas).toEqual([]);
    expect(t.problems[0]!.ja).toMatch(/2行目に次の列がありません：男０〜４歳/);
  });
});

describe('people within reach along the roads', () => {
  it('on the demo city: never more than in a straight line, and a school still reaches children', async () => {
    const net = (await roadNetwork(db))!;
    expect(net.size).toBeGreaterThan(1_000);
    const o = (await populationOutlook(db))!;
    const schools = await db
      .selectFrom('facilities')
      .select(['code', 'lon', 'lat', 'category', 'subcategory'])
      .where('subcategory', '=', 'elementary_school')
      .orderBy('code')
      .limit(5)
      .execute();
    for (const s of schools) {
      const d = (await facilityDemand(db, s))!;
      expect(d.road).not.toBeNull();
      d.road!.forEach((p, k) => expect(p.people).toBeLessThanOrEqual(d.points[k]!.people + 1e-9));
      expect(d.road![0]!.people).toBeGreaterThan(0);
      // The card's road figure is the engine's, on the same network.
      const again = roadCatchment(
        o,
        net,
        s as { lon: number; lat: number },
        2_000,
        'children6to11',
        [2020]
      );
      expect(again[0]).toBeCloseTo(d.road![0]!.people, 9);
    }
  });

  it('joins the roads in the compute pool; a busy pool leaves the card in a straight line, not failed', async () => {
    const school = (await db
      .selectFrom('facilities')
      .select(['lon', 'lat', 'category', 'subcategory'])
      .where('subcategory', '=', 'elementary_school')
      .orderBy('code')
      .executeTakeFirst())!;
    // A new state of the data (the network is built again), and one worker held by a long task.
    await writeAudit(
      db,
      { username: 'test', now: '2026-12-03T00:00:00Z' },
      { action: 'update', entity: 'asset', entityId: 'X', before: null, after: null }
    );
    await closePool();
    process.env.HOZEN_WORKERS = '1';
    process.env.HOZEN_QUEUE = '0';
    try {
      const long = compute('completeness', {
        assets: (await listEngineAssets(db)).flatMap((a) =>
          Array.from({ length: 8 }, (_, k) => ({ ...a, code: `${a.code}-${k}` }))
        ),
        placed: [],
        standard: soumu,
        horizon: { startYear: 2026, years: 60 }
      });
      const busy = (await facilityDemand(db, school))!;
      expect(busy.road).toBeNull();
      expect(busy.points[0]!.people).toBeGreaterThan(0);
      await long;
    } finally {
      await closePool();
      delete process.env.HOZEN_WORKERS;
      delete process.env.HOZEN_QUEUE;
    }
    // The refusal is not kept: the next view builds the network.
    expect((await facilityDemand(db, school))!.road).not.toBeNull();
  });

  it('leaves out an area across the river: 0.5 km away, 2.5 km by the only bridge', () => {
    const KM_N = 1000 / 111_195;
    const KM_E = KM_N / Math.cos((35 * Math.PI) / 180);
    const at = (e: number, n: number): [number, number] => [135 + e * KM_E, 35 + n * KM_N];
    // A road north 1 km, over the bridge east, and south 1 km; an area at each end.
    const net = RoadNetwork.fromLines([[at(0, 0), at(0, 1), at(0.5, 1), at(0.5, 0)]])!;
    const cohorts = (n: number): Cohorts => ({
      m: new Array<number>(AGE_GROUPS).fill(n),
      f: new Array<number>(AGE_GROUPS).fill(0)
    });
    const o: PopulationOutlook = {
      censusYear: 2020,
      years: [2020],
      areas: [at(0, 0), at(0.5, 0)].map(([lon, lat], k) => ({
        code: String(k),
        name: String(k),
        lon,
        lat,
        geometry: 'null',
        cohorts: [cohorts(k + 1)]
      })),
      totals: [],
      params: DEFAULT_PROJECTION,
      scaled: false
    };
    const here = { lon: at(0, 0)[0], lat: at(0, 0)[1] };
    // Everyone: 18 in the first area, 36 in the second.
    expect(catchment(o, here, 1_000, 'all', [2020])).toEqual([54]);
    expect(roadCatchment(o, net, here, 1_000, 'all', [2020])).toEqual([18]);
    expect(roadCatchment(o, net, here, 3_000, 'all', [2020])).toEqual([54]);
  });
});
