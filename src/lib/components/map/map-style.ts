/**
 * The map's style. Every asset layer is a vector-tile source served by Hozen
 * (`/api/tiles/<layer>/{z}/{x}/{y}.pbf`); building and bridge points come clustered at low zoom.
 * The default basemap needs no network: it is drawn from the city's own data (boundary, rivers,
 * channels, railway). 地理院タイル (std, pale, photo) can be chosen instead, and a local MBTiles
 * file served by Hozen when an administrator has configured one.
 */
import { PLAN_ACTION_COLORS } from '../../plan/plan';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { CATEGORY_COLORS } from '$lib/components/charts/category-colors';
import { filterExpression, mapFilterParams, type MapFilter } from '$lib/map-filter';
import { CITY_TILE_LAYERS, LINE_MIN_ZOOM, POINT_LAYERS, TILE_MAX_ZOOM } from '$lib/map-layers';

/** Construction-year classes (oldest first), with their colours. */
export const AGE_CLASSES = [
  { label: '〜1970', max: 1970, color: '#7f0000' },
  { label: '1971–1980', max: 1980, color: '#d7301f' },
  { label: '1981–1990', max: 1990, color: '#fc8d59' },
  { label: '1991–2000', max: 2000, color: '#fdcc8a' },
  { label: '2001–2010', max: 2010, color: '#78c679' },
  { label: '2011〜', max: 9999, color: '#238443' }
] as const;

/** Condition grades: buildings A–D, bridges I–IV, pavement I–III, best to worst by rank. */
export const GRADE_CLASSES = [
  { label: 'A / I', grades: ['A', 'I'], color: '#238443' },
  { label: 'B / II', grades: ['B', 'II'], color: '#a6d96a' },
  { label: 'C / III', grades: ['C', 'III'], color: '#fc8d59' },
  { label: 'D / IV', grades: ['D', 'IV'], color: '#b2182b' }
] as const;

/** Next-work classes: years from the first year of the projection (S) to the next work. */
export const NEXT_WORK_CLASSES = [
  { within: 0, color: '#67000d' },
  { within: 4, color: '#d7301f' },
  { within: 9, color: '#fc8d59' },
  { within: 19, color: '#fdcc8a' },
  { within: 59, color: '#78c679' }
] as const;

const NO_VALUE = '#9e9e9e';

/** The asset layers: source id, style layer id, geometry, and their colour under "by class". */
export const ASSET_LAYER_STYLES = [
  { id: 'roads', kind: 'line', color: '#7d868c' },
  { id: 'water_pipes', kind: 'line', color: '#1f78b4' },
  { id: 'sewer_pipes', kind: 'line', color: '#8c6d31' },
  { id: 'bridges', kind: 'point', color: '#6a3d9a' },
  { id: 'buildings', kind: 'point', color: '#d7301f' }
] as const;
export type AssetLayerId = (typeof ASSET_LAYER_STYLES)[number]['id'];

/** The source a layer's tiles come from: `city` (one tile for the basemap, hazards, roads,
 * bridges and buildings) or a pipe layer's own. */
const sourceOf = (layer: string) =>
  (CITY_TILE_LAYERS as readonly string[]).includes(layer) ? 'city' : layer;

/** A toggleable group of style layers, shown in the layer list. */
export interface LayerGroup {
  id: string;
  /** Message key of its label. */
  label:
    | 'layerBoundary'
    | 'layerHazard'
    | 'layerPopulation'
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
    id: 'population',
    label: 'layerPopulation',
    layers: ['population-fill'],
    assets: false,
    visible: false,
    swatch: '#ef8a62'
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
    swatch: '#7d868c'
  },
  {
    id: 'water_pipes',
    label: 'layerWaterPipes',
    layers: ['water_pipes'],
    assets: true,
    visible: false,
    swatch: '#1f78b4'
  },
  {
    id: 'sewer_pipes',
    label: 'layerSewerPipes',
    layers: ['sewer_pipes'],
    assets: true,
    visible: false,
    swatch: '#8c6d31'
  },
  {
    id: 'bridges',
    label: 'layerBridges',
    layers: ['bridges', 'bridges-clusters'],
    assets: true,
    visible: true,
    swatch: '#6a3d9a'
  },
  {
    id: 'buildings',
    label: 'layerBuildings',
    layers: ['buildings', 'buildings-clusters'],
    assets: true,
    visible: true,
    swatch: '#d7301f'
  }
];

/** What assets are coloured by. */
export const COLOURINGS = [
  'age',
  'grade',
  'next',
  'plan',
  'planYear',
  'class',
  'category'
] as const;
export type Colouring = (typeof COLOURINGS)[number];

