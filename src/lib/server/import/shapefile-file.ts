/**
 * A zipped Shapefile on disk as GeoJSON text for the importer (in the compute pool's worker: a
 * large layer takes seconds to decode). The coordinates stay in the file's system; `crs` is what
 * its .prj names (io/shapefile.ts).
 */
import type { Refusal } from '../../io/row-error';
import fs from 'node:fs';
import { readZippedShapefile } from '../../io/shapefile';

export async function shapefileAsGeoJson(input: {
  path: string;
  layer?: string;
}): Promise<
  | { ok: true; text: string; crs: string | null; encoding: 'utf-8' | 'shift_jis'; layer: string }
  | Refusal
> {
  const read = await readZippedShapefile(await fs.promises.readFile(input.path), input.layer);
  if (!read.ok) return read;
  return {
    ok: true,
    text: JSON.stringify(read.collection),
    crs: read.crs,
    encoding: read.encoding,
    layer: read.layer
  };
}
