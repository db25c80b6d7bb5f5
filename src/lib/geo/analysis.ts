/**
 * Spatial questions facilities staff ask of the map (issue 6), as pure functions over GeoJSON in
 * lon/lat: what lies inside a drawn area, what lies within reach of a facility, which facilities
 * of a kind crowd the same neighbourhood (複合化 candidates), and which assets sit in hazard zones
 * (the BCP weight of the budget loop). Distances are on the GRS80 ellipsoid (geo/measure.ts).
 */
import { booleanIntersects, booleanPointInPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { segmentMetres } from './measure';

type Area = Polygon | MultiPolygon;

/** Whether a geometry lies in or crosses an area (a point: inside or on its edge). */
export function touchesArea(geometry: Geometry | null, area: Area): boolean {
  if (!geometry) return false;
  if (geometry.type === 'Point') return booleanPointInPolygon(geometry.coordinates, area);
  return booleanIntersects(geometry, area);
}

/** The features inside (or crossing) a drawn area, in their order. */
export function featuresInArea<F extends Feature>(features: readonly F[], area: Area): F[] {
  return features.filter((f) => touchesArea(f.geometry, area));
}

/** A representative position of a geometry: a point itself, else the mean of its vertices. */
export function anchorOf(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  const all: Position[] = [];
  const walk = (c: unknown) => {
    if (typeof (c as unknown[])[0] === 'number') all.push(c as Position);
    else for (const x of c as unknown[]) walk(x);
  };
  walk((geometry as { coordinates?: unknown }).coordinates ?? []);
  return [
    all.reduce((s, p) => s + p[0]!, 0) / all.length,
    all.reduce((s, p) => s + p[1]!, 0) / all.length
  ];
}

/** How much longer a walk is than the straight line, on a street grid (a usual planning value). */
export const WALK_DETOUR = 1.3;

/**
 * The features within `metres` of a centre, nearest first, with their distances. For a catchment
 * by walking, pass the walking distance ÷ WALK_DETOUR (streets are not straight) — the
 * straight-line reach of that walk.
 */
export function withinReach<F extends Feature>(
  centre: Position,
  features: readonly F[],
  metres: number
): { feature: F; metres: number }[] {
  return features
    .filter((f) => f.geometry)
    .map((feature) => ({ feature, metres: segmentMetres(centre, anchorOf(feature.geometry!)) }))
    .filter((x) => x.metres <= metres)
    .sort((a, b) => a.metres - b.metres);
}

export interface PlacedFacility {
  code: string;
  category: string;
  lon: number;
  lat: number;
}

/**
 * Categories that can share a building (Hozen's defaults, to adjust per city): community and
 * learning spaces; schools with childcare and after-school care; welfare with health.
 */
export const COMPATIBLE_CATEGORIES: readonly (readonly string[])[] = [
  ['civic_culture', 'social_education'],
  ['school', 'childcare'],
  ['health_welfare', 'medical']
];

const compatible = (a: string, b: string) =>
  a === b || COMPATIBLE_CATEGORIES.some((group) => group.includes(a) && group.includes(b));

/**
 * Consolidation candidates (複合化): groups of facilities of the same or compatible category whose
 * members are each within `metres` of another member (single linkage), largest groups first.
 * Facilities with no partner are not listed.
 */
export function consolidationCandidates<F extends PlacedFacility>(
  facilities: readonly F[],
  metres: number
): { members: F[]; longestLinkMetres: number }[] {
  const parent = facilities.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const link = new Map<number, number>();
  for (let i = 0; i < facilities.length; i++) {
    for (let j = i + 1; j < facilities.length; j++) {
      const a = facilities[i]!;
      const b = facilities[j]!;
      if (!compatible(a.category, b.category)) continue;
      const d = segmentMetres([a.lon, a.lat], [b.lon, b.lat]);
      if (d > metres) continue;
      const ri = find(i);
      const rj = find(j);
      if (ri !== rj) parent[rj] = ri;
      link.set(find(i), Math.max(link.get(find(i)) ?? 0, link.get(rj) ?? 0, d));
    }
  }
  const groups = new Map<number, F[]>();
  facilities.forEach((f, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), f]);
  });
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({ members, longestLinkMetres: link.get(root) ?? 0 }))
    .sort(
      (a, b) => b.members.length - a.members.length || a.longestLinkMetres - b.longestLinkMetres
    );
}

/** For each feature in a hazard zone, the zones it lies in (by their `level` property). */
export function hazardExposure<F extends Feature>(
  features: readonly F[],
  zones: readonly Feature<Area, { level?: string }>[]
): { feature: F; levels: string[] }[] {
  const out: { feature: F; levels: string[] }[] = [];
  for (const feature of features) {
    const levels = zones
      .filter((z) => touchesArea(feature.geometry, z.geometry))
      .map((z) => z.properties?.level ?? 'unknown');
    if (levels.length) out.push({ feature, levels });
  }
  return out;
}
