import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { ExportError, projectionXlsx } from '$lib/server/services/export.service';
import { exportOptions } from '$lib/server/services/export-query';
import { computeFailure } from '$lib/server/busy';

/** The projection as an .xlsx workbook: `?standard=&start=&years=&budget=&lang=ja|en`, or a scenario as its page shows it: `?scenario=ID`. */
export const GET: RequestHandler = async ({ url, locals }) => {
  const db = await getDb();
  try {
    const options = await exportOptions(db, url, locals.lang);
    const body = await projectionXlsx(db, options, locals.user?.username ?? null);
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="hozen-projection.xlsx"'
      }
    });
  } catch (e) {
    if (e instanceof ExportError) error(400, e.message);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