/** The MapLibre colour expression of one asset layer under a colouring (S: first year). */
export function assetColour(mode: Colouring, layer: AssetLayerId, startYear: number): unknown {
  switch (mode) {
    case 'age': {
      const expression: unknown[] = ['step', ['coalesce', ['get', 'y'], 0], AGE_CLASSES[0].color];
      for (let i = 1; i < AGE_CLASSES.length; i++)
        expression.push(AGE_CLASSES[i - 1]!.max + 1, AGE_CLASSES[i]!.color);
      return ['case', ['has', 'y'], expression, NO_VALUE];
    }
    case 'grade':
      return [
        'match',
        ['coalesce', ['get', 'g'], ''],
        ...GRADE_CLASSES.flatMap((g) => [[...g.grades], g.color]),
        NO_VALUE
      ];
    case 'next':
    case 'planYear': {
      // The next work's year (n), or the plan's next action's year (py), in the same bands.
      const prop = mode === 'next' ? 'n' : 'py';
      const expression: unknown[] = ['step', ['get', prop], NEXT_WORK_CLASSES[0].color];
      for (let i = 1; i < NEXT_WORK_CLASSES.length; i++)
        expression.push(
          startYear + NEXT_WORK_CLASSES[i - 1]!.within + 1,
          NEXT_WORK_CLASSES[i]!.color
        );
      return ['case', ['has', prop], expression, NO_VALUE];
    }
    case 'category':
      return [
        'match',
        ['get', 'cat'],
        ...Object.entries(CATEGORY_COLORS).flatMap(([category, color]) => [category, color]),
        layer === 'buildings' ? NO_VALUE : ASSET_LAYER_STYLES.find((l) => l.id === layer)!.color
      ];
    case 'class':
      return ASSET_LAYER_STYLES.find((l) => l.id === layer)!.color;
    case 'plan':
      return [
        'match',
        ['coalesce', ['get', 'pa'], ''],
        ...Object.entries(PLAN_ACTION_COLORS).flatMap(([action, color]) => [action, color]),
        NO_VALUE
      ];
  }
}

/** A legend entry: a text (or a category key, or a next-work class) and its colour. */
export interface LegendEntry {
  key: string;
  color: string;
  /** For next-work classes: the range of fiscal years. */
  years?: [number, number];
}

/** The legend of a colouring. */
export function legendOf(mode: Colouring, startYear: number): LegendEntry[] {
  const none = { key: '—', color: NO_VALUE };
  switch (mode) {
    case 'grade':
      return [...GRADE_CLASSES.map((g) => ({ key: g.label, color: g.color })), none];
    case 'category':
      return Object.entries(CATEGORY_COLORS).map(([key, color]) => ({ key, color }));
    case 'class':
      return ASSET_LAYER_STYLES.map((l) => ({ key: l.id, color: l.color }));
    case 'next':
    case 'planYear':
      return [
        ...NEXT_WORK_CLASSES.map((c, i) => ({
          key: `next${i}`,
          color: c.color,
          years: [
            i ? startYear + NEXT_WORK_CLASSES[i - 1]!.within + 1 : 0,
            startYear + c.within
          ] as [number, number]
        })),
        none
      ];
    case 'age':
      return [...AGE_CLASSES.map((c) => ({ key: c.label, color: c.color })), none];
    case 'plan':
      return [...Object.entries(PLAN_ACTION_COLORS).map(([key, color]) => ({ key, color })), none];
  }
}

/** The basemaps a user can pick. `city` needs no network; `gsi-*` need the internet. */
export const BASEMAPS = ['city', 'gsi-pale', 'gsi-std', 'gsi-photo', 'local'] as const;
export type Basemap = (typeof BASEMAPS)[number];

const GSI: Record<
  'gsi-pale' | 'gsi-std' | 'gsi-photo',
  { path: string; ext: string; maxzoom: number }
> = {
  'gsi-std': { path: 'std', ext: 'png', maxzoom: 18 },
  'gsi-pale': { path: 'pale', ext: 'png', maxzoom: 18 },
  'gsi-photo': { path: 'seamlessphoto', ext: 'jpg', maxzoom: 18 }
};
const GSI_ATTRIBUTION =
  '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener">地理院タイル</a>';

/** What the style needs to know. */
export interface StyleOptions {
  origin: string;
  basemap: Basemap;
  /** The local MBTiles basemap, when one is configured: raster, or vector with its layer names. */
  localTiles:
    | { format: 'raster'; tileSize: number; maxzoom: number }
    | { format: 'vector'; layers: string[]; maxzoom: number }
    | null;
  filter: MapFilter;
  standard: string;
  colouring: Colouring;
  startYear: number;
  /** Groups switched off. */
  hidden: ReadonlySet<string>;
  /** Whether the drawing and search-selection overlays are in use (they cost a little to set up,
   * so the first view goes without them). */
  overlays: boolean;
}

