/**
 * A local basemap from an MBTiles file (HOZEN_MBTILES), for city offices on networks without the
 * internet (LGWAN). MBTiles is a SQLite file with a `metadata` table (name/value) and a `tiles`
 * table (zoom_level, tile_column, tile_row in TMS order, tile_data); QGIS, GDAL and tippecanoe all
 * write it. Raster (png, jpg, webp) and vector (pbf, usually gzip-compressed) tiles are served as
 * they are stored. The file is opened read-only and never changed.
 */
import Sqlite from 'better-sqlite3';
import fs from 'node:fs';
import { hasSqliteHeader } from '../db/connection';

export class MbtilesError extends Error {}

export interface MbtilesInfo {
  file: string;
  name: string;
  format: 'png' | 'jpg' | 'webp' | 'pbf';
  minzoom: number;
  maxzoom: number;
  /** Vector layer names (vector tiles only). */
  layers: string[];
  attribution: string | null;
}

interface OpenMbtiles {
  info: MbtilesInfo;
  db: Sqlite.Database;
  tile: Sqlite.Statement<[number, number, number], { tile_data: Buffer }>;
}

const CONTENT_TYPES: Record<MbtilesInfo['format'], string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  pbf: 'application/vnd.mapbox-vector-tile'
};

/** Opens and checks an MBTiles file; a MbtilesError names the file and what is wrong. */
export function openMbtiles(file: string): OpenMbtiles {
  const where = `HOZEN_MBTILES ${file}`;
  if (!fs.existsSync(file)) throw new MbtilesError(`${where}: no such file`);
  if (!hasSqliteHeader(file))
    throw new MbtilesError(`${where}: not an MBTiles file (not a SQLite database)`);
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      (
        db.prepare("select name from sqlite_master where type in ('table', 'view')").all() as {
          name: string;
        }[]
      ).map((r) => r.name)
    );
    for (const table of ['metadata', 'tiles'])
      if (!tables.has(table))
        throw new MbtilesError(`${where}: not an MBTiles file (no "${table}" table)`);
    const meta = Object.fromEntries(
      (
        db.prepare('select name, value from metadata').all() as { name: string; value: string }[]
      ).map((r) => [r.name, r.value])
    );
    const format = (meta.format ?? '').toLowerCase().replace('jpeg', 'jpg');
    if (!(format in CONTENT_TYPES))
      throw new MbtilesError(
        `${where}: metadata "format" is "${meta.format ?? ''}" (expected png, jpg, webp or pbf)`
      );
    const zooms = db
      .prepare('select min(zoom_level) as lo, max(zoom_level) as hi from tiles')
      .get() as { lo: number | null; hi: number | null };
    if (zooms.lo === null) throw new MbtilesError(`${where}: the tiles table is empty`);
    let layers: string[] = [];
    if (format === 'pbf') {
      try {
        const json = JSON.parse(meta.json ?? '{}') as { vector_layers?: { id: string }[] };
        layers = (json.vector_layers ?? []).map((l) => l.id);
      } catch {
        throw new MbtilesError(`${where}: metadata "json" is not JSON`);
      }
      if (!layers.length)
        throw new MbtilesError(
          `${where}: vector tiles, but metadata "json" lists no vector_layers`
        );
    }
    return {
      db,
      info: {
        file,
        name: meta.name ?? file,
        format: format as MbtilesInfo['format'],
        minzoom: Number(meta.minzoom ?? zooms.lo),
        maxzoom: Number(meta.maxzoom ?? zooms.hi),
        layers,
        attribution: meta.attribution ?? null
      },
      tile: db.prepare(
        'select tile_data from tiles where zoom_level = ? and tile_column = ? and tile_row = ?'
      )
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

let opened: { file: string; mbtiles: OpenMbtiles } | undefined;

function configured(): OpenMbtiles | null {
  const file = process.env.HOZEN_MBTILES?.trim();
  if (!file) return null;
  if (opened?.file !== file) opened = { file, mbtiles: openMbtiles(file) };
  return opened.mbtiles;
}

/** The configured local basemap, or null when HOZEN_MBTILES is not set. */
export function localBasemapInfo(): MbtilesInfo | null {
  return configured()?.info ?? null;
}

/**
 * One tile of the local basemap (XYZ numbering, as the map asks): its bytes and headers, or null
 * when the file has no such tile.
 */
export function localBasemapTile(
  z: number,
  x: number,
  y: number
): { body: Buffer; headers: Record<string, string> } | null {
  const mbtiles = configured();
  if (!mbtiles) return null;
  const row = mbtiles.tile.get(z, x, 2 ** z - 1 - y);
  if (!row) return null;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[mbtiles.info.format],
    'cache-control': 'max-age=3600'
  };
  if (row.tile_data[0] === 0x1f && row.tile_data[1] === 0x8b) headers['content-encoding'] = 'gzip';
  return { body: row.tile_data, headers };
}
