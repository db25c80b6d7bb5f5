/**
 * The map's vector tiles (MVT) per layer, from the map index: lines and areas cut by geojson-vt,
 * building and bridge points clustered at low zoom by supercluster after the filter (so a cluster
 * counts what is shown); tiles are gzip-compressed and cached in the index.
 */
import GeoJSONVT from 'geojson-vt';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from 'vt-pbf';
import { gzipSync } from 'node:zlib';
import type { Feature, Point } from 'geojson';
import {
  mapFilterParams,
  matchesFilter,
  type MapFeatureProperties,
  type MapFilter
} from '../../map-filter';
import {
  CLUSTER_MAX_ZOOM,
  LINE_LAYERS,
  LINE_MIN_ZOOM,
  POINT_LAYERS,
  TILE_MAX_ZOOM,
  type TileLayer
} from '../../map-layers';
import { geometryOf, type MapAsset, type MapIndex, type TileSource } from './map-index.service';

const MAX_CACHED_TILES = 4_000;
const MAX_CLUSTER_INDEXES = 12;

const filterKey = (filter: MapFilter) => new URLSearchParams(mapFilterParams(filter)).toString();

function feature(a: MapAsset): Feature {
  return { type: 'Feature', id: a.id, properties: a.props, geometry: geometryOf(a) };
}

function tileSource(index: MapIndex, layer: TileLayer, filter: MapFilter): TileSource {
  const point = (POINT_LAYERS as readonly string[]).includes(layer);
  const name = point ? `${layer}?${filterKey(filter)}` : layer;
  const existing = index.sources.get(name);
  if (existing) return existing;
  let source: TileSource;
  if (point) {
    const cluster = new Supercluster<MapFeatureProperties>({
      // Radius in tile units: 288 of 4096 is 36 px of a 512 px tile.
      radius: 288,
      maxZoom: CLUSTER_MAX_ZOOM,
      minPoints: 3,
      extent: 4096
    });
    cluster.load(
      index.assets
        .filter((a) => a.layer === layer && a.point && matchesFilter(a.props, filter))
        .map((a) => feature(a) as Feature<Point, MapFeatureProperties>)
    );
    source = cluster;
    // Keep a bounded number of filtered cluster indexes (the unfiltered ones stay).
    const filtered = [...index.sources.keys()].filter((k) => k.includes('?') && !k.endsWith('?'));
    if (filtered.length >= MAX_CLUSTER_INDEXES) index.sources.delete(filtered[0]!);
  } else {
    const features: Feature[] =
      layer === 'hazards' || layer === 'basemap' || layer === 'population'
        ? index.areas
            .filter((a) => a.layer === layer)
            .map((a) => ({
              type: 'Feature',
              id: a.id,
              properties: a.properties,
              geometry: a.geometry
            }))
        : index.assets.filter((a) => a.layer === layer && a.geometry).map(feature);
    source = new GeoJSONVT(
      { type: 'FeatureCollection', features },
      { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: 64 }
    );
  }
  index.sources.set(name, source);
  return source;
}

/**
 * One vector tile holding the given layers, gzip-compressed, or null when it would be empty.
 * Point layers are filtered here; the other layers carry every feature and are filtered in the
 * browser with the same filter (`filterExpression`).
 */
export function renderTile(
  index: MapIndex,
  layers: readonly TileLayer[],
  z: number,
  x: number,
  y: number,
  filter: MapFilter
): Buffer | null {
  const filtered = layers.some((l) => POINT_LAYERS.includes(l));
  const cacheKey = `${layers.join(',')}/${filtered ? filterKey(filter) : ''}/${z}/${x}/${y}`;
  if (index.tiles.has(cacheKey)) return index.tiles.get(cacheKey)!;
  const parts: Record<string, { features: unknown[] }> = {};
  for (const layer of layers) {
    // Lines are not drawn below LINE_MIN_ZOOM: their tiles of lower zooms leave them out.
    if (LINE_LAYERS.includes(layer) && z < Math.floor(LINE_MIN_ZOOM)) continue;
    const tile = tileSource(index, layer, filter).getTile(z, x, y);
    if (tile && tile.features.length) parts[layer] = tile;
  }
  const body = Object.keys(parts).length
    ? gzipSync(fromGeojsonVt(parts as never, { version: 2, extent: 4096 }), { level: 6 })
    : null;
  if (index.tiles.size >= MAX_CACHED_TILES) index.tiles.delete(index.tiles.keys().next().value!);
  index.tiles.set(cacheKey, body);
  return body;
}
