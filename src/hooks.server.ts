import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { langFromCookie } from '$lib/i18n/messages';

/** Open, migrate (and on an empty database, seed) before the first request. */
export const init: ServerInit = async () => {
  await getDb();
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.lang = langFromCookie(event.cookies.get('lang'));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
  });
};
