/**
 * What a map view shows and finds, from the map index: counts and totals of a view, search by code
 * or name, what lies in a drawn area or within reach of a point, and consolidation candidates.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { matchesFilter, type MapFilter } from '../../map-filter';
import { bbox } from '@turf/turf';
import { consolidationCandidates, touchesArea, withinReach } from '../../geo/analysis';
import { geometryOf, type AssetLayer, type MapAsset, type MapIndex } from './map-index.service';

/** [west, south, east, north] in degrees. */
export type View = [number, number, number, number];

export interface LayerTotals {
  count: number;
  /** ㎡ (buildings, bridges) or m (roads, pipes). */
  amount: number;
  /** Replacement value, yen. */
  value: number;
}

const overlaps = (a: MapAsset, v: View) =>
  a.geometry !== null &&
  a.bbox[0] <= v[2] &&
  a.bbox[2] >= v[0] &&
  a.bbox[1] <= v[3] &&
  a.bbox[3] >= v[1];

function totals(assets: Iterable<MapAsset>, layers: readonly AssetLayer[]) {
  const out = Object.fromEntries(
    layers.map((l) => [l, { count: 0, amount: 0, value: 0 }])
  ) as Partial<Record<AssetLayer, LayerTotals>>;
  for (const a of assets) {
    const t = out[a.layer];
    if (!t) continue;
    t.count++;
    t.amount += a.amount;
    t.value += a.value;
  }
  return out;
}

/** Counts and totals per layer of the assets in a view that pass the filter. */
export function summarise(
  index: MapIndex,
  view: View,
  filter: MapFilter,
  layers: readonly AssetLayer[]
): Partial<Record<AssetLayer, LayerTotals>> {
  return totals(
    index.assets.filter((a) => overlaps(a, view) && matchesFilter(a.props, filter)),
    layers
  );
}

export interface MapHit {
  code: string;
  name: string | null;
  layer: AssetLayer;
  category: string;
  year: number | null;
  grade: string | null;
  next: number | null;
  amount: number;
  value: number;
  facility: string | null;
  anchor: [number, number];
  bbox: [number, number, number, number];
}

function hit(a: MapAsset): MapHit {
  return {
    code: a.props.code,
    name: a.props.name ?? null,
    layer: a.layer,
    category: a.props.cat,
    year: a.props.y ?? null,
    grade: a.props.g ?? null,
    next: a.props.n ?? null,
    amount: a.amount,
    value: a.value,
    facility: a.props.f ?? null,
    anchor: [a.anchor[0]!, a.anchor[1]!],
    bbox: a.bbox
  };
}

/** Assets whose code or name contains the query (case-insensitive): exact code first, then codes and names starting with it, then the rest. */
export function searchAssets(index: MapIndex, query: string, limit = 10): MapHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { a: MapAsset; score: number }[] = [];
  for (const a of index.assets) {
    if (!a.geometry) continue;
    const code = a.props.code.toLowerCase();
    const name = (a.props.name ?? '').toLowerCase();
    const score =
      code === q
        ? 0
        : code.startsWith(q) || name.startsWith(q)
          ? 1
          : code.includes(q) || name.includes(q)
            ? 2
            : -1;
    if (score >= 0) scored.push({ a, score });
  }
  scored.sort((x, y) => x.score - y.score || x.a.props.code.localeCompare(y.a.props.code));
  return scored.slice(0, limit).map((s) => hit(s.a));
}

/** The assets (passing the filter) in or crossing a drawn area, with totals per layer. */
export function assetsInArea(
  index: MapIndex,
  area: Polygon | MultiPolygon,
  filter: MapFilter,
  layers: readonly AssetLayer[]
) {
  const view = bbox(area) as View;
  const inside = index.assets.filter(
    (a) =>
      layers.includes(a.layer) &&
      overlaps(a, view) &&
      matchesFilter(a.props, filter) &&
      touchesArea(geometryOf(a), area)
  );
  return { totals: totals(inside, layers), assets: inside.map(hit) };
}

/** The assets (passing the filter) whose anchor lies within `metres` of a point, nearest first. */
export function assetsWithinReach(
  index: MapIndex,
  centre: Position,
  metres: number,
  filter: MapFilter,
  layers: readonly AssetLayer[]
) {
  // A box a little larger than the reach (degrees of latitude are ~111 km) narrows the search.
  const dLat = (metres / 110_000) * 1.05;
  const dLon = dLat / Math.cos((centre[1]! * Math.PI) / 180);
  const view: View = [centre[0]! - dLon, centre[1]! - dLat, centre[0]! + dLon, centre[1]! + dLat];
  const near = index.assets.filter(
    (a) => layers.includes(a.layer) && overlaps(a, view) && matchesFilter(a.props, filter)
  );
  const reached = withinReach(
    centre,
    near.map((a) => ({
      type: 'Feature' as const,
      properties: a,
      geometry: { type: 'Point' as const, coordinates: a.anchor }
    })),
    metres
  );
  return {
    totals: totals(
      reached.map((r) => r.feature.properties),
      layers
    ),
    assets: reached.map((r) => ({ ...hit(r.feature.properties), metres: r.metres }))
  };
}

/**
 * Consolidation candidates (複合化): groups of facilities of the same or compatible category
 * within `metres` of each other, each member with its buildings' oldest year, total floor area,
 * worst grade and earliest next work year.
 */
export function consolidation(index: MapIndex, metres: number) {
  const buildings = new Map<string, MapAsset[]>();
  for (const a of index.assets) {
    if (a.layer !== 'buildings' || !a.props.f || a.props.st !== 'active') continue;
    buildings.set(a.props.f, [...(buildings.get(a.props.f) ?? []), a]);
  }
  const active = index.facilities.filter((f) => buildings.has(f.code));
  const worst = (grades: string[]) => grades.sort().at(-1) ?? null;
  return consolidationCandidates(active, metres).map((group) => ({
    longestLinkMetres: Math.round(group.longestLinkMetres),
    members: group.members.map((f) => {
      const own = buildings.get(f.code)!;
      const years = own.map((b) => b.props.y).filter((y): y is number => y !== undefined);
      const nexts = own.map((b) => b.props.n).filter((n): n is number => n !== undefined);
      return {
        ...f,
        buildings: own.length,
        oldestYear: years.length ? Math.min(...years) : null,
        floorArea: own.reduce((s, b) => s + b.amount, 0),
        worstGrade: worst(own.map((b) => b.props.g).filter((g): g is string => !!g)),
        nextWork: nexts.length ? Math.min(...nexts) : null
      };
    })
  }));
}
