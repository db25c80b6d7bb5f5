/**
 * The offline map style: no tiles, fonts or sprites from the network. The basemap is drawn from
 * the city's own data (boundary, rivers, channels, railway), and each asset class is a layer.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MAP_LAYERS } from '$lib/map-layers';
import { CATEGORY_COLORS } from '$lib/components/charts/category-colors';

/** Construction-year classes for colouring buildings (oldest first), with their colours. */
export const BUILDING_AGE_CLASSES = [
  { label: '〜1970', max: 1970, color: '#7f0000' },
  { label: '1971–1980', max: 1980, color: '#d7301f' },
  { label: '1981–1990', max: 1990, color: '#fc8d59' },
  { label: '1991–2000', max: 2000, color: '#fdcc8a' },
  { label: '2001–2010', max: 2010, color: '#78c679' },
  { label: '2011〜', max: 9999, color: '#238443' }
] as const;

/** A toggleable group of style layers, shown in the layer list. */
export interface LayerGroup {
  id: string;
  /** Message key of its label. */
  label:
    | 'layerBoundary'
    | 'layerHazard'
    | 'layerWater'
    | 'layerRail'
    | 'layerBuildings'
    | 'layerRoads'
    | 'layerBridges'
    | 'layerWaterPipes'
    | 'layerSewerPipes';
  layers: string[];
  /** True for layers that draw assets (counted for the rendered-feature figure). */
  assets: boolean;
  visible: boolean;
  swatch: string;
}

export const LAYER_GROUPS: LayerGroup[] = [
  {
    id: 'boundary',
    label: 'layerBoundary',
    layers: ['boundary-fill', 'boundary-line'],
    assets: false,
    visible: true,
    swatch: '#5b6b73'
  },
  {
    id: 'hazards',
    label: 'layerHazard',
    layers: ['hazard-fill'],
    assets: false,
    visible: true,
    swatch: '#6baed6'
  },
  {
    id: 'water',
    label: 'layerWater',
    layers: ['river-line', 'channel-line'],
    assets: false,
    visible: true,
    swatch: '#3a86c8'
  },
  {
    id: 'rail',
    label: 'layerRail',
    layers: ['rail-line'],
    assets: false,
    visible: true,
    swatch: '#444'
  },
  {
    id: 'roads',
    label: 'layerRoads',
    layers: ['roads'],
    assets: true,
    visible: true,
    swatch: '#9aa1a6'
  },
  {
    id: 'water_pipes',
    label: 'layerWaterPipes',
    layers: ['water-pipes'],
    assets: true,
    visible: false,
    swatch: '#1f78b4'
  },
  {
    id: 'sewer_pipes',
    label: 'layerSewerPipes',
    layers: ['sewer-pipes'],
    assets: true,
    visible: false,
    swatch: '#8c6d31'
  },
  {
    id: 'bridges',
    label: 'layerBridges',
    layers: ['bridges'],
    assets: true,
    visible: true,
    swatch: '#6a3d9a'
  },
  {
    id: 'buildings',
    label: 'layerBuildings',
    layers: ['buildings'],
    assets: true,
    visible: true,
    swatch: '#d7301f'
  }
];

const yearColor: unknown[] = [
  'step',
  ['coalesce', ['get', 'year'], 0],
  BUILDING_AGE_CLASSES[0].color
];
for (let i = 1; i < BUILDING_AGE_CLASSES.length; i++) {
  yearColor.push(BUILDING_AGE_CLASSES[i - 1]!.max + 1, BUILDING_AGE_CLASSES[i]!.color);
}

/** What the building points are coloured by. */
export const BUILDING_COLOURINGS = ['age', 'grade', 'category'] as const;
export type BuildingColouring = (typeof BUILDING_COLOURINGS)[number];

/** Condition grades (文科省 A–D) and their colours; no grade in grey. */
export const GRADE_CLASSES = [
  { label: 'A', color: '#238443' },
  { label: 'B', color: '#a6d96a' },
  { label: 'C', color: '#fc8d59' },
  { label: 'D', color: '#b2182b' }
] as const;
const NO_VALUE = '#9e9e9e';

/** The MapLibre colour expression for building points under a colouring. */
export function buildingColour(mode: BuildingColouring): unknown {
  if (mode === 'grade')
    return [
      'match',
      ['coalesce', ['get', 'grade'], ''],
      ...GRADE_CLASSES.flatMap((g) => [g.label, g.color]),
      NO_VALUE
    ];
  if (mode === 'category')
    return [
      'match',
      ['get', 'category'],
      ...Object.entries(CATEGORY_COLORS).flatMap(([category, color]) => [category, color]),
      NO_VALUE
    ];
  return yearColor;
}

/** The legend of a colouring: label (a message-free text or a category key) and colour. */
export function buildingLegend(mode: BuildingColouring): { key: string; color: string }[] {
  if (mode === 'grade')
    return [
      ...GRADE_CLASSES.map((g) => ({ key: g.label, color: g.color })),
      { key: '—', color: NO_VALUE }
    ];
  if (mode === 'category')
    return Object.entries(CATEGORY_COLORS).map(([key, color]) => ({ key, color }));
  return BUILDING_AGE_CLASSES.map((c) => ({ key: c.label, color: c.color }));
}

/** The style: background, the city's own basemap, hazard zones and the asset layers. */
export function offlineStyle(origin: string): StyleSpecification {
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#e9ece6' } },
    {
      id: 'boundary-fill',
      type: 'fill',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'boundary'],
      paint: { 'fill-color': '#fbfbf8' }
    },
    {
      id: 'hazard-fill',
      type: 'fill',
      source: 'hazards',
      paint: { 'fill-color': '#6baed6', 'fill-opacity': 0.18 }
    },
    {
      id: 'boundary-line',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'boundary'],
      paint: { 'line-color': '#5b6b73', 'line-width': 2, 'line-dasharray': [4, 2] }
    },
    {
      id: 'river-line',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'river'],
      paint: {
        'line-color': '#3a86c8',
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 14]
      }
    },
    {
      id: 'channel-line',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'channel'],
      paint: {
        'line-color': '#7fb3e0',
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 16, 4]
      }
    },
    {
      id: 'rail-line',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'rail'],
      paint: { 'line-color': '#444', 'line-width': 2, 'line-dasharray': [3, 3] }
    },
    {
      id: 'roads',
      type: 'line',
      source: 'roads',
      paint: {
        'line-color': '#9aa1a6',
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 6]
      }
    },
    {
      id: 'water-pipes',
      type: 'line',
      source: 'water_pipes',
      layout: { visibility: 'none' },
      paint: { 'line-color': '#1f78b4', 'line-width': 1.2 }
    },
    {
      id: 'sewer-pipes',
      type: 'line',
      source: 'sewer_pipes',
      layout: { visibility: 'none' },
      paint: { 'line-color': '#8c6d31', 'line-width': 1.2 }
    },
    {
      id: 'bridges',
      type: 'circle',
      source: 'bridges',
      paint: {
        'circle-color': '#6a3d9a',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 6],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 0.5
      }
    },
    {
      id: 'buildings',
      type: 'circle',
      source: 'buildings',
      paint: {
        'circle-color': yearColor as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 9],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1
      }
    }
  ];
  const sources: StyleSpecification['sources'] = {};
  for (const layer of MAP_LAYERS) {
    sources[layer] = { type: 'geojson', data: `${origin}/api/map/${layer}.geojson` };
  }
  return { version: 8, name: 'Hozen offline', sources, layers };
}
