import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { ExportError, projectionXlsx } from '$lib/server/services/export.service';
import { projectionQuery } from '$lib/server/services/export-query';

/** The projection as an .xlsx workbook: `?standard=&start=&years=&lang=ja|en`. */
export const GET: RequestHandler = async ({ url, locals }) => {
  try {
    const body = await projectionXlsx(await getDb(), projectionQuery(url, locals.lang));
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="hozen-projection.xlsx"'
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    throw e;
  }
};
