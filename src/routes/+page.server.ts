import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { countFacilities, totalsByClass } from '$lib/server/repositories/assets.repository';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  return { facilities: await countFacilities(db), totals: await totalsByClass(db) };
};
