import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { countFacilities, totalsByClass } from '$lib/server/repositories/assets.repository';
import { cityHeadline, miniMap } from '$lib/server/services/home.service';
import { asOfYear } from '$lib/server/repositories/settings.repository';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const [facilities, totals, headline, map] = await Promise.all([
    countFacilities(db),
    totalsByClass(db),
    cityHeadline(db),
    asOfYear(db).then((year) => miniMap(db, year))
  ]);
  return { facilities, totals, headline, map };
};
