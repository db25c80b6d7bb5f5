/**
 * The map's tile layers and zooms, shared by the server that cuts the tiles and the style that
 * draws them.
 */

/** Every tile layer: the city's own basemap, hazard zones and the asset layers. */
export const TILE_LAYERS = [
  'basemap',
  'hazards',
  'population',
  'roads',
  'water_pipes',
  'sewer_pipes',
  'bridges',
  'buildings'
] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

/** Building and bridge points: clustered up to CLUSTER_MAX_ZOOM, filtered on the server. */
export const POINT_LAYERS: readonly TileLayer[] = ['buildings', 'bridges'];
export const CLUSTER_MAX_ZOOM = 10;

/** Roads and pipes are drawn from this zoom on (tiles of lower zooms leave them out). */
export const LINE_MIN_ZOOM = 11;
export const LINE_LAYERS: readonly TileLayer[] = ['roads', 'water_pipes', 'sewer_pipes'];

/** Tiles are cut down to this zoom; the map over-zooms beyond it. */
export const TILE_MAX_ZOOM = 14;

/** The layers the map fetches in one tile (pipes, hidden at first and the bulkiest, come apart). */
export const CITY_TILE_LAYERS: readonly TileLayer[] = [
  'basemap',
  'hazards',
  'population',
  'roads',
  'bridges',
  'buildings'
];
