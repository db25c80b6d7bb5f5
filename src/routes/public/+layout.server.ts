import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { portalSettings } from '$lib/server/services/public-portal.service';

/**
 * Every public page (the hook has answered 404 already when the portal is off): what is published,
 * and a cache header — public for anonymous readers, private for a signed-in one (whose page
 * carries their name in the header).
 */
export const load: LayoutServerLoad = async ({ locals, setHeaders, route }) => {
  // A consultation's page carries the reader's own check question: never shared by a cache.
  const own = locals.user || route.id === '/public/consultations/[id]';
  setHeaders({ 'cache-control': own ? 'private, no-store' : 'public, max-age=60' });
  // Read by the hook for this request already (it answered 404 when the portal is off).
  return { portal: locals.portal ?? (await portalSettings(await getDb())) };
};
