import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { floorAreaByYearAndCategory } from '$lib/server/repositories/assets.repository';
import { asOfYearOf, getSettings } from '$lib/server/repositories/settings.repository';
import { floorAreaByYear } from '$lib/engine/floor-area-by-year';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const settings = await getSettings(db);
  const asOfYear = asOfYearOf(settings);
  const rows = await floorAreaByYearAndCategory(db);
  return {
    asOfYear,
    floorArea: floorAreaByYear(
      rows.map((r) => ({ yearBuilt: r.year_built, category: r.category, area: r.area })),
      asOfYear
    )
  };
};
