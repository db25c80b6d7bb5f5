import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requestIndex } from '$lib/server/map-request';
import { consolidation } from '$lib/server/services/map-search.service';

/** GET /api/map/consolidation?metres=: groups of facilities within reach of each other. */
export type ConsolidationResponse = { metres: number; groups: ReturnType<typeof consolidation> };

/** Consolidation candidates (複合化): facilities of compatible categories within `metres`. */
export const GET: RequestHandler = async ({ url }) => {
  const raw = url.searchParams.get('metres') ?? '500';
  const metres = Number(raw);
  if (!Number.isFinite(metres) || metres <= 0 || metres > 20_000)
    error(400, `URL parameter "metres": "${raw}" is not a distance between 1 and 20000`);
  const index = await requestIndex(await getDb(), url);
  return json({ metres, groups: consolidation(index, metres) });
};
