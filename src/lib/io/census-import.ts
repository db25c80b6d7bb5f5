/**
 * A census small-area table with its boundaries, as the rows Hozen stores: the table's bytes
 * decoded (Shift_JIS or UTF-8) and read (census-csv.ts), the boundaries' GeoJSON parsed, each area
 * placed at a point on its outline. Pure; the import runs it in the compute pool (a city's
 * boundary file is tens of megabytes).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import { total } from '../engine/population';
import { said, type Said } from '../i18n/said';
import { parseCensusTable } from './census-csv';
import { decodeBytes } from './text-encoding';

export interface CensusAreaRow {
  code: string;
  name: string;
  kind: 'chome';
  year: number;
  /** The cohorts as JSON text. */
  counts: string;
  total: number;
  lon: number;
  lat: number;
  /** The outline as GeoJSON text. */
  geometry: string;
  source: string;
}

export interface CensusAreas {
  rows: CensusAreaRow[];
  /** Areas the census hides (too few people): counted as 0. */
  hidden: number;
  /** Codes of areas without a boundary (left out). */
  unplaced: string[];
  problems: Said[];
}

/**
 * The areas of a table (text as decoded) placed on their boundaries (features carrying the area's
 * KEY_CODE, as e-Stat's 境界データ do).
 */
export function censusAreas(
  text: string,
  boundaries: FeatureCollection,
  year: number,
  source: string
): CensusAreas {
  const table = parseCensusTable(text);
  const shapes = new Map<string, Feature>();
  for (const f of boundaries.features) {
    const code = String(f.properties?.KEY_CODE ?? f.properties?.key_code ?? '');
    if (code && f.geometry) shapes.set(code, f);
  }
  const rows: CensusAreaRow[] = [];
  const unplaced: string[] = [];
  for (const a of table.areas) {
    const shape = shapes.get(a.code);
    if (!shape) {
      unplaced.push(a.code);
      continue;
    }
    const [lon, lat] = pointOnFeature(shape as Feature<Polygon | MultiPolygon>).geometry
      .coordinates;
    rows.push({
      code: a.code,
      name: a.name,
      kind: 'chome',
      year,
      counts: JSON.stringify(a.counts),
      total: total(a.counts),
      lon: lon!,
      lat: lat!,
      geometry: JSON.stringify(shape.geometry),
      source
    });
  }
  return {
    rows,
    hidden: table.areas.filter((a) => a.hidden).length,
    unplaced,
    problems: table.problems
  };
}

/** A census table and its boundaries as uploaded: the bytes, the files' names, the year. */
export interface CensusFiles {
  table: Uint8Array;
  tableName: string;
  boundaries: Uint8Array;
  boundariesName: string;
  year: number;
  source: string;
}

/** The table's and the boundaries' bytes as uploaded, read; or why one of them cannot be. */
export function censusFiles(input: CensusFiles): CensusAreas | { refused: Said } {
  const decoded = decodeBytes(input.table);
  if (!decoded.ok)
    return {
      refused: said(
        `${input.tableName}：文字コードを読めません（${decoded.reasonJa ?? decoded.reason}）`,
        `${input.tableName}: ${decoded.reason}`
      )
    };
  let boundaries: FeatureCollection;
  try {
    boundaries = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(input.boundaries)
    ) as FeatureCollection;
    if (!Array.isArray(boundaries?.features)) throw new Error('no "features"');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      refused: said(
        `${input.boundariesName}：GeoJSON の FeatureCollection ではありません（${why}）`,
        `${input.boundariesName}: not a GeoJSON FeatureCollection (${why})`
      )
    };
  }
  return censusAreas(decoded.text, boundaries, input.year, input.source);
}
