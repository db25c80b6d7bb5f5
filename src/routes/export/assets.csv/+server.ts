import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { assetsCsv, ExportError, parseAssetClass } from '$lib/server/services/export.service';

/** The asset register in Hozen's CSV (re-importable), all classes or `?class=…`. */
export const GET: RequestHandler = async ({ url }) => {
  try {
    const assetClass = parseAssetClass(url.searchParams.get('class'));
    return new Response(await assetsCsv(await getDb(), assetClass), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="hozen-assets${assetClass ? `-${assetClass}` : ''}.csv"`
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    throw e;
  }
};
