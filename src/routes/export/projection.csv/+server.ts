import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { ExportError, projectionCsv } from '$lib/server/services/export.service';
import { exportOptions } from '$lib/server/services/export-query';
import { computeFailure } from '$lib/server/busy';

/** The projection's long-format CSV (UTF-8 with BOM): `?standard=&start=&years=&budget=`, or a scenario as its page shows it: `?scenario=ID`. */
export const GET: RequestHandler = async ({ url, locals }) => {
  const db = await getDb();
  try {
    const options = await exportOptions(db, url, locals.lang);
    return new Response(await projectionCsv(db, options, locals.user?.username ?? null), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="hozen-projection.csv"'
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
