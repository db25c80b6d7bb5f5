import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { photoContent } from '$lib/server/services/facility-photo.service';

/** A facility's photo for the public pages (facilities in service only; metadata removed when kept). */
export const GET: RequestHandler = async ({ params }) => {
  const photo = await photoContent(await getDb(), params.code, true);
  if (!photo) error(404, 'Not Found');
  return new Response(new Uint8Array(photo.content), {
    headers: { 'content-type': photo.mime, 'cache-control': 'public, max-age=300' }
  });
};
