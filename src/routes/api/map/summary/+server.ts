import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requestFilter, requestIndex, requestLayers, requestView } from '$lib/server/map-request';
import { summarise } from '$lib/server/services/map-search.service';

/** GET /api/map/summary: a view's counts and totals per layer. */
export type SummaryResponse = { startYear: number; layers: ReturnType<typeof summarise> };

/** Counts, areas/lengths and replacement values per layer of what a view shows under a filter. */
export const GET: RequestHandler = async ({ url }) => {
  const view = requestView(url);
  const filter = requestFilter(url);
  const layers = requestLayers(url.searchParams.get('layers'));
  const index = await requestIndex(await getDb(), url);
  return json({ startYear: index.startYear, layers: summarise(index, view, filter, layers) });
};
