import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { contentHash, seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { BUILDING_CATEGORIES } from '../../src/lib/engine/asset-classes';
import { testDatabase } from './helpers/temp-db';

async function seeded(name: string, seed?: number) {
  const db = await testDatabase(name);
  await migrateToLatest(db);
  await seedDemoCity(db, { seed });
  return db;
}

describe('demo city in the database', () => {
  let db: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    db = await seeded('default');
  });

  const count = async (where: string) =>
    Number(
      (
        await sql<{ n: number }>`SELECT COUNT(*) AS n FROM assets WHERE ${sql.raw(where)}`.execute(
          db
        )
      ).rows[0]!.n
    );

  it('has at least 300 facilities and 600 buildings across every 総務省 use category', async () => {
    const facilities = await db
      .selectFrom('facilities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(facilities.n)).toBeGreaterThanOrEqual(300);
    expect(await count("asset_class = 'building'")).toBeGreaterThanOrEqual(600);
    const categories = await db
      .selectFrom('assets')
      .select('category')
      .distinct()
      .where('asset_class', '=', 'building')
      .execute();
    expect(categories.map((c) => c.category).sort()).toEqual([...BUILDING_CATEGORIES].sort());
    // Every building belongs to a facility.
    expect(await count("asset_class = 'building' AND facility_id IS NULL")).toBe(0);
  });

  it('has the floor area and construction peak of a city of about 140,000 people', async () => {
    const rows = await sql<{ total: number; peak: number; pre1960: number; schools: number }>`
      SELECT SUM(quantity) AS total,
             SUM(CASE WHEN year_built BETWEEN 1970 AND 1985 THEN quantity ELSE 0 END) AS peak,
             SUM(CASE WHEN year_built < 1960 THEN quantity ELSE 0 END) AS pre1960,
             SUM(CASE WHEN category = 'school' THEN quantity ELSE 0 END) AS schools
      FROM assets WHERE asset_class = 'building'`.execute(db);
    const { total, peak, pre1960, schools } = rows.rows[0]!;
    expect(total).toBeGreaterThan(400_000);
    expect(total).toBeLessThan(520_000);
    expect(peak / total).toBeGreaterThan(0.45);
    expect(pre1960 / total).toBeLessThan(0.1);
    expect(schools / total).toBeGreaterThan(0.3);
    expect(schools / total).toBeLessThan(0.5);
    // A thin tail of recent buildings up to the year before the data's year.
    expect(await count("asset_class = 'building' AND year_built >= 2015")).toBeGreaterThan(5);
    expect(await count("asset_class = 'building' AND year_built >= 2026")).toBe(0);
  });

  it('has roads, bridges and pipes as LineStrings and points along a street network', async () => {
    expect(await count("asset_class = 'road'")).toBeGreaterThanOrEqual(5_000);
    expect(await count("asset_class = 'bridge'")).toBeGreaterThanOrEqual(300);
    expect(await count("asset_class IN ('water_pipe', 'sewer_pipe')")).toBeGreaterThanOrEqual(
      20_000
    );
    expect(
      await count(
        "asset_class IN ('road', 'water_pipe', 'sewer_pipe') AND geometry NOT LIKE '{\"type\":\"LineString\"%'"
      )
    ).toBe(0);
    expect(
      await count(
        "asset_class IN ('water_pipe', 'sewer_pipe') AND (diameter_mm IS NULL OR material IS NULL OR year_built IS NULL)"
      )
    ).toBe(0);
    const lengths = await sql<{ cls: string; km: number }>`
      SELECT asset_class AS cls, SUM(length_m) / 1000 AS km FROM assets
      WHERE asset_class IN ('road', 'water_pipe', 'sewer_pipe') GROUP BY asset_class`.execute(db);
    const km = Object.fromEntries(lengths.rows.map((r) => [r.cls, r.km]));
    expect(km.road).toBeGreaterThan(800);
    expect(km.road).toBeLessThan(1_400);
    expect(km.water_pipe).toBeGreaterThan(700);
    expect(km.water_pipe).toBeLessThan(1_100);
    expect(km.sewer_pipe).toBeGreaterThan(350);
    expect(km.sewer_pipe).toBeLessThan(700);
    // A street network: road ends meet other road ends (shared intersections), not scribbles.
    const roads = await db
      .selectFrom('assets')
      .select('geometry')
      .where('asset_class', '=', 'road')
      .execute();
    const ends = new Map<string, number>();
    for (const road of roads) {
      const line = (JSON.parse(road.geometry) as { coordinates: number[][] }).coordinates;
      for (const end of [line[0], line.at(-1)])
        ends.set(JSON.stringify(end), (ends.get(JSON.stringify(end)) ?? 0) + 1);
    }
    const shared = [...ends.values()].filter((n) => n >= 3);
    expect(shared.length).toBeGreaterThan(2_000);
  });

  it('places everything around the reference point of 藤枝市', async () => {
    const box = await db
      .selectFrom('assets')
      .select((eb) => [
        eb.fn.min('min_lon').as('w'),
        eb.fn.max('max_lon').as('e'),
        eb.fn.min('min_lat').as('s'),
        eb.fn.max('max_lat').as('n')
      ])
      .executeTakeFirstOrThrow();
    expect(Number(box.w)).toBeGreaterThan(138.15);
    expect(Number(box.e)).toBeLessThan(138.36);
    expect(Number(box.s)).toBeGreaterThan(34.78);
    expect(Number(box.n)).toBeLessThan(34.96);
  });

  it('grades buildings A–D and bridges I–IV, and records the inspections behind them', async () => {
    const grades = await db
      .selectFrom('assets')
      .select(['asset_class', 'condition_grade'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('asset_class', 'in', ['building', 'bridge'])
      .groupBy(['asset_class', 'condition_grade'])
      .execute();
    const of = (cls: string) =>
      grades
        .filter((g) => g.asset_class === cls)
        .map((g) => g.condition_grade)
        .sort();
    expect(of('building')).toEqual(['A', 'B', 'C', 'D']);
    expect(of('bridge')).toEqual(['I', 'II', 'III', 'IV']);
    expect(
      await count(
        "asset_class IN ('building', 'bridge') AND id NOT IN (SELECT asset_id FROM inspections)"
      )
    ).toBe(0);
  });

  it('has flood hazard polygons and labels the city synthetic', async () => {
    const zones = await db.selectFrom('hazard_zones').select(['kind', 'geometry']).execute();
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) {
      expect(zone.kind).toBe('flood');
      expect(JSON.parse(zone.geometry).type).toMatch(/^(Multi)?Polygon$/);
    }
    const settings = await db.selectFrom('settings').selectAll().execute();
    const map = Object.fromEntries(settings.map((s) => [s.key, s.value]));
    expect(map.city_synthetic).toBe('1');
    expect(map.city_name_ja).toContain('架空');
    expect(map.city_name_en).toContain('synthetic');
  });

  it('refuses to seed a database that already holds data, and changes nothing', async () => {
    const before = await contentHash(db);
    await expect(seedDemoCity(db)).rejects.toThrow(/already holds/);
    expect(await contentHash(db)).toBe(before);
  });

  it('is deterministic: the same seed gives the same content hash, another seed another city', async () => {
    const again = await seeded('again');
    const other = await seeded('other', 7);
    expect(await contentHash(again)).toBe(await contentHash(db));
    expect(await contentHash(other)).not.toBe(await contentHash(db));
    await again.destroy();
    await other.destroy();
  });
});
