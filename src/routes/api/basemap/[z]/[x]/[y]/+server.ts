import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requestTile } from '$lib/server/map-request';
import { localBasemapInfo, localBasemapTile } from '$lib/server/services/mbtiles.service';

/** One tile of the local MBTiles basemap (HOZEN_MBTILES); 204 where the file has none. */
export const GET: RequestHandler = async ({ params }) => {
  if (!localBasemapInfo()) error(404, 'no local basemap: set HOZEN_MBTILES to an MBTiles file');
  const [z, x, y] = requestTile(params);
  const tile = localBasemapTile(z, x, y);
  if (!tile) return new Response(null, { status: 204 });
  return new Response(new Uint8Array(tile.body), { headers: tile.headers });
};
