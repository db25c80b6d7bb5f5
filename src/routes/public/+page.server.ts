import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicFacilities, publicHome } from '$lib/server/services/public-portal.service';
import { openConsultations } from '$lib/server/services/consultations.service';

export const load: PageServerLoad = async ({ parent }) => {
  const db = await getDb();
  const { portal } = await parent();
  // The published comparisons by the names of their scenarios (one deleted since: left out).
  const names = new Map(
    (await db.selectFrom('scenarios').select(['id', 'name']).execute()).map((s) => [s.id, s.name])
  );
  const comparisons = portal.comparisons
    .map((ids, k) => ({ n: k + 1, names: ids.map((id) => names.get(id)) }))
    .filter((c): c is { n: number; names: string[] } => c.names.every((x) => x !== undefined));
  // Consultations open now: the front page asks for comments first.
  const open = await openConsultations(db);
  return { home: await publicHome(db, await publicFacilities(db)), comparisons, open };
};
