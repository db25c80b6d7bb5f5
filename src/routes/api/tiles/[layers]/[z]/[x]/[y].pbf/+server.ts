import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requestFilter, requestIndex, requestTile } from '$lib/server/map-request';
import { isTileLayer, TILE_LAYERS } from '$lib/server/services/map-index.service';
import { renderTile } from '$lib/server/services/map-tiles.service';

/**
 * One vector tile (MVT, gzip) holding the map layers named in the path, comma-separated
 * (`/api/tiles/basemap,buildings/12/3621/1622.pbf`). Point layers take the map filter in the
 * query; `std` picks the standard the next work year comes from. An empty tile is 204.
 */
export const GET: RequestHandler = async ({ params, url }) => {
  const layers = params.layers.split(',');
  const unknown = layers.filter((l) => !isTileLayer(l));
  if (unknown.length || new Set(layers).size !== layers.length)
    error(
      404,
      `map layers "${params.layers}": ${unknown.length ? `unknown ${unknown.map((l) => `"${l}"`).join(', ')}` : 'one named twice'} (layers: ${TILE_LAYERS.join(', ')})`
    );
  const [z, x, y] = requestTile(params);
  const filter = requestFilter(url);
  const index = await requestIndex(await getDb(), url);
  const body = renderTile(index, layers.filter(isTileLayer), z, x, y, filter);
  const headers = { 'cache-control': 'no-cache', etag: `"${index.key}"` };
  if (!body) return new Response(null, { status: 204, headers });
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      'content-type': 'application/vnd.mapbox-vector-tile',
      'content-encoding': 'gzip'
    }
  });
};
