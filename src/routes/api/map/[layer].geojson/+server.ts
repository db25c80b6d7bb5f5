import { error } from '@sveltejs/kit';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { isMapLayer, layerGeoJson, MAP_LAYERS } from '$lib/server/services/map-layers.service';

/** One map layer as GeoJSON (gzip-compressed when the client accepts it). */
export const GET: RequestHandler = async ({ params, request }) => {
  if (!isMapLayer(params.layer)) {
    error(404, `unknown map layer "${params.layer}" (layers: ${MAP_LAYERS.join(', ')})`);
  }
  const body = await layerGeoJson(await getDb(), params.layer);
  const headers: Record<string, string> = {
    'content-type': 'application/geo+json; charset=utf-8',
    'cache-control': 'no-cache',
    vary: 'accept-encoding'
  };
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    return new Response(gzipSync(body, { level: 5 }), {
      headers: { ...headers, 'content-encoding': 'gzip' }
    });
  }
  return new Response(body, { headers });
};
