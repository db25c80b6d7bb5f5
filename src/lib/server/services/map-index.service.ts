/**
 * The map index: every asset in service, once, with what the map shows of it — class, category,
 * year built, grade, the year of its next work under a standard (Engine I), whether it lies in a
 * hazard zone, its replacement value. The tiles (`map-tiles.service.ts`) and a view's totals,
 * search and analyses (`map-search.service.ts`) are computed from it. It is rebuilt when the data
 * changes (`revisionKey`: a few indexed lookups).
 */
import type { Geometry, Position } from 'geojson';
import type { Kysely } from 'kysely';
import type { AssetClass } from '../../engine/asset-classes';
import { facilityPlanOverrides } from '../repositories/facility-plan.repository';
import { projectRenewals, replacementUnitCost } from '../../engine/projection';
import type { Standard } from '../../engine/standard';
import type { MapFeatureProperties } from '../../map-filter';
import type { Database } from '../db/database';
import { TILE_LAYERS, type TileLayer } from '../../map-layers';
import { assetRowToEngineAsset } from '../repositories/assets.repository';
import { readMapRows, type MapRow } from '../repositories/map.repository';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { getStandard } from '../repositories/standards.repository';
import { revisionKey } from '../repositories/revision.repository';
import { hazardTester } from './hazard-exposure.service';
import { populationOutlook, type PopulationOutlook } from './population.service';
import { atYear, total } from '../../engine/population';
import { plannedActionsByAsset } from './plan-reads.service';
import { worksDone } from '../repositories/actuals.repository';
import { applyActuals } from '../../engine/actuals';

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
  layer: 'hazards' | 'basemap' | 'population';
  properties: {
    kind: string;
    name: string | null;
    level: string | null;
    /** Population areas: people in the census year, and the change to 2050 (%). */
    people?: number;
    change?: number;
  };
  geometry: Geometry;
}

export interface TileSource {
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

/** Thrown for a standard that does not exist (a 404 for the caller). */
export class UnknownStandardError extends Error {}

/** The first year of each asset's next work: its earliest discrete work (not a yearly flow). */
function nextWorkYears(projection: ReturnType<typeof projectRenewals>, count: number): Int32Array {
  const next = new Int32Array(count);
  const columns = projection.workColumns!;
  for (let k = 0; k < columns.count; k++) {
    if (columns.recurring[k]) continue;
    const i = columns.assetIndex[k]!;
    if (i >= count) continue;
    const due = columns.dueYear[k]!;
    if (next[i] === 0 || due < next[i]!) next[i] = due;
  }
  return next;
}

const LAYER_OF = Object.fromEntries(
  Object.entries(ASSET_LAYERS).map(([layer, cls]) => [cls, layer])
) as Record<AssetClass, AssetLayer>;

/** One asset row as the map knows it (null for a class the map does not draw). */
function mapAsset(
  row: MapRow,
  next: number,
  value: number,
  inHazard: (p: Position) => boolean,
  planned: { action: string; year: number } | undefined
): MapAsset | null {
  const placed = row.geometry && row.geometry !== 'null' ? row.geometry : null;
  // The centre of the bounding box stands for the asset (a point's own position); reading it
  // from the stored box spares parsing every pipe's geometry.
  const anchor = [(row.min_lon + row.max_lon) / 2, (row.min_lat + row.max_lat) / 2];
  const layer = LAYER_OF[row.asset_class as AssetClass];
  if (!layer) return null;
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
  if (next) props.n = next;
  if (row.facility_code) props.f = row.facility_code;
  if (planned) {
    props.pa = planned.action;
    props.py = planned.year;
  }
  return {
    id: row.id,
    layer,
    props,
    amount:
      layer === 'buildings' || layer === 'bridges' ? row.quantity : (row.length_m ?? row.quantity),
    value,
    anchor,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
    geometry: placed,
    point: placed !== null && /"type"\s*:\s*"Point"/.test(placed)
  };
}

async function buildIndex(
  db: Kysely<Database>,
  standardKey: string,
  key: string
): Promise<MapIndex> {
  const standard: Standard | null = await getStandard(db, standardKey);
  if (!standard) throw new UnknownStandardError(`unknown standard "${standardKey}"`);
  const startYear = asOfYearOf(await getSettings(db));
  const [{ rows, latest, hazards, basemap, facilities }, done] = await Promise.all([
    readMapRows(db),
    worksDone(db)
  ]);
  const planned = await plannedActionsByAsset(
    db,
    rows.map((r) => ({ code: r.code, assetClass: r.asset_class, facilityCode: r.facility_code }))
  );
  // The next work of each asset under the standard and the policies chosen on the facilities'
  // record cards, after the works done (engine/actuals.ts).
  const engineAssets = applyActuals(
    rows.map((row) => assetRowToEngineAsset({ ...row, inspected_on: latest.get(row.id) ?? null })),
    done,
    startYear
  );
  const projection = projectRenewals(engineAssets, standard, {
    startYear,
    years: 60,
    collectWorks: true,
    overrides: await facilityPlanOverrides(db)
  });
  const next = nextWorkYears(projection, rows.length);
  const { zones, inHazard } = hazardTester(hazards);
  const assets = rows.flatMap((row, i) => {
    const value = row.quantity * replacementUnitCost(engineAssets[i]!, standard);
    return mapAsset(row, next[i]!, value, inHazard, planned.get(row.code)) ?? [];
  });
  const areas: AreaFeature[] = [
    ...hazards.map((z, i) => ({
      id: z.id,
      layer: 'hazards' as const,
      properties: { kind: z.kind, name: z.name, level: z.level },
      geometry: zones[i]!.geometry
    })),
    ...basemap.map((b) => ({
      id: b.id,
      layer: 'basemap' as const,
      properties: { kind: b.kind, name: b.name, level: null },
      geometry: JSON.parse(b.geometry) as Geometry
    })),
    ...populationAreas(await populationOutlook(db))
  ];
  return {
    key,
    standard: standardKey,
    startYear,
    assets,
    byCode: new Map(assets.map((a) => [a.props.code, a])),
    areas,
    facilities: facilities.map((f) => ({
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

/** The population areas as map features: people in the census year and the change to 2050 (%). */
function populationAreas(o: PopulationOutlook | null): AreaFeature[] {
  if (!o) return [];
  return o.areas.map((a, k) => {
    const series = a.cohorts.map((c) => total(c));
    const now = series[0]!;
    const later = atYear(o.years, series, 2050);
    return {
      id: k + 1,
      layer: 'population' as const,
      properties: {
        kind: 'population',
        name: a.name,
        level: null,
        people: Math.round(now),
        change: now > 0 ? Math.round((later / now - 1) * 1000) / 10 : 0
      },
      geometry: JSON.parse(a.geometry) as Geometry
    };
  });
}
