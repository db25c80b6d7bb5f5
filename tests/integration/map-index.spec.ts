/** The map's server side against the seeded demo city: tiles, totals, search, areas, freshness. */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { NO_FILTER, type MapFilter } from '../../src/lib/map-filter';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  assetsInArea,
  assetsWithinReach,
  consolidation,
  searchAssets,
  summarise
} from '../../src/lib/server/services/map-search.service';
import {
  assetsInHazardZones,
  withHazardZones
} from '../../src/lib/server/services/hazard-exposure.service';
import { mapIndex, type TileLayer } from '../../src/lib/server/services/map-index.service';
import { renderTile } from '../../src/lib/server/services/map-tiles.service';
import { recordCard } from '../../src/lib/server/services/record-card.service';
import { recordInspection } from '../../src/lib/server/services/card-edits.service';
import { segmentMetres } from '../../src/lib/geo/measure';
import { listEngineAssets } from '../../src/lib/server/repositories/assets.repository';
import { testDatabase } from './helpers/temp-db';

const db = await testDatabase('map');
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

async function cityBox(): Promise<[number, number, number, number]> {
  const row = await db
    .selectFrom('assets')
    .select((eb) => [
      eb.fn.min<number>('min_lon').as('w'),
      eb.fn.min<number>('min_lat').as('s'),
      eb.fn.max<number>('max_lon').as('e'),
      eb.fn.max<number>('max_lat').as('n')
    ])
    .where('geometry', '!=', 'null')
    .executeTakeFirstOrThrow();
  return [row.w, row.s, row.e, row.n];
}

/** Every feature of a layer in the tiles of zoom z over the city, decoded from the MVT bytes. */
async function decodedFeatures(layer: TileLayer, z: number, filter: MapFilter = NO_FILTER) {
  const index = await mapIndex(db);
  const [w, s, e, n] = await cityBox();
  const out: Record<string, unknown>[] = [];
  for (let x = lon2x(w, z); x <= lon2x(e, z); x++)
    for (let y = lat2y(n, z); y <= lat2y(s, z); y++) {
      const body = renderTile(index, [layer], z, x, y, filter);
      if (!body) continue;
      const tile = new VectorTile(new PbfReader(gunzipSync(body)));
      const l = tile.layers[layer]!;
      for (let i = 0; i < l.length; i++) out.push(l.feature(i).properties);
    }
  return out;
}

