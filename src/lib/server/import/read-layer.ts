/**
 * A GIS file's layer read and checked as the import's records — in the compute pool's worker: a
 * layer of 100,000 features takes seconds to unzip, decode and check, which the server's own
 * thread must not spend (every other user would wait). GeoJSON is read as it is (UTF-8,
 * RFC 7946); a zipped Shapefile and a GeoPackage are decoded (their CRS from the .prj or the SRS
 * table) and then checked the same way. The records and problems come back whole.
 */
import fs from 'node:fs';
import type { Feature } from 'geojson';
import { readGeoJson, type GeoJsonResult } from '../../io/geojson-import';
import type { ImportMapping } from '../../io/import-mapping';
import type { AssetField } from '../../io/asset-record';
import { assetLayout } from './asset-layout';
import type { Refusal } from '../../io/row-error';
import { readZippedShapefile } from '../../io/shapefile';
import type { TextEncoding } from '../../io/text-encoding';
import { readGeoPackageLayer } from './geopackage-file';

export interface GisLayerInput {
  kind: 'geojson' | 'shapefile' | 'geopackage';
  path: string;
  layer: string | null;
  /** The file's name, for the problems' "where". */
  file: string;
  mapping: ImportMapping;
  /** The user's CRS (else the file's, else detected). */
  crs: string | null;
  cityCenter: [number, number] | null;
  /** The city's facilities by code (an asset's facility must be one). */
  facilityIds: ReadonlyMap<string, number>;
  latestYear: number;
  /** The fields the layer gives (only those are written: asset-layout.ts). */
  provided: AssetField[];
}

/** The layer's features and what the file says of them, or why it cannot be read. */
async function layerOf(input: GisLayerInput): Promise<
  | {
      ok: true;
      data: string | { type: 'FeatureCollection'; features: Feature[] };
      encoding: TextEncoding;
      crs: string | null;
    }
  | Refusal
> {
  if (input.kind === 'shapefile') {
    const read = await readZippedShapefile(
      await fs.promises.readFile(input.path),
      input.layer ?? undefined
    );
    return read.ok
      ? { ok: true, data: read.collection, encoding: read.encoding, crs: read.crs }
      : read;
  }
  if (input.kind === 'geopackage') {
    const read = readGeoPackageLayer({ path: input.path, layer: input.layer ?? undefined });
    return read.ok
      ? {
          ok: true,
          data: { type: 'FeatureCollection', features: read.features },
          encoding: 'utf-8',
          crs: read.crs
        }
      : read;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      await fs.promises.readFile(input.path)
    );
    return { ok: true, data: text, encoding: 'utf-8', crs: null };
  } catch {
    return {
      ok: false,
      reason: 'GeoJSON must be UTF-8 (RFC 7946)',
      reasonJa: 'GeoJSON は UTF-8 でなければなりません（RFC 7946）'
    };
  }
}

/**
 * The compute task: a GIS layer's hazard zones, or its assets as the rows to write, checked,
 * with its problems.
 */
export async function gisLayerRecords(
  input: GisLayerInput
): Promise<
  { ok: true; encoding: TextEncoding; result: GeoJsonResult; rows: unknown[][] } | Refusal
> {
  const read = await layerOf(input);
  if (!read.ok) return read;
  const result = readGeoJson(read.data, input.file, input.mapping, {
    crs: input.crs ?? read.crs,
    cityCenter: input.cityCenter,
    facilityCodes: new Set(input.facilityIds.keys()),
    latestYear: input.latestYear
  });
  const layout = assetLayout(new Set(input.provided), input.facilityIds);
  const rows = result.assets.map((asset) => layout.values(asset));
  // The records travel as their rows only.
  return { ok: true, encoding: read.encoding, result: { ...result, assets: [] }, rows };
}
