import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { assetsGeoJson, ExportError, parseAssetClass } from '$lib/server/services/export.service';

/** The asset register as GeoJSON (RFC 7946, lon/lat), all classes or `?class=…`. */
export const GET: RequestHandler = async ({ url }) => {
  try {
    const assetClass = parseAssetClass(url.searchParams.get('class'));
    return new Response(await assetsGeoJson(await getDb(), assetClass), {
      headers: {
        'content-type': 'application/geo+json; charset=utf-8',
        'content-disposition': `attachment; filename="hozen-assets${assetClass ? `-${assetClass}` : ''}.geojson"`
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    throw e;
  }
};
