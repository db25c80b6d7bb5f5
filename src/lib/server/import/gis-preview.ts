/**
 * The first features of a GIS file as a table (property names, then values), for the import
 * page's preview and column mapping — run in the compute pool: a layer is decoded (and a GeoJSON
 * file parsed) off the event loop, and only the first rows come back.
 */
import type { Refusal } from '../../io/row-error';
import fs from 'node:fs';
import type { Feature } from 'geojson';
import { readZippedShapefile } from '../../io/shapefile';
import { readGeoPackageLayer } from './geopackage-file';

export async function gisPreview(input: {
  kind: 'geojson' | 'shapefile' | 'geopackage';
  path: string;
  layer?: string;
  rows: number;
}): Promise<{ ok: true; header: string[]; rows: string[][] } | (Refusal & { layers?: string[] })> {
  let features: Feature[];
  if (input.kind === 'geopackage') {
    const read = readGeoPackageLayer({ path: input.path, layer: input.layer, limit: input.rows });
    if (!read.ok) return read;
    features = read.features;
  } else if (input.kind === 'shapefile') {
    const read = await readZippedShapefile(await fs.promises.readFile(input.path), input.layer);
    if (!read.ok) return read;
    features = read.collection.features;
  } else {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(
        await fs.promises.readFile(input.path)
      );
      features = (JSON.parse(text) as { features?: Feature[] }).features ?? [];
    } catch (e) {
      return {
        ok: false,
        reason: `not readable GeoJSON (${(e as Error).message})`,
        reasonJa: `GeoJSON として読めません（${(e as Error).message}）`
      };
    }
  }
  const head = features.slice(0, input.rows);
  const header = [...new Set(head.flatMap((f) => Object.keys(f.properties ?? {})))];
  return {
    ok: true,
    header,
    rows: head.map((f) => header.map((h) => String(f.properties?.[h] ?? '')))
  };
}
