import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { langFromCookie } from '$lib/i18n/messages';
import { mapIndex } from '$lib/server/services/map-index.service';

/**
 * Open, migrate (and on an empty database, seed) before the first request; then build the map's
 * index in the background, so that the first map opened does not wait for it.
 */
export const init: ServerInit = async () => {
  const db = await getDb();
  setTimeout(() => {
    mapIndex(db).catch((e: unknown) => console.error(`map index: ${(e as Error).message}`));
  }, 0);
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = langFromCookie(event.cookies.get('lang'));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
  });
};
