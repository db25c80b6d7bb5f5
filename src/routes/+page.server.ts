import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { countFacilities, totalsByClass } from '$lib/server/repositories/assets.repository';
import { countUnclassified } from '$lib/server/services/classify.service';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const [facilities, totals, unclassified] = await Promise.all([
    countFacilities(db),
    totalsByClass(db),
    countUnclassified(db)
  ]);
  return { facilities, totals, unclassified };
};
