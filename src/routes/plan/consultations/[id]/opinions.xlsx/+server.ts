import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { opinions } from '$lib/server/services/public-comments.service';
import { compute } from '$lib/server/compute/pool';
import { computeFailure } from '$lib/server/busy';

/** 「意見と市の考え方」 as a workbook: the title, the period and the counts above the table. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const found = await opinions(await getDb(), Number(params.id));
  if (!found) error(404, 'no such consultation');
  const { head, rows } = found;
  let body: Uint8Array;
  try {
    // Written in the compute pool: as many rows as an administrator approved.
    body = await compute(
      'opinionsWorkbook',
      { lang: locals.lang, head, rows },
      { owner: locals.user?.username ?? null }
    );
  } catch (e) {
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="opinions-${Number(params.id)}.xlsx"`
    }
  });
};
