import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { actualDocument } from '$lib/server/repositories/actuals.repository';

/** A document of a work done, as stored (PDF or photo), for staff. */
export const GET: RequestHandler = async ({ params }) => {
  const id = Number(params.id);
  const doc = Number.isSafeInteger(id) && id > 0 ? await actualDocument(await getDb(), id) : null;
  if (!doc) error(404, 'no such document');
  return new Response(new Uint8Array(doc.content), {
    headers: {
      'content-type': doc.mime,
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'private, max-age=300'
    }
  });
};
