import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  publicFacilities,
  publicHome,
  publishedComparisons
} from '$lib/server/services/public-portal.service';
import { openConsultations } from '$lib/server/services/consultations.service';

export const load: PageServerLoad = async ({ parent }) => {
  const db = await getDb();
  const { portal } = await parent();
  const comparisons = await publishedComparisons(db, portal.comparisons);
  // Consultations open now: the front page asks for comments first.
  const open = await openConsultations(db);
  return { home: await publicHome(db, await publicFacilities(db)), comparisons, open };
};