const buildingRows = () =>
  db
    .selectFrom('assets')
    .select(['code', 'category', 'quantity', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .where('geometry', '!=', 'null')
    .execute();

describe('the map index', () => {
  it('puts every building in the vector tiles at street zoom, with its properties', async () => {
    const features = await decodedFeatures('buildings', 14);
    const rows = await buildingRows();
    // Points near a tile's edge are repeated in its neighbour's buffer (the renderer clips them).
    expect(new Set(features.map((f) => f.code))).toEqual(new Set(rows.map((r) => r.code)));
    expect(features.every((f) => typeof f.cat === 'string' && (f.hz === 0 || f.hz === 1))).toBe(
      true
    );
  });

  it('clusters buildings at city zoom without losing any', async () => {
    const index = await mapIndex(db);
    const [w, s, e, n] = await cityBox();
    // A zoom at which one tile holds the whole city, so no point is counted in two tiles.
    let z = 9;
    while (lon2x(w, z) !== lon2x(e, z) || lat2y(n, z) !== lat2y(s, z)) z--;
    const tile = new VectorTile(
      new PbfReader(
        gunzipSync(renderTile(index, ['buildings'], z, lon2x(w, z), lat2y(n, z), NO_FILTER)!)
      )
    );
    const layer = tile.layers.buildings!;
    let clusters = 0;
    let total = 0;
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      if (p.cluster) clusters++;
      total += p.cluster ? Number(p.point_count) : 1;
    }
    expect(clusters).toBeGreaterThan(0);
    expect(total).toBe((await buildingRows()).length);
  });

  it('puts several layers in one tile, and leaves the networks out of overview zooms', async () => {
    const index = await mapIndex(db);
    const [w, s, e, n] = await cityBox();
    const at = (z: number) => [lon2x((w + e) / 2, z), lat2y((s + n) / 2, z)] as const;
    const layersOf = (z: number) => {
      const [x, y] = at(z);
      const body = renderTile(index, ['basemap', 'roads', 'buildings'], z, x, y, NO_FILTER)!;
      return Object.keys(new VectorTile(new PbfReader(gunzipSync(body))).layers).sort();
    };
    expect(layersOf(12)).toEqual(['basemap', 'buildings', 'roads']);
    expect(layersOf(11)).toEqual(['basemap', 'buildings', 'roads']);
    expect(layersOf(10)).toEqual(['basemap', 'buildings']);
  });

  it('filters point tiles on the server', async () => {
    const schools = await decodedFeatures('buildings', 14, {
      ...NO_FILTER,
      categories: ['school']
    });
    const expected = (await buildingRows()).filter((r) => r.category === 'school');
    expect(new Set(schools.map((f) => f.code))).toEqual(new Set(expected.map((r) => r.code)));
    expect(schools.every((f) => f.cat === 'school')).toBe(true);
  });

  it("gives each building the year of its next work, as its facility's record card lists them", async () => {
    const card = (await recordCard(db, 'F0012', 60))!;
    const features = await decodedFeatures('buildings', 14);
    for (const asset of card.assets) {
      const dues = card.lifecycle.works
        .filter((w) => w.assetCode === asset.code)
        .map((w) => w.dueYear);
      const feature = features.find((f) => f.code === asset.code)!;
      expect(feature.n).toBe(dues.length ? Math.min(...dues) : undefined);
    }
  });

  it('counts and totals what a view shows', async () => {
    const index = await mapIndex(db);
    const [w, s, e, n] = await cityBox();
    const view: [number, number, number, number] = [
      (w + e) / 2 - (e - w) / 6,
      (s + n) / 2 - (n - s) / 6,
      (w + e) / 2 + (e - w) / 6,
      (s + n) / 2 + (n - s) / 6
    ];
    const inView = (await buildingRows()).filter(
      (r) =>
        r.min_lon <= view[2] && r.max_lon >= view[0] && r.min_lat <= view[3] && r.max_lat >= view[1]
    );
    const all = summarise(index, view, NO_FILTER, ['buildings', 'roads']);
    expect(all.buildings!.count).toBe(inView.length);
    expect(all.buildings!.amount).toBeCloseTo(
      inView.reduce((a, r) => a + r.quantity, 0),
      6
    );
    expect(all.buildings!.value).toBeGreaterThan(0);
    expect(all.roads!.count).toBeGreaterThan(0);
    const old = summarise(index, view, { ...NO_FILTER, builtTo: 1980 }, ['buildings']);
    expect(old.buildings!.count).toBeLessThan(all.buildings!.count);
    expect(old.buildings!.count).toBeGreaterThan(0);
  });

  it('is rebuilt when the data changes, and only then', async () => {
    const first = await mapIndex(db);
    expect(await mapIndex(db)).toBe(first);
    const card = (await recordCard(db, 'F0012'))!;
    const asset = card.assets[0]!;
    const grade = asset.conditionGrade === 'D' ? 'A' : 'D';
    await recordInspection(
      db,
      {
        assetCode: asset.code,
        version: asset.version,
        inspectedOn: '2026-11-01',
        grade,
        soundness: null,
        inspector: null,
        note: null
      },
      { username: null, now: '2026-11-01T00:00:00Z' }
    );
    const second = await mapIndex(db);
    expect(second).not.toBe(first);
    expect(second.byCode.get(asset.code)!.props.g).toBe(grade);
    const features = await decodedFeatures('buildings', 14);
    expect(features.find((f) => f.code === asset.code)!.g).toBe(grade);
  });

  it('finds assets by code or name, the exact code first', async () => {
    const index = await mapIndex(db);
    const hits = searchAssets(index, 'f0012-01');
    expect(hits[0]!.code).toBe('F0012-01');
    expect(hits[0]!.facility).toBe('F0012');
    const name = index.byCode.get('F0012-01')!.props.name!;
    const byName = searchAssets(index, name);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.length).toBeLessThanOrEqual(10);
    expect(byName.every((h) => h.name!.includes(name))).toBe(true);
    expect(searchAssets(index, 'no such thing at all')).toEqual([]);
    expect(searchAssets(index, '   ')).toEqual([]);
  });

  it('lists what lies in a drawn area and within reach of a point', async () => {
    const index = await mapIndex(db);
    const [w, s, e, n] = await cityBox();
    const [cx, cy] = [(w + e) / 2, (s + n) / 2];
    const d = 0.01;
    const ring = [
      [cx - d, cy - d],
      [cx + d, cy - d],
      [cx + d, cy + d],
      [cx - d, cy + d],
      [cx - d, cy - d]
    ];
    const result = assetsInArea(index, { type: 'Polygon', coordinates: [ring] }, NO_FILTER, [
      'buildings'
    ]);
    const expected = (await buildingRows()).filter(
      (r) =>
        r.min_lon >= cx - d && r.min_lon <= cx + d && r.min_lat >= cy - d && r.min_lat <= cy + d
    );
    expect(result.totals.buildings!.count).toBe(expected.length);
    expect(new Set(result.assets.map((a) => a.code))).toEqual(new Set(expected.map((r) => r.code)));

    const reach = assetsWithinReach(index, [cx, cy], 600, NO_FILTER, ['buildings', 'bridges']);
    expect(reach.assets.length).toBeGreaterThan(0);
    for (const a of reach.assets)
      expect(segmentMetres([cx, cy], a.anchor)).toBeLessThanOrEqual(600);
    const metres = reach.assets.map((a) => a.metres);
    expect(metres).toEqual([...metres].sort((a, b) => a - b));
    const outside = index.assets.filter(
      (a) =>
        (a.layer === 'buildings' || a.layer === 'bridges') &&
        a.geometry &&
        segmentMetres([cx, cy], a.anchor) <= 600
    );
    expect(reach.assets.length).toBe(outside.length);
  });

  it('lists consolidation candidates with their buildings side by side', async () => {
    const index = await mapIndex(db);
    const groups = consolidation(index, 800);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.members.length).toBeGreaterThan(1);
      for (const m of group.members) {
        expect(m.buildings).toBeGreaterThan(0);
        expect(m.floorArea).toBeGreaterThan(0);
      }
    }
  });

  it('marks the assets in flood zones for the budget loop, as the map flags them', async () => {
    const index = await mapIndex(db);
    const flagged = new Set(index.assets.filter((a) => a.props.hz === 1).map((a) => a.props.code));
    const exposed = await assetsInHazardZones(db);
    expect(exposed.size).toBeGreaterThan(0);
    expect(exposed).toEqual(flagged);
    const assets = await withHazardZones(db, await listEngineAssets(db));
    const inZone = assets.filter((a) => exposed.has(a.code));
    expect(inZone.every((a) => a.hazard)).toBe(true);
    // Outside the zones only designated shelters keep the flag (they did before).
    const shelters = (await listEngineAssets(db)).filter((a) => a.hazard).map((a) => a.code);
    expect(
      assets
        .filter((a) => a.hazard && !exposed.has(a.code))
        .map((a) => a.code)
        .sort()
    ).toEqual(shelters.filter((c) => !exposed.has(c)).sort());
  });
});
