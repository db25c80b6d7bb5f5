/**
 * The map's server side: every asset in service, once, with what the map shows of it — class,
 * category, year built, grade, the year of its next work under a standard (Engine I), whether it
 * lies in a hazard zone, its replacement value — and from that:
 * - vector tiles (MVT) per layer: lines and areas cut by geojson-vt, building and bridge points
 *   clustered at low zoom by supercluster after the filter (so a cluster counts what is shown);
 *   tiles are gzip-compressed and cached;
 * - counts and totals of what a view shows, search by code or name, what lies in a drawn area or
 *   within reach of a point, and consolidation candidates.
 * The index is rebuilt when the data changes: its key is the latest audit entry (every edit and
 * import writes one), the asset count and the highest ids, which cost a few indexed lookups.
 */
import GeoJSONVT from 'geojson-vt';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from 'vt-pbf';
import { gzipSync } from 'node:zlib';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { sql, type Kysely } from 'kysely';
import type { AssetClass } from '../../engine/asset-classes';
import { facilityPlanOverrides } from '../repositories/facility-plan.repository';
import { projectRenewals, replacementUnitCost } from '../../engine/projection';
import type { Standard } from '../../engine/standard';
import type { EngineAsset } from '../../engine/engine-asset';
import { consolidationCandidates, touchesArea, withinReach } from '../../geo/analysis';
import {
  mapFilterParams,
  matchesFilter,
  type MapFeatureProperties,
  type MapFilter
} from '../../map-filter';
import type { Database } from '../db/database';
import {
  CLUSTER_MAX_ZOOM,
  LINE_LAYERS,
  LINE_MIN_ZOOM,
  POINT_LAYERS,
  TILE_LAYERS,
  TILE_MAX_ZOOM,
  type TileLayer
} from '../../map-layers';
import {
  assetRowToEngineAsset,
  ENGINE_ASSET_COLUMNS,
  latestInspections
} from '../repositories/assets.repository';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { getStandard } from '../repositories/standards.repository';

/** The asset layers, by the class they draw. */
export const ASSET_LAYERS = {
  buildings: 'building',
  roads: 'road',
  bridges: 'bridge',
  water_pipes: 'water_pipe',
  sewer_pipes: 'sewer_pipe'
} as const satisfies Record<string, AssetClass>;
export type AssetLayer = keyof typeof ASSET_LAYERS;
export { TILE_LAYERS, type TileLayer };

export function isTileLayer(value: string): value is TileLayer {
  return (TILE_LAYERS as readonly string[]).includes(value);
}

/** One asset as the map knows it. */
export interface MapAsset {
  id: number;
  layer: AssetLayer;
  props: MapFeatureProperties;
  /** Floor or deck area (㎡) for buildings and bridges, length (m) for roads and pipes. */
  amount: number;
  /** Replacement value (yen, the standard's rates × quantity). */
  value: number;
  /** A representative point: the centre of its bounding box (a point's own position). */
  anchor: Position;
  bbox: [number, number, number, number];
  /** The geometry as stored (GeoJSON text), null for an asset not placed on the map. Kept as
   * text: a metropolis has hundreds of thousands of pipes, and parsed objects cost ten times
   * the memory. Parsed where needed (`geometryOf`). */
  geometry: string | null;
  point: boolean;
}

/** The parsed geometry of a placed asset. */
export function geometryOf(a: MapAsset): Geometry {
  return JSON.parse(a.geometry!) as Geometry;
}

interface AreaFeature {
  id: number;
  layer: 'hazards' | 'basemap';
  properties: { kind: string; name: string | null; level: string | null };
  geometry: Geometry;
}

interface TileSource {
  getTile(z: number, x: number, y: number): { features: unknown[] } | null;
}

export interface MapIndex {
  key: string;
  standard: string;
  startYear: number;
  assets: MapAsset[];
  byCode: Map<string, MapAsset>;
  areas: AreaFeature[];
  facilities: { code: string; name: string; category: string; lon: number; lat: number }[];
  /** Tile sources per layer (and per filter for point layers), built on first use. */
  sources: Map<string, TileSource>;
  tiles: Map<string, Buffer | null>;
}

const MAX_CACHED_TILES = 4_000;
const MAX_CLUSTER_INDEXES = 12;

/**
 * Audit entries of things the map and the engines do not read: a scenario's own definition (its
 * hash is part of its cache key), council links, accounts. They leave the data's key alone, so
 * editing one scenario does not make every other scenario's result stale.
 */
const NOT_DATA = ['scenario', 'share_link', 'user'];

/** A key of the data the map and the scenario runs are computed from: it changes with every edit
 * and import of the register (each writes an audit entry, in the same transaction as the change)
 * and with assets or hazard zones added outside them (a seed). */
