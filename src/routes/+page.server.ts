import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { countFacilities, totalsByClass } from '$lib/server/repositories/assets.repository';
import { cityHeadline } from '$lib/server/services/home.service';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const [facilities, totals, headline] = await Promise.all([
    countFacilities(db),
    totalsByClass(db),
    cityHeadline(db)
  ]);
  return { facilities, totals, headline };
};
