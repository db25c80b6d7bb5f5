/** Reading a GIS file's layer (GeoJSON as it is; Shapefiles and GeoPackages in the compute pool). */
import type { Refusal } from '../../io/row-error';
import fs from 'node:fs';
import type { TextEncoding } from '../../io/text-encoding';
import { compute } from '../compute/pool';
import type { FileKind } from './read-file';

export const isGisLayer = (kind: FileKind) =>
  kind === 'geojson' || kind === 'shapefile' || kind === 'geopackage';

/**
 * A GIS file's layer as GeoJSON text, with the encoding of its attributes and the CRS it names:
 * GeoJSON as it is (UTF-8, RFC 7946); Shapefiles and GeoPackages decoded in the compute pool.
 */
export async function readGisLayer(
  kind: FileKind,
  filePath: string,
  layer: string | null | undefined,
  owner: string | null | undefined
): Promise<{ ok: true; text: string; encoding: TextEncoding; crs: string | null } | Refusal> {
  if (kind === 'shapefile' || kind === 'geopackage')
    return compute(kind, { path: filePath, ...(layer ? { layer } : {}) }, { owner });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      await fs.promises.readFile(filePath)
    );
    return { ok: true, text, encoding: 'utf-8', crs: null };
  } catch {
    return {
      ok: false,
      reason: 'GeoJSON must be UTF-8 (RFC 7946)',
      reasonJa: 'GeoJSON は UTF-8 でなければなりません（RFC 7946）'
    };
  }
}

export async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}