export async function revisionKey(db: Kysely<Database>): Promise<string> {
  // One statement of index lookups only (it runs before every tile and scenario page): the newest
  // data entry is found walking back from the newest entry; no count, which would scan a table
  // (7.8 ms a call on PostgreSQL with the demo city, against 0.2 ms on SQLite).
  const { rows } = await sql<Record<string, number | null>>`
    select (select id from audit_log where entity not in (${sql.join(NOT_DATA)})
            order by id desc limit 1) as a,
           (select max(id) from assets) as b, (select max(id) from hazard_zones) as c`.execute(db);
  const r = rows[0]!;
  return [r.a, r.b, r.c].map((v) => v ?? '').join(':');
}

const indexes = new Map<string, { key: string; index: Promise<MapIndex> }>();

/**
 * The map index of the current data under a standard (built on first use, rebuilt when the data
 * changed). Concurrent callers share one build.
 */
export async function mapIndex(db: Kysely<Database>, standardKey = 'soumu'): Promise<MapIndex> {
  const key = await revisionKey(db);
  const cached = indexes.get(standardKey);
  if (cached && cached.key === key) return cached.index;
  const index = buildIndex(db, standardKey, key);
  indexes.set(standardKey, { key, index });
  index.catch(() => indexes.delete(standardKey));
  return index;
}

