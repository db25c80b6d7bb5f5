/**
 * GIS files as a city's GIS keeps them, written by GDAL's ogr2ogr (the tool cities' GIS staff
 * use; CI installs gdal-bin): a zipped Shapefile in 平面直角座標系 VIII of JGD2000 with a CP932
 * DBF, and a GeoPackage. Made from lon/lat points so a test knows where each feature must land.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

export interface PointFeature {
  lon: number;
  lat: number;
  properties: Record<string, string | number>;
}

function sourceGeoJson(dir: string, points: readonly PointFeature[]): string {
  const source = path.join(
    dir,
    `source-${Date.now()}-${Math.random().toString(36).slice(2)}.geojson`
  );
  fs.writeFileSync(
    source,
    JSON.stringify({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        properties: p.properties,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] }
      }))
    })
  );
  return source;
}

/**
 * The bytes of a .zip holding `name`.shp/.shx/.dbf/.prj/.cpg: the points in EPSG:2450 (JGD2000
 * zone VIII), the attributes in CP932.
 */
export function zippedShapefile(
  dir: string,
  name: string,
  points: readonly PointFeature[]
): Uint8Array {
  const work = fs.mkdtempSync(path.join(dir, 'shp-'));
  execFileSync('ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    'EPSG:2450',
    '-lco',
    'ENCODING=CP932',
    path.join(work, `${name}.shp`),
    sourceGeoJson(work, points)
  ]);
  const zipped: Record<string, Uint8Array> = {};
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
    zipped[`${name}.${ext}`] = fs.readFileSync(path.join(work, `${name}.${ext}`));
  return zipSync(zipped);
}

/** A GeoPackage file with one layer per entry of `layers`, each in the CRS given (EPSG code). */
export function geoPackage(
  file: string,
  layers: readonly { name: string; epsg: number; points: readonly PointFeature[] }[]
): void {
  fs.rmSync(file, { force: true });
  for (const layer of layers)
    execFileSync('ogr2ogr', [
      '-f',
      'GPKG',
      ...(fs.existsSync(file) ? ['-update'] : []),
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      `EPSG:${layer.epsg}`,
      '-nln',
      layer.name,
      file,
      sourceGeoJson(path.dirname(file), layer.points)
    ]);
}
