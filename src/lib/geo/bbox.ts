import { bbox } from '@turf/turf';
import type { Geometry } from 'geojson';

export interface BBox {
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** The lon/lat bounding box of a GeoJSON geometry, in the column names the tables use. */
export function bboxOf(geometry: Geometry): BBox {
  const [minLon, minLat, maxLon, maxLat] = bbox(geometry);
  return { min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat };
}