/** Hazard zones parsed once, and a test of whether a point lies in any of them. */
function hazardTester(rows: { geometry: string }[]) {
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
  const rows = await db
    .selectFrom('assets')
    .select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('status', '!=', 'demolished')
    .where('geometry', '!=', 'null')
    .execute();
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
  const zones = await db.selectFrom('hazard_zones').select('geometry').execute();
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

/** Thrown for a standard that does not exist (a 404 for the caller). */
export class UnknownStandardError extends Error {}

async function buildIndex(
  db: Kysely<Database>,
  standardKey: string,
  key: string
): Promise<MapIndex> {
  const standard: Standard | null = await getStandard(db, standardKey);
  if (!standard) throw new UnknownStandardError(`unknown standard "${standardKey}"`);
  const settings = await getSettings(db);
  const startYear = asOfYearOf(settings);
  const rows = await db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select(ENGINE_ASSET_COLUMNS)
    .select([
      'assets.id',
      'assets.name',
      'assets.length_m',
      'assets.status',
      'assets.geometry',
      'assets.min_lon',
      'assets.min_lat',
      'assets.max_lon',
      'assets.max_lat',
      'facilities.status as facility_status'
    ])
    .where('assets.status', '!=', 'demolished')
    .orderBy('assets.id')
    .execute();
  const latest = await latestInspections(db);
  const hazardRows = await db
    .selectFrom('hazard_zones')
    .select(['id', 'kind', 'name', 'level', 'geometry'])
    .orderBy('id')
    .execute();
  const basemapRows = await db
    .selectFrom('basemap_features')
    .select(['id', 'kind', 'name', 'geometry'])
    .orderBy('id')
    .execute();
  const facilityRows = await db
    .selectFrom('facilities')
    .select(['code', 'name', 'category', 'lon', 'lat'])
    .where('status', '!=', 'demolished')
    .where('lon', 'is not', null)
    .where('lat', 'is not', null)
    .orderBy('code')
    .execute();

  // The next work of each asset: its earliest discrete work (not a yearly flow) in the horizon,
  // under the standard and the policies chosen on the facilities' record cards.
  const overrides = await facilityPlanOverrides(db);
  const engineAssets = rows.map((row) =>
    assetRowToEngineAsset({ ...row, inspected_on: latest.get(row.id) ?? null })
  );
  const projection = projectRenewals(engineAssets, standard, {
    startYear,
    years: 60,
    collectWorks: true,
    overrides
  });
  const next = new Int32Array(rows.length);
  const columns = projection.workColumns!;
  for (let k = 0; k < columns.count; k++) {
    if (columns.recurring[k]) continue;
    const i = columns.assetIndex[k]!;
    if (i >= rows.length) continue;
    const due = columns.dueYear[k]!;
    if (next[i] === 0 || due < next[i]!) next[i] = due;
  }

  const { zones, inHazard } = hazardTester(hazardRows);

  const layerOf = Object.fromEntries(
    Object.entries(ASSET_LAYERS).map(([layer, cls]) => [cls, layer])
  ) as Record<AssetClass, AssetLayer>;
  const assets: MapAsset[] = [];
  rows.forEach((row, i) => {
    const placed = row.geometry && row.geometry !== 'null' ? row.geometry : null;
    // The centre of the bounding box stands for the asset (a point's own position); reading it
    // from the stored box spares parsing every pipe's geometry.
    const anchor = [(row.min_lon + row.max_lon) / 2, (row.min_lat + row.max_lat) / 2];
    const layer = layerOf[row.asset_class as AssetClass];
    if (!layer) return;
    const props: MapFeatureProperties = {
      code: row.code,
      cat: row.category,
      hz: placed && inHazard(anchor) ? 1 : 0,
      st:
        row.status === 'active' && (row.facility_status ?? 'active') === 'active'
          ? 'active'
          : 'closed'
    };
    if (layer === 'buildings' || layer === 'bridges') props.name = row.name;
    if (row.year_built !== null) props.y = row.year_built;
    if (row.condition_grade) props.g = row.condition_grade;
    if (next[i]) props.n = next[i];
    if (row.facility_code) props.f = row.facility_code;
    assets.push({
      id: row.id,
      layer,
      props,
      amount:
        layer === 'buildings' || layer === 'bridges'
          ? row.quantity
          : (row.length_m ?? row.quantity),
      value: row.quantity * replacementUnitCost(engineAssets[i]!, standard),
      anchor,
      bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
      geometry: placed,
      point: placed !== null && /"type"\s*:\s*"Point"/.test(placed)
    });
  });
  const areas: AreaFeature[] = [
    ...hazardRows.map((z, i) => ({
      id: z.id,
      layer: 'hazards' as const,
      properties: { kind: z.kind, name: z.name, level: z.level },
      geometry: zones[i]!.geometry
    })),
    ...basemapRows.map((b) => ({
      id: b.id,
      layer: 'basemap' as const,
      properties: { kind: b.kind, name: b.name, level: null },
      geometry: JSON.parse(b.geometry) as Geometry
    }))
  ];
  return {
    key,
    standard: standardKey,
    startYear,
    assets,
    byCode: new Map(assets.map((a) => [a.props.code, a])),
    areas,
    facilities: facilityRows.map((f) => ({
      code: f.code,
      name: f.name,
      category: f.category,
      lon: f.lon!,
      lat: f.lat!
    })),
    sources: new Map(),
    tiles: new Map()
  };
}

const filterKey = (filter: MapFilter) => new URLSearchParams(mapFilterParams(filter)).toString();

function feature(a: MapAsset): Feature {
  return { type: 'Feature', id: a.id, properties: a.props, geometry: geometryOf(a) };
}

function tileSource(index: MapIndex, layer: TileLayer, filter: MapFilter): TileSource {
  const point = (POINT_LAYERS as readonly string[]).includes(layer);
  const name = point ? `${layer}?${filterKey(filter)}` : layer;
  const existing = index.sources.get(name);
  if (existing) return existing;
  let source: TileSource;
  if (point) {
    const cluster = new Supercluster<MapFeatureProperties>({
      // Radius in tile units: 288 of 4096 is 36 px of a 512 px tile.
      radius: 288,
      maxZoom: CLUSTER_MAX_ZOOM,
      minPoints: 3,
      extent: 4096
    });
    cluster.load(
      index.assets
        .filter((a) => a.layer === layer && a.point && matchesFilter(a.props, filter))
        .map((a) => feature(a) as Feature<import('geojson').Point, MapFeatureProperties>)
    );
    source = cluster;
    // Keep a bounded number of filtered cluster indexes (the unfiltered ones stay).
    const filtered = [...index.sources.keys()].filter((k) => k.includes('?') && !k.endsWith('?'));
    if (filtered.length >= MAX_CLUSTER_INDEXES) index.sources.delete(filtered[0]!);
  } else {
    const features: Feature[] =
      layer === 'hazards' || layer === 'basemap'
        ? index.areas
            .filter((a) => a.layer === layer)
            .map((a) => ({
              type: 'Feature',
              id: a.id,
              properties: a.properties,
              geometry: a.geometry
            }))
        : index.assets.filter((a) => a.layer === layer && a.geometry).map(feature);
    source = new GeoJSONVT(
      { type: 'FeatureCollection', features },
      { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: 64 }
    );
  }
  index.sources.set(name, source);
  return source;
}

/**
 * One vector tile holding the given layers, gzip-compressed, or null when it would be empty.
 * Point layers are filtered here; the other layers carry every feature and are filtered in the
 * browser with the same filter (`filterExpression`).
 */
export function renderTile(
  index: MapIndex,
  layers: readonly TileLayer[],
  z: number,
  x: number,
  y: number,
  filter: MapFilter
): Buffer | null {
  const filtered = layers.some((l) => POINT_LAYERS.includes(l));
  const cacheKey = `${layers.join(',')}/${filtered ? filterKey(filter) : ''}/${z}/${x}/${y}`;
  if (index.tiles.has(cacheKey)) return index.tiles.get(cacheKey)!;
  const parts: Record<string, { features: unknown[] }> = {};
  for (const layer of layers) {
    // Lines are not drawn below LINE_MIN_ZOOM: their tiles of lower zooms leave them out.
    if (LINE_LAYERS.includes(layer) && z < Math.floor(LINE_MIN_ZOOM)) continue;
    const tile = tileSource(index, layer, filter).getTile(z, x, y);
    if (tile && tile.features.length) parts[layer] = tile;
  }
  const body = Object.keys(parts).length
    ? gzipSync(fromGeojsonVt(parts as never, { version: 2, extent: 4096 }), { level: 6 })
    : null;
  if (index.tiles.size >= MAX_CACHED_TILES) index.tiles.delete(index.tiles.keys().next().value!);
  index.tiles.set(cacheKey, body);
  return body;
}

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
  ) as Record<AssetLayer, LayerTotals>;
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
): Record<AssetLayer, LayerTotals> {
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
  anchor: Position;
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
    anchor: a.anchor,
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
