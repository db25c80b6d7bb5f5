/**
 * The map's layers as GeoJSON text. Geometry is stored as GeoJSON text already, so features are
 * assembled as strings (no parse/serialise round trip for tens of thousands of pipes).
 */
import type { Kysely } from 'kysely';
import type { AssetClass } from '../../engine/asset-classes';
import type { Database } from '../db/database';
import { listAssetMapRows } from '../repositories/assets.repository';
import { listBasemapFeatures, listHazardZones } from '../repositories/areas.repository';

import { MAP_LAYERS, type MapLayer } from '../../map-layers';

export { MAP_LAYERS, type MapLayer };

const ASSET_LAYERS: Partial<Record<MapLayer, AssetClass>> = {
  buildings: 'building',
  roads: 'road',
  bridges: 'bridge',
  water_pipes: 'water_pipe',
  sewer_pipes: 'sewer_pipe'
};

export function isMapLayer(value: string): value is MapLayer {
  return (MAP_LAYERS as readonly string[]).includes(value);
}

function featureCollection(features: string[]): string {
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/** One layer as a GeoJSON FeatureCollection string (lon/lat). */
export async function layerGeoJson(db: Kysely<Database>, layer: MapLayer): Promise<string> {
  const assetClass = ASSET_LAYERS[layer];
  if (assetClass) {
    const rows = await listAssetMapRows(db, assetClass);
    return featureCollection(
      rows.map((row) => {
        const properties = JSON.stringify({
          code: row.code,
          name: row.name,
          category: row.category,
          year: row.year_built,
          grade: row.condition_grade,
          diameter: row.diameter_mm,
          facility: row.facility_code
        });
        return `{"type":"Feature","id":${row.id},"properties":${properties},"geometry":${row.geometry}}`;
      })
    );
  }
  const rows = layer === 'hazards' ? await listHazardZones(db) : await listBasemapFeatures(db);
  return featureCollection(
    rows.map((row) => {
      const properties = JSON.stringify({ kind: row.kind, name: row.name, level: row.level });
      return `{"type":"Feature","id":${row.id},"properties":${properties},"geometry":${row.geometry}}`;
    })
  );
}
