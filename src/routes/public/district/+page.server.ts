import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { districtPlaces, districtReach, searchPlaces } from '$lib/server/services/district.service';
import { publicFacilities } from '$lib/server/services/public-portal.service';
import { metres } from '$lib/engine/access';

/** Facilities listed around a place: within this distance (m), the nearest first, at most 15. */
const AROUND = 1_500;

/**
 * My district: a place chosen from the list (`?place=`) or found from an address typed (`?q=`);
 * from it, the nearest facilities of each service now and under the plan, and the facilities
 * around it with what the plan does with each. Several places matching what was typed are listed
 * to choose from.
 */
export const load: PageServerLoad = async ({ url }) => {
  const db = await getDb();
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  let key = url.searchParams.get('place');
  const matches = !key && q ? await searchPlaces(db, q) : [];
  if (!key && matches.length === 1) key = matches[0]!.key;
  const reach = key ? await districtReach(db, key) : null;
  const around = reach
    ? (await publicFacilities(db))
        .flatMap((f) =>
          f.lon === null || f.lat === null
            ? []
            : [{ f, d: metres(reach.place.lon, reach.place.lat, f.lon, f.lat) }]
        )
        .filter((x) => x.d <= AROUND)
        .sort((a, b) => a.d - b.d)
        .slice(0, 15)
        .map(({ f, d }) => ({
          code: f.code,
          name: f.name,
          category: f.category,
          distance: Math.round(d / 10) * 10,
          next: f.next
        }))
    : [];
  return {
    q,
    asked: key,
    places: (await districtPlaces(db)).map((p) => p.key),
    matches: reach ? [] : matches.map((p) => p.key),
    reach,
    around,
    aroundMetres: AROUND
  };
};
