/** The map's data layers, served as `/api/map/<layer>.geojson` and drawn by the map component. */
export const MAP_LAYERS = [
  'basemap',
  'hazards',
  'buildings',
  'roads',
  'bridges',
  'water_pipes',
  'sewer_pipes'
] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
