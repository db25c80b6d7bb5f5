import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { photoContent } from '$lib/server/services/facility-photo.service';

/** The facility's photo, for staff (any state of the facility). */
export const GET: RequestHandler = async ({ params }) => {
  const photo = await photoContent(await getDb(), params.code, false);
  if (!photo) error(404, 'no photo');
  return new Response(new Uint8Array(photo.content), {
    headers: { 'content-type': photo.mime, 'cache-control': 'private, max-age=300' }
  });
};
