import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicFacilities, publicHome } from '$lib/server/services/public-portal.service';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  return { home: await publicHome(db, await publicFacilities(db)) };
};
