import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { boundaryBounds, assetBounds } from '$lib/server/repositories/areas.repository';

/** Japan, for a database with neither a city boundary nor assets. */
const JAPAN: [number, number, number, number] = [129, 31, 146, 45];

export const load: PageServerLoad = async () => {
  const db = await getDb();
  return { bounds: (await boundaryBounds(db)) ?? (await assetBounds(db)) ?? JAPAN };
};
