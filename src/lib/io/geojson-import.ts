/**
 * GeoJSON in: Point, LineString, Polygon and their Multi* forms, as assets (pipes, roads,
 * bridges, buildings) or hazard zones. Properties map to fields through a mapping (by default a
 * property named like the field); coordinates are converted to lon/lat from the file's CRS (its
 * "crs" member, the user's choice, or detection); a pipe's length and a road's or bridge's area
 * are measured from the geometry (on the GRS80 ellipsoid, geo/measure.ts) when the file does not
 * give the quantity.
 * A building's floor area is never guessed from its footprint.
 */
import type { Feature, Geometry, Position } from 'geojson';
import { areaSquareMetres, lengthMetres } from '../geo/measure';
import { ASSET_FIELDS, type AssetRecord } from './asset-record';
import { detectCrs, normalizeCrs, toLonLat } from './crs';
import { HAZARD_FIELDS, type ImportMapping } from './import-mapping';
import { said, type Said } from '../i18n/said';
import { AssetRowReader } from './import-rows';
import type { RowError } from './row-error';

export interface HazardRecord {
  kind: string;
  level: string;
  depthMinM: number | null;
  depthMaxM: number | null;
  name: string | null;
  source: string | null;
  geometry: Geometry;
  row: number;
}

/** GeoJSON as parsed (a layer a Shapefile or GeoPackage reader gave as objects). */
export interface GeoJsonData {
  type?: string;
  features?: unknown;
  crs?: { properties?: { name?: string } };
}

export interface GeoJsonResult {
  crs: string | null;
  assets: AssetRecord[];
  hazards: HazardRecord[];
  errors: RowError[];
  unknownCategories: Map<string, number>;
  /** Other coded fields' unknown words (AssetRowReader.unknownWords). */
  unknownWords: Map<string, Map<string, number>>;
  features: number;
}

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon'
];

/** Why a geometry is broken, or null: positions of numbers, lines of ≥ 2, closed rings of ≥ 4. */
export function geometryProblem(g: Geometry | null | undefined): Said | null {
  if (!g || typeof g !== 'object') return said('図形がありません', 'is missing');
  if (!GEOMETRY_TYPES.includes(g.type))
    return said(
      `図形の種類 ${String(g.type)} には対応していません`,
      `type ${String(g.type)} is not supported`
    );
  const position = (p: unknown) =>
    Array.isArray(p) &&
    p.length >= 2 &&
    p.every((v) => typeof v === 'number' && Number.isFinite(v));
  const line = (l: unknown, min: number) =>
    Array.isArray(l) && l.length >= min && l.every(position);
  const ring = (r: unknown) => {
    if (!line(r, 4)) return false;
    const a = (r as number[][])[0]!;
    const b = (r as number[][]).at(-1)!;
    return a[0] === b[0] && a[1] === b[1];
  };
  const c = (g as { coordinates?: unknown }).coordinates;
  const ok =
    g.type === 'Point'
      ? position(c)
      : g.type === 'MultiPoint'
        ? line(c, 1)
        : g.type === 'LineString'
          ? line(c, 2)
          : g.type === 'MultiLineString'
            ? Array.isArray(c) && c.length > 0 && c.every((l) => line(l, 2))
            : g.type === 'Polygon'
              ? Array.isArray(c) && c.length > 0 && c.every(ring)
              : Array.isArray(c) &&
                c.length > 0 &&
                c.every((p) => Array.isArray(p) && p.length > 0 && p.every(ring));
  return ok
    ? null
    : said(
        `${g.type} として正しくありません（座標は数の組、線は 2 点以上、面は閉じた 4 点以上の環）`,
        `is not a valid ${g.type} (positions of numbers; lines of ≥ 2; closed rings of ≥ 4)`
      );
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  const walk = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number' ? f(c as Position) : (c as unknown[]).map(walk);
  return { ...g, coordinates: walk((g as { coordinates: unknown }).coordinates) } as Geometry;
}

function samplePositions(features: Feature[], max = 200): [number, number][] {
  const out: [number, number][] = [];
  const walk = (c: unknown) => {
    if (out.length >= max || !Array.isArray(c)) return;
    if (typeof c[0] === 'number') out.push([c[0] as number, c[1] as number]);
    else for (const x of c) walk(x);
  };
  for (const f of features)
    if (!geometryProblem(f.geometry)) walk((f.geometry as { coordinates: unknown }).coordinates);
  return out;
}

