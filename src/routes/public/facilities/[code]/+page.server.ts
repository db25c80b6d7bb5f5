import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicBuildings, publicFacilities } from '$lib/server/services/public-portal.service';
import { openConsultations } from '$lib/server/services/consultations.service';
import { photoMeta } from '$lib/server/services/facility-photo.service';

/**
 * One facility in service, its public fields and its buildings, and the consultations open for
 * comments on it; 404 for any other code.
 */
export const load: PageServerLoad = async ({ params }) => {
  const db = await getDb();
  const facility = (await publicFacilities(db)).find((f) => f.code === params.code);
  if (!facility) error(404, 'Not Found');
  const open = await openConsultations(db);
  return {
    facility,
    buildings: await publicBuildings(db, params.code),
    photo: await photoMeta(db, params.code),
    consultations: open
  };
};
