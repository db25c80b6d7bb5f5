import type { RequestHandler } from './$types';
import { opinionsWorkbook } from '$lib/io/opinions-table';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { opinions } from '$lib/server/services/public-comments.service';

/** 「意見と市の考え方」 as a workbook: the title, the period and the counts above the table. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const found = await opinions(await getDb(), Number(params.id));
  if (!found) error(404, 'no such consultation');
  const { head, rows } = found;
  const body = await opinionsWorkbook(locals.lang, head, rows);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="opinions-${Number(params.id)}.xlsx"`
    }
  });
};