/** A field's text from a feature's properties: the first mapped property present, else the
 * mapping's constant, else ''. By default a property is named like the field. */
function propertyText(
  props: Record<string, unknown>,
  mapping: ImportMapping,
  field: string
): string {
  const names = mapping.columns[field] ?? field;
  for (const n of Array.isArray(names) ? names : [names])
    if (props[n] !== undefined && props[n] !== null && props[n] !== '') return String(props[n]);
  return mapping.values[field] ?? '';
}

type Fail = (row: number, column: string | null, value: string | null, reason: Said) => void;
type Convert = (x: number, y: number) => Position;

/** The features of a FeatureCollection (or a lone Feature), or a problem. */
function featuresOf(
  text: string | GeoJsonData
): { features: Feature[]; crsName: string | null } | { problem: Said } {
  let data: GeoJsonData;
  try {
    data = typeof text === 'string' ? JSON.parse(text.replace(/^\uFEFF/, '')) : text;
  } catch (error) {
    const message = (error as Error).message;
    return {
      problem: said(`JSON として読めません（${message}）`, `not valid JSON (${message})`)
    };
  }
  const features: Feature[] =
    data?.type === 'FeatureCollection' && Array.isArray(data.features)
      ? (data.features as Feature[])
      : data?.type === 'Feature'
        ? [data as unknown as Feature]
        : [];
  if (features.length === 0)
    return {
      problem: said(
        '地物がありません（GeoJSON の FeatureCollection を取り込めます）',
        'no features (expected a GeoJSON FeatureCollection)'
      )
    };
  return { features, crsName: data.crs?.properties?.name ?? null };
}

/** The CRS: the user's, the file's "crs" member, or detected from the coordinates. */
function crsOf(
  features: Feature[],
  crsName: string | null,
  options: { crs?: string | null; cityCenter?: [number, number] | null },
  fail: Fail
): string | null {
  if (options.crs) {
    const crs = normalizeCrs(options.crs);
    if (!crs)
      fail(
        0,
        'crs',
        options.crs,
        said(
          '知らない座標系です（EPSG:4326、6668、6669〜6687 の平面直角座標系）',
          'unknown CRS (EPSG:4326, 6668 or 6669–6687)'
        )
      );
    return crs;
  }
  if (crsName) {
    const crs = normalizeCrs(crsName);
    if (!crs)
      fail(
        0,
        'crs',
        crsName,
        said(
          'ファイルが示す座標系を知りません。「座標系」で選んでください',
          'unknown CRS in the file; give --crs'
        )
      );
    return crs;
  }
  const detected = detectCrs(samplePositions(features), options.cityCenter ?? null);
  if (!detected.ok) {
    fail(0, 'crs', null, said(detected.reasonJa, detected.reason));
    return null;
  }
  return detected.code;
}

/** The features with a readable geometry, with their row (1-based); the others said in `fail`. */
function* placedFeatures(features: Feature[], fail: Fail): Generator<[Feature, number]> {
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const problem = geometryProblem(f?.geometry);
    if (problem) fail(k + 1, 'geometry', null, problem);
    else yield [f, k + 1];
  }
}

/** Hazard zones: each feature a Polygon or MultiPolygon with its kind, level and depths. */
function readHazards(
  features: Feature[],
  file: string,
  mapping: ImportMapping,
  convert: Convert,
  result: GeoJsonResult,
  fail: Fail
): void {
  for (const [f, row] of placedFeatures(features, fail)) {
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      fail(
        row,
        'geometry',
        f.geometry.type,
        said(
          '浸水想定区域などの区域は面（Polygon・MultiPolygon）でなければなりません',
          'a hazard zone must be a Polygon or MultiPolygon'
        )
      );
      continue;
    }
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const prop = (field: (typeof HAZARD_FIELDS)[number]) => propertyText(props, mapping, field);
    const depth = (field: 'depth_min_m' | 'depth_max_m') => {
      const t = prop(field);
      if (t === '') return null;
      const v = Number(t);
      if (!Number.isFinite(v) || v < 0) {
        fail(
          row,
          field,
          t,
          said('0 以上の深さ（m）か空欄にしてください', 'must be a depth in metres ≥ 0, or empty')
        );
        return null;
      }
      return v;
    };
    const before = result.errors.length;
    const hazard: HazardRecord = {
      kind: prop('kind') || 'flood',
      level: prop('level') || 'unknown',
      depthMinM: depth('depth_min_m'),
      depthMaxM: depth('depth_max_m'),
      name: prop('name') || null,
      source: prop('source') || file,
      geometry: mapPositions(f.geometry, (p) => convert(p[0]!, p[1]!)),
      row
    };
    if (result.errors.length === before) result.hazards.push(hazard);
  }
}

