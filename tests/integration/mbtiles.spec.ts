/** The local MBTiles basemap: a file the test builds, read as the map asks for it. */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Sqlite from 'better-sqlite3';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterEach, describe, expect, it } from 'vitest';
import {
  localBasemapInfo,
  localBasemapTile,
  openMbtiles
} from '../../src/lib/server/services/mbtiles.service';
import { makeRasterMbtiles, makeVectorMbtiles } from '../helpers/make-mbtiles';
import { tempDir } from './helpers/temp-db';

const dir = tempDir();
const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

afterEach(() => {
  delete process.env.HOZEN_MBTILES;
});

describe('a local MBTiles basemap', () => {
  it('serves vector tiles in XYZ numbering from a file stored in TMS order', () => {
    const file = path.join(dir, 'vector.mbtiles');
    const park = {
      type: 'Feature' as const,
      properties: { name: '駿府公園' },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [138.38, 34.97],
            [138.39, 34.97],
            [138.39, 34.98],
            [138.38, 34.98],
            [138.38, 34.97]
          ]
        ]
      }
    };
    const written = makeVectorMbtiles(
      file,
      'landuse',
      { type: 'FeatureCollection', features: [park] },
      10,
      14
    );
    expect(written).toBeGreaterThan(4);
    process.env.HOZEN_MBTILES = file;
    expect(localBasemapInfo()).toMatchObject({
      format: 'pbf',
      minzoom: 10,
      maxzoom: 14,
      layers: ['landuse']
    });
    const [z, x, y] = [14, lon2x(138.385, 14), lat2y(34.975, 14)];
    const tile = localBasemapTile(z, x, y)!;
    expect(tile.headers).toMatchObject({
      'content-type': 'application/vnd.mapbox-vector-tile',
      'content-encoding': 'gzip'
    });
    const decoded = new VectorTile(new PbfReader(gunzipSync(tile.body)));
    expect(decoded.layers.landuse!.length).toBe(1);
    expect(decoded.layers.landuse!.feature(0).properties.name).toBe('駿府公園');
    // The tile mirrored in TMS order is another place: nothing there.
    expect(localBasemapTile(z, x, 2 ** z - 1 - y)).toBeNull();
  });

  it('serves raster tiles as stored', () => {
    const file = path.join(dir, 'raster.mbtiles');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64'
    );
    makeRasterMbtiles(file, 'png', [{ z: 12, x: 3621, y: 1622, bytes: png }]);
    process.env.HOZEN_MBTILES = file;
    expect(localBasemapInfo()).toMatchObject({
      format: 'png',
      minzoom: 12,
      maxzoom: 12,
      layers: []
    });
    const tile = localBasemapTile(12, 3621, 1622)!;
    expect(tile.headers['content-type']).toBe('image/png');
    expect(tile.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(tile.body, png)).toBe(0);
    expect(localBasemapTile(12, 3620, 1622)).toBeNull();
  });

  it('is not configured unless HOZEN_MBTILES is set', () => {
    expect(localBasemapInfo()).toBeNull();
    expect(localBasemapTile(0, 0, 0)).toBeNull();
  });

  it('refuses files that are not MBTiles, naming the file and the fault', () => {
    const missing = path.join(dir, 'nope.mbtiles');
    expect(() => openMbtiles(missing)).toThrow(`HOZEN_MBTILES ${missing}: no such file`);
    const text = path.join(dir, 'text.mbtiles');
    fs.writeFileSync(text, 'not a database at all');
    expect(() => openMbtiles(text)).toThrow('not an MBTiles file (not a SQLite database)');
    const other = path.join(dir, 'other.sqlite');
    new Sqlite(other).exec('create table metadata (name text, value text)').close();
    expect(() => openMbtiles(other)).toThrow('not an MBTiles file (no "tiles" table)');
    const gif = path.join(dir, 'gif.mbtiles');
    makeRasterMbtiles(gif, 'png', [{ z: 1, x: 0, y: 0, bytes: Buffer.from('x') }]);
    new Sqlite(gif).exec("update metadata set value = 'gif' where name = 'format'").close();
    expect(() => openMbtiles(gif)).toThrow(
      'metadata "format" is "gif" (expected png, jpg, webp or pbf)'
    );
    const empty = path.join(dir, 'empty.mbtiles');
    makeVectorMbtiles(empty, 'x', { type: 'FeatureCollection', features: [] }, 0, 2);
    expect(() => openMbtiles(empty)).toThrow('the tiles table is empty');
  });
});
