import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { assetsXlsx, ExportError, parseAssetClass } from '$lib/server/services/export.service';

/** The asset register in Hozen's CSV columns, as an .xlsx workbook (re-importable), all classes or `?class=…`. */
export const GET: RequestHandler = async ({ url }) => {
  try {
    const assetClass = parseAssetClass(url.searchParams.get('class'));
    return new Response(new Uint8Array(await assetsXlsx(await getDb(), assetClass)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="hozen-assets${assetClass ? `-${assetClass}` : ''}.xlsx"`
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    throw e;
  }
};