/** The tile URL template of a source's layers (with point layers, the filter; all, the standard). */
export function tileUrl(
  origin: string,
  layers: readonly string[],
  filter: MapFilter,
  standard: string
): string {
  const params = new URLSearchParams(
    layers.some((l) => (POINT_LAYERS as readonly string[]).includes(l))
      ? mapFilterParams(filter)
      : []
  );
  if (standard !== 'soumu') params.set('std', standard);
  const query = params.toString();
  return `${origin}/api/tiles/${layers.join(',')}/{z}/{x}/{y}.pbf${query ? `?${query}` : ''}`;
}

/** The layers that draw the local MBTiles' vector layers, plainly. */
function localVectorLayers(names: string[]): LayerSpecification[] {
  return names.flatMap((name): LayerSpecification[] => [
    {
      id: `local-${name}-fill`,
      type: 'fill',
      source: 'local',
      'source-layer': name,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#dfe3da', 'fill-outline-color': '#b8bfb3' }
    },
    {
      id: `local-${name}-line`,
      type: 'line',
      source: 'local',
      'source-layer': name,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#b0b6ad', 'line-width': 1 }
    }
  ]);
}

type Visibility = (group: string) => { visibility: 'none' | 'visible' };

/** The vector tile sources of the city's layers and of the pipes. */
function tileSources(o: StyleOptions): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, layers] of [
    ['city', CITY_TILE_LAYERS],
    ['water_pipes', ['water_pipes']],
    ['sewer_pipes', ['sewer_pipes']]
  ] as const) {
    sources[id] = {
      type: 'vector',
      tiles: [tileUrl(o.origin, layers, o.filter, o.standard)],
      minzoom: 0,
      maxzoom: TILE_MAX_ZOOM
    };
  }
  return sources;
}

/** The basemap under the city: the GSI's raster tiles or the city's own (raster or vector). */
function basemapLayers(o: StyleOptions, sources: Record<string, SourceSpecification>) {
  const base: LayerSpecification[] = [];
  if (o.basemap.startsWith('gsi-')) {
    const gsi = GSI[o.basemap as keyof typeof GSI];
    sources.raster = {
      type: 'raster',
      tiles: [`https://cyberjapandata.gsi.go.jp/xyz/${gsi.path}/{z}/{x}/{y}.${gsi.ext}`],
      tileSize: 256,
      maxzoom: gsi.maxzoom,
      attribution: GSI_ATTRIBUTION
    };
    base.push({ id: 'raster', type: 'raster', source: 'raster' });
  } else if (o.basemap === 'local' && o.localTiles) {
    const url = `${o.origin}/api/basemap/{z}/{x}/{y}`;
    if (o.localTiles.format === 'raster') {
      sources.local = {
        type: 'raster',
        tiles: [url],
        tileSize: o.localTiles.tileSize,
        maxzoom: o.localTiles.maxzoom
      };
      base.push({ id: 'local', type: 'raster', source: 'local' });
    } else {
      sources.local = { type: 'vector', tiles: [url], maxzoom: o.localTiles.maxzoom };
      base.push(...localVectorLayers(o.localTiles.layers));
    }
  }
  return base;
}

/** The city's own basemap: its boundary, hazard zones, rivers, channels and railway. */
function cityLayers(vis: Visibility, plain: boolean): LayerSpecification[] {
  const kind = (k: string) => ['==', ['get', 'kind'], k] as never;
  return [
    {
      id: 'boundary-fill',
      type: 'fill',
      source: 'city',
      'source-layer': 'basemap',
      filter: kind('boundary'),
      layout: vis('boundary'),
      paint: { 'fill-color': '#fbfbf8', 'fill-opacity': plain ? 1 : 0 }
    },
    {
      // People in each small area, coloured by their change to 2050 (red: fewer).
      id: 'population-fill',
      type: 'fill',
      source: 'city',
      'source-layer': 'population',
      layout: vis('population'),
      paint: {
        'fill-color': [
          'interpolate',
          ['linear'],
          ['coalesce', ['get', 'change'], 0],
          -50,
          '#b2182b',
          -25,
          '#ef8a62',
          0,
          '#f7f7f7',
          25,
          '#67a9cf',
          50,
          '#2166ac'
        ],
        'fill-opacity': 0.55,
        'fill-outline-color': '#ffffff'
      }
    },
    {
      id: 'hazard-fill',
      type: 'fill',
      source: 'city',
      'source-layer': 'hazards',
      layout: vis('hazards'),
      paint: { 'fill-color': '#6baed6', 'fill-opacity': 0.2 }
    },
    {
      id: 'boundary-line',
      type: 'line',
      source: 'city',
      'source-layer': 'basemap',
      filter: kind('boundary'),
      layout: vis('boundary'),
      paint: { 'line-color': '#5b6b73', 'line-width': 2, 'line-dasharray': [4, 2] }
    },
    {
      id: 'river-line',
      type: 'line',
      source: 'city',
      'source-layer': 'basemap',
      filter: kind('river'),
      layout: vis('water'),
      paint: {
        'line-color': '#3a86c8',
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 14]
      }
    },
    {
      id: 'channel-line',
      type: 'line',
      source: 'city',
      'source-layer': 'basemap',
      filter: kind('channel'),
      layout: vis('water'),
      paint: {
        'line-color': '#7fb3e0',
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 16, 4]
      }
    },
    {
      id: 'rail-line',
      type: 'line',
      source: 'city',
      'source-layer': 'basemap',
      filter: kind('rail'),
      layout: vis('rail'),
      paint: { 'line-color': '#444', 'line-width': 2, 'line-dasharray': [3, 3] }
    }
  ];
}

