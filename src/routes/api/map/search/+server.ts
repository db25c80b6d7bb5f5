import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requestIndex } from '$lib/server/map-request';
import { searchAssets } from '$lib/server/services/map-search.service';

/** GET /api/map/search?q=: the assets whose code or name matches, best first. */
export type SearchResponse = { hits: ReturnType<typeof searchAssets> };

/** Assets by code or name (`q`), best matches first, at most 10. */
export const GET: RequestHandler = async ({ url }) => {
  const q = url.searchParams.get('q') ?? '';
  if (q.length > 100) error(400, `URL parameter "q" is ${q.length} characters long (at most 100)`);
  const index = await requestIndex(await getDb(), url);
  return json({ hits: searchAssets(index, q) });
};
