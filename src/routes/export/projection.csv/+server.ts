import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { ExportError, projectionCsv } from '$lib/server/services/export.service';
import { projectionQuery } from '$lib/server/services/export-query';

/** The projection's long-format CSV (UTF-8 with BOM): `?standard=&start=&years=`. */
export const GET: RequestHandler = async ({ url, locals }) => {
  try {
    return new Response(await projectionCsv(await getDb(), projectionQuery(url, locals.lang)), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="hozen-projection.csv"'
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    throw e;
  }
};
