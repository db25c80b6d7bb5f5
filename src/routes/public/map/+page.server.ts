import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicBridges, publicFacilities } from '$lib/server/services/public-portal.service';
import { cityBoundary } from '$lib/server/services/home.service';

/** The published layers as points on the city's outline: facilities, and bridges if published. */
export const load: PageServerLoad = async ({ parent }) => {
  const db = await getDb();
  const { portal } = await parent();
  const facilities = portal.layers.includes('building')
    ? (await publicFacilities(db))
        .filter((f) => f.lon !== null && f.lat !== null)
        .map((f) => ({
          code: f.code,
          name: f.name,
          lon: f.lon!,
          lat: f.lat!,
          action: f.next?.action ?? null
        }))
    : [];
  const bridges = portal.layers.includes('bridge') ? await publicBridges(db) : [];
  return { boundary: await cityBoundary(db), facilities, bridges };
};
