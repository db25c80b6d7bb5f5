/**
 * Which assets lie in a hazard zone (浸水想定区域, 土砂災害警戒区域 …): each asset at its
 * representative point, tested against the zones' polygons (bounding boxes first). The map's
 * `hz` flag and the budget loop's BCP weight read it.
 */
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { EngineAsset } from '../../engine/engine-asset';
import { placedAssetBoxes } from '../repositories/assets.repository';
import { hazardGeometries } from '../repositories/hazards.repository';

/** Hazard zones parsed once, and a test of whether a point lies in any of them. */
export function hazardTester(rows: { geometry: string }[]) {
  const zones = rows.map((z) => {
    const geometry = JSON.parse(z.geometry) as Polygon | MultiPolygon;
    const [w, s, e, n] = bbox(geometry) as [number, number, number, number];
    return { geometry, w, s, e, n };
  });
  const inHazard = (p: Position) =>
    zones.some(
      (z) =>
        p[0]! >= z.w &&
        p[0]! <= z.e &&
        p[1]! >= z.s &&
        p[1]! <= z.n &&
        booleanPointInPolygon(p, z.geometry)
    );
  return { zones, inHazard };
}

/**
 * Each asset in service with a geometry, at its representative point (the centre of its
 * bounding box), by code.
 */
export async function assetPositions(db: Kysely<Database>): Promise<Map<string, Position>> {
  const rows = await placedAssetBoxes(db);
  return new Map(
    rows.map((r) => [r.code, [(r.min_lon + r.max_lon) / 2, (r.min_lat + r.max_lat) / 2]])
  );
}

/**
 * The codes of the assets in service whose representative point lies in a hazard zone — the
 * map's `hz` flag, without building the map index (positions given, or read).
 */
export async function assetsInHazardZones(
  db: Kysely<Database>,
  positions?: Map<string, Position>
): Promise<Set<string>> {
  const zones = await hazardGeometries(db);
  if (!zones.length) return new Set();
  const { inHazard } = hazardTester(zones);
  const exposed = new Set<string>();
  for (const [code, at] of positions ?? (await assetPositions(db)))
    if (inHazard(at)) exposed.add(code);
  return exposed;
}

/** The engine's assets with `hazard` set also for those in a hazard zone (Engine II's BCP weight). */
export async function withHazardZones(
  db: Kysely<Database>,
  assets: EngineAsset[],
  positions?: Map<string, Position>
): Promise<EngineAsset[]> {
  return markHazards(assets, await assetsInHazardZones(db, positions));
}

/** The assets with those in a hazard zone (`exposed`, by code) marked as such. */
export function markHazards(assets: EngineAsset[], exposed: Set<string>): EngineAsset[] {
  return assets.map((a) => (!a.hazard && exposed.has(a.code) ? { ...a, hazard: true } : a));
}
