import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requestFilter, requestIndex, requestLayers } from '$lib/server/map-request';
import { assetsInArea, assetsWithinReach } from '$lib/server/services/map-search.service';

/** POST /api/map/area: what lies in a drawn polygon or within reach of a point. */
export type AreaResponse = ReturnType<typeof assetsInArea> | ReturnType<typeof assetsWithinReach>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);
const body = z.union([
  z.object({
    polygon: z.array(ring).min(1),
    layers: z.string().optional()
  }),
  z.object({
    centre: position,
    metres: z.number().positive().max(50_000),
    layers: z.string().optional()
  })
]);

/**
 * What lies in a drawn area (`{ polygon: [[[lon, lat], …]] }`, first ring outer) or within reach
 * of a point (`{ centre: [lon, lat], metres }`): the assets passing the URL's filter, with totals.
 */
export const POST: RequestHandler = async ({ request, url }) => {
  let parsed: z.infer<typeof body>;
  try {
    const result = body.safeParse(await request.json());
    if (!result.success)
      error(
        400,
        result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      );
    parsed = result.data;
  } catch (e) {
    if (e instanceof SyntaxError) error(400, `the request body is not JSON: ${e.message}`);
    throw e;
  }
  const filter = requestFilter(url);
  const layers = requestLayers(parsed.layers);
  const index = await requestIndex(await getDb(), url);
  if ('polygon' in parsed) {
    for (const [i, r] of parsed.polygon.entries()) {
      const [first, last] = [r[0]!, r.at(-1)!];
      if (first[0] !== last[0] || first[1] !== last[1])
        error(400, `polygon ring ${i}: the last position must repeat the first`);
    }
    return json(
      assetsInArea(index, { type: 'Polygon', coordinates: parsed.polygon }, filter, layers)
    );
  }
  return json(assetsWithinReach(index, parsed.centre, parsed.metres, filter, layers));
};
