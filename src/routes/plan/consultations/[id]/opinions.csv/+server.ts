import type { RequestHandler } from './$types';
import { opinionsCsv } from '$lib/io/opinions-table';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { opinions } from '$lib/server/services/public-comments.service';

/** 「意見と市の考え方」 as CSV (UTF-8 with BOM): the published comments with their answers. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const found = await opinions(await getDb(), Number(params.id));
  if (!found) error(404, 'no such consultation');
  const { rows } = found;
  return new Response(opinionsCsv(locals.lang, rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="opinions-${Number(params.id)}.csv"`
    }
  });
};