/** The assets: lines (roads, pipes) and points clustered at low zoom (buildings, bridges). */
function assetLayers(o: StyleOptions, vis: Visibility): LayerSpecification[] {
  const lineFilter = filterExpression(o.filter);
  const layers: LayerSpecification[] = [];
  for (const style of ASSET_LAYER_STYLES) {
    const color = assetColour(o.colouring, style.id, o.startYear) as never;
    if (style.kind === 'line') {
      layers.push({
        id: style.id,
        type: 'line',
        source: sourceOf(style.id),
        'source-layer': style.id,
        // Networks are drawn segment by segment from district zoom on; at a metropolis's scale
        // they would be a solid mesh (the panel still counts them).
        minzoom: LINE_MIN_ZOOM,
        layout: vis(style.id),
        ...(lineFilter ? { filter: lineFilter as never } : {}),
        paint: {
          'line-color': color,
          'line-width':
            style.id === 'roads'
              ? ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 6]
              : ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 3]
        }
      });
      continue;
    }
    const building = style.id === 'buildings';
    layers.push(
      {
        id: `${style.id}-clusters`,
        type: 'circle',
        source: sourceOf(style.id),
        'source-layer': style.id,
        filter: ['has', 'point_count'],
        layout: vis(style.id),
        paint: {
          'circle-color': building ? '#37474f' : '#6a3d9a',
          'circle-opacity': 0.75,
          'circle-radius': ['step', ['get', 'point_count'], 7, 10, 10, 50, 14, 200, 19],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1.5
        }
      },
      {
        id: style.id,
        type: 'circle',
        source: sourceOf(style.id),
        'source-layer': style.id,
        filter: ['!', ['has', 'point_count']],
        layout: vis(style.id),
        paint: {
          'circle-color': color,
          'circle-radius': building
            ? ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 9]
            : ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 6],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': building ? 1 : 0.5
        }
      }
    );
  }
  return layers;
}

/** What is drawn on the map (a polygon, a radius) and the selected asset's ring. */
function overlayLayers(): LayerSpecification[] {
  return [
    {
      id: 'draw-fill',
      type: 'fill',
      source: 'draw',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#ff7f00', 'fill-opacity': 0.12 }
    },
    {
      id: 'draw-line',
      type: 'line',
      source: 'draw',
      paint: { 'line-color': '#ff7f00', 'line-width': 2 }
    },
    {
      id: 'draw-points',
      type: 'circle',
      source: 'draw',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': '#ff7f00', 'circle-radius': 4 }
    },
    {
      id: 'selection',
      type: 'circle',
      source: 'selection',
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': 14,
        'circle-stroke-color': '#00bcd4',
        'circle-stroke-width': 3
      }
    }
  ];
}

/** The whole style for a state of the page. */
export function mapStyle(o: StyleOptions): StyleSpecification {
  const vis: Visibility = (group) => ({ visibility: o.hidden.has(group) ? 'none' : 'visible' });
  const sources = tileSources(o);
  const base = basemapLayers(o, sources);
  const plain = o.basemap === 'city' || base.length === 0;
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#e9ece6' } },
    ...base,
    ...cityLayers(vis, plain),
    ...assetLayers(o, vis)
  ];
  if (o.overlays) {
    layers.push(...overlayLayers());
    const empty = { type: 'FeatureCollection', features: [] } as const;
    sources.draw = { type: 'geojson', data: empty as never };
    sources.selection = { type: 'geojson', data: empty as never };
  }
  return { version: 8, name: 'Hozen', sources, layers };
}
