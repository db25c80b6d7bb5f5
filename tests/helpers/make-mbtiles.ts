/**
 * Builds small MBTiles files for the tests, the way QGIS, GDAL or tippecanoe lay them out: a
 * `metadata` table and a `tiles` table in TMS row order. Vector tiles are cut from GeoJSON with
 * geojson-vt and written with vt-pbf, gzip-compressed; raster tiles are given as bytes.
 */
import Sqlite from 'better-sqlite3';
import GeoJSONVT from 'geojson-vt';
import type { FeatureCollection } from 'geojson';
import { fromGeojsonVt } from 'vt-pbf';
import { gzipSync } from 'node:zlib';

function create(file: string, metadata: Record<string, string>): Sqlite.Database {
  const db = new Sqlite(file);
  db.exec(`create table metadata (name text, value text);
    create table tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
    create unique index tile_index on tiles (zoom_level, tile_column, tile_row);`);
  const insert = db.prepare('insert into metadata (name, value) values (?, ?)');
  for (const [name, value] of Object.entries(metadata)) insert.run(name, value);
  return db;
}

/** A vector MBTiles of one layer, zooms minzoom–maxzoom, every tile the data touches. */
export function makeVectorMbtiles(
  file: string,
  layer: string,
  data: FeatureCollection,
  minzoom: number,
  maxzoom: number
): number {
  const db = create(file, {
    name: 'Test basemap',
    format: 'pbf',
    minzoom: String(minzoom),
    maxzoom: String(maxzoom),
    json: JSON.stringify({ vector_layers: [{ id: layer, fields: {} }] })
  });
  const index = new GeoJSONVT(data, { maxZoom: maxzoom, indexMaxZoom: maxzoom, indexMaxPoints: 0 });
  const insert = db.prepare(
    'insert into tiles (zoom_level, tile_column, tile_row, tile_data) values (?, ?, ?, ?)'
  );
  let count = 0;
  for (const { z, x, y } of index.tileCoords) {
    if (z < minzoom) continue;
    const tile = index.getTile(z, x, y);
    if (!tile || !tile.features.length) continue;
    insert.run(
      z,
      x,
      2 ** z - 1 - y,
      gzipSync(fromGeojsonVt({ [layer]: tile as never }, { version: 2 }))
    );
    count++;
  }
  db.close();
  return count;
}

/** A raster MBTiles holding the given tiles (XYZ numbering) as `format` bytes. */
export function makeRasterMbtiles(
  file: string,
  format: 'png' | 'jpg',
  tiles: { z: number; x: number; y: number; bytes: Buffer }[]
): void {
  const zooms = tiles.map((t) => t.z);
  const db = create(file, {
    name: 'Test raster',
    format,
    minzoom: String(Math.min(...zooms)),
    maxzoom: String(Math.max(...zooms))
  });
  const insert = db.prepare(
    'insert into tiles (zoom_level, tile_column, tile_row, tile_data) values (?, ?, ?, ?)'
  );
  for (const t of tiles) insert.run(t.z, t.x, 2 ** t.z - 1 - t.y, t.bytes);
  db.close();
}
