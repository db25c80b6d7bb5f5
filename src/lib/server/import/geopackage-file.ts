/**
 * A GeoPackage's layer as GeoJSON features for the importer (run in the compute pool's worker). The
 * file is opened read-only with better-sqlite3; its feature layers are listed from gpkg_contents
 * and gpkg_geometry_columns, the chosen layer's rows read with their attributes, each geometry
 * decoded by io/geopackage.ts, and the layer's SRS named as an EPSG code for the importer.
 */
import type { Refusal } from '../../io/row-error';
import Database from 'better-sqlite3';
import type { Feature, Geometry } from 'geojson';
import { decodeGpkgGeometry, GeometryBlobError } from '../../io/geopackage';
import { normalizeCrs } from '../../io/crs';

/** The most features one layer may have (a city's largest register has far fewer). */
const MAX_FEATURES = 2_000_000;

interface Layer {
  table: string;
  column: string;
  organization: string | null;
  code: number | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The features of a GeoPackage's layer (the first `limit`, for a preview). */
export function readGeoPackageLayer(input: {
  path: string;
  layer?: string;
  limit?: number;
}):
  | { ok: true; features: Feature[]; crs: string | null; layer: string; layers: string[] }
  | (Refusal & { layers?: string[] }) {
  let db: Database.Database;
  try {
    db = new Database(input.path, { readonly: true, fileMustExist: true });
  } catch (e) {
    return {
      ok: false,
      reason: `not a readable GeoPackage (${(e as Error).message})`,
      reasonJa: `GeoPackage として読めません（${(e as Error).message}）`
    };
  }
  try {
    let layers: Layer[];
    try {
      layers = db
        .prepare(
          `SELECT c.table_name AS "table", g.column_name AS "column",
                  s.organization AS organization, s.organization_coordsys_id AS code
             FROM gpkg_contents c
             JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
             LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
            WHERE c.data_type = 'features'
            ORDER BY c.table_name`
        )
        .all() as Layer[];
    } catch (e) {
      return {
        ok: false,
        reason: `not a GeoPackage (its tables gpkg_contents and gpkg_geometry_columns cannot be read: ${(e as Error).message})`,
        reasonJa: `GeoPackage ではありません（gpkg_contents・gpkg_geometry_columns の表を読めません：${(e as Error).message}）`
      };
    }
    const names = layers.map((l) => l.table);
    if (layers.length === 0)
      return {
        ok: false,
        reason: 'the GeoPackage holds no feature layer',
        reasonJa: 'GeoPackage に地物のレイヤーがありません'
      };
    if (!input.layer && layers.length > 1)
      return {
        ok: false,
        reason: `the GeoPackage holds ${layers.length} layers (${names.join(', ')}): choose one with the layer option`,
        reasonJa: `GeoPackage にレイヤーが ${layers.length} つあります（${names.join('、')}）。取り込むレイヤーを選んでください`,
        layers: names
      };
    const layer = input.layer ? layers.find((l) => l.table === input.layer) : layers[0];
    if (!layer)
      return {
        ok: false,
        reason: `no layer "${input.layer}" in the GeoPackage (layers: ${names.join(', ')})`,
        reasonJa: `GeoPackage にレイヤー「${input.layer}」がありません（レイヤー：${names.join('、')}）`,
        layers: names
      };
    const crs =
      layer.organization?.toUpperCase() === 'EPSG' && layer.code !== null
        ? normalizeCrs(`EPSG:${layer.code}`)
        : null;
    const rows = db.prepare(
      `SELECT * FROM ${quote(layer.table)}${input.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(input.limit))}` : ''}`
    );
    // The primary key (fid) is the file's row number, not an attribute.
    const key = (
      db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0`).all(layer.table) as {
        name: string;
      }[]
    ).map((r) => r.name);
    const features: Feature[] = [];
    let n = 0;
    for (const row of rows.iterate() as Iterable<Record<string, unknown>>) {
      if ((n += 1) > MAX_FEATURES)
        return {
          ok: false,
          reason: `the layer has more than ${MAX_FEATURES} features`,
          reasonJa: `レイヤーの地物が ${MAX_FEATURES} を超えています`
        };
      const properties: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row))
        if (name !== layer.column && !key.includes(name) && !(value instanceof Uint8Array))
          properties[name] = typeof value === 'bigint' ? Number(value) : value;
      const blob = row[layer.column];
      let geometry: Geometry | null = null;
      if (blob instanceof Uint8Array)
        try {
          geometry = decodeGpkgGeometry(blob);
        } catch (e) {
          if (!(e instanceof GeometryBlobError)) throw e;
          return { ok: false, reason: `feature ${n} of ${layer.table}: ${e.message}` };
        }
      features.push({ type: 'Feature', properties, geometry } as Feature);
    }
    return { ok: true, features, crs, layer: layer.table, layers: names };
  } finally {
    db.close();
  }
}