/** A pipe's length (m) from its lines, a road's or bridge's area (㎡) from its polygons. */
function measuredQuantity(cls: string, geometry: Geometry): string {
  const lines = geometry.type === 'LineString' || geometry.type === 'MultiLineString';
  const polygons = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
  if ((cls === 'water_pipe' || cls === 'sewer_pipe') && lines)
    return String(Math.round(lengthMetres(geometry) * 100) / 100);
  if ((cls === 'road' || cls === 'bridge') && polygons)
    return String(Math.round(areaSquareMetres(geometry) * 100) / 100);
  return '';
}

/** Assets: the properties as a one-row table each, read by the same row reader as CSV files. */
function readAssets(
  features: Feature[],
  file: string,
  mapping: ImportMapping,
  convert: Convert,
  options: { facilityCodes?: ReadonlySet<string>; latestYear?: number },
  result: GeoJsonResult,
  fail: Fail
): void {
  const reader = new AssetRowReader(
    [...ASSET_FIELDS],
    { ...mapping, columns: Object.fromEntries(ASSET_FIELDS.map((f) => [f, f])) },
    'geojson',
    file,
    { facilityCodes: options.facilityCodes, latestYear: options.latestYear }
  );
  const q = ASSET_FIELDS.indexOf('quantity');
  for (const [f, row] of placedFeatures(features, fail)) {
    const geometry = mapPositions(f.geometry, (p) => convert(p[0]!, p[1]!));
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const cells = ASSET_FIELDS.map((field) => propertyText(props, mapping, field));
    const cls = cells[ASSET_FIELDS.indexOf('class')]!;
    if (cells[q] === '') cells[q] = measuredQuantity(cls, geometry);
    if (cls === 'building' && cells[q] === '') {
      fail(
        row,
        'quantity',
        null,
        said(
          '建物には延床面積が必要です（図形の面積は延床面積ではありません）',
          'a building needs its floor area (a footprint is not a floor area)'
        )
      );
      continue;
    }
    cells[ASSET_FIELDS.indexOf('geometry')] = '';
    const record = reader.read(cells, row, result.errors);
    if (record && !('skipped' in record)) result.assets.push({ ...record, geometry });
  }
  result.unknownCategories = reader.unknownCategories;
  result.unknownWords = reader.unknownWords;
}

/**
 * Reads a GeoJSON FeatureCollection (or one Feature) as assets or hazard zones.
 * @param crs the user's CRS choice (overrides the file's "crs" member), or null to detect
 */
export function readGeoJson(
  text: string | GeoJsonData,
  file: string,
  mapping: ImportMapping,
  options: {
    crs?: string | null;
    cityCenter?: [number, number] | null;
    facilityCodes?: ReadonlySet<string>;
    latestYear?: number;
  } = {}
): GeoJsonResult {
  const result: GeoJsonResult = {
    crs: null,
    assets: [],
    hazards: [],
    errors: [],
    unknownCategories: new Map(),
    unknownWords: new Map(),
    features: 0
  };
  const fail: Fail = (row, column, value, reason) =>
    result.errors.push({ file, row, column, value, reason: reason.en, reasonJa: reason.ja });
  const read = featuresOf(text);
  if ('problem' in read) return (fail(0, null, null, read.problem), result);
  const { features } = read;
  result.features = features.length;
  const crs = crsOf(features, read.crsName, options, fail);
  if (!crs) return result;
  result.crs = crs;
  const convert = toLonLat(crs)!;
  if (mapping.target === 'hazards') readHazards(features, file, mapping, convert, result, fail);
  else readAssets(features, file, mapping, convert, options, result, fail);
  return result;
}
