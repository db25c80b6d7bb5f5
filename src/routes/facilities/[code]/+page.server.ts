import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  actualAction,
  importanceAction,
  inspectAction,
  policyAction
} from '$lib/server/card-actions';
import { recordCard } from '$lib/server/services/record-card.service';
import { facilityDemand } from '$lib/server/services/population.service';
import { facilityByCode } from '$lib/server/repositories/facilities.repository';
import { facilityUsage } from '$lib/server/services/usage.service';

export const load: PageServerLoad = async ({ params }) => {
  const db = await getDb();
  const card = await recordCard(db, params.code);
  if (!card) error(404, `no facility with the code ${params.code}`);
  const row = await facilityByCode(db, params.code);
  const demand = await facilityDemand(db, {
    lon: card.facility.lon,
    lat: card.facility.lat,
    category: card.facility.category,
    subcategory: row?.subcategory ?? null
  });
  const floorArea = card.assets
    .filter((a) => a.assetClass === 'building' && a.status === 'active')
    .reduce((sum, a) => sum + a.quantity, 0);
  const usage = row ? await facilityUsage(db, row.id, floorArea) : [];
  return { card, demand, usage };
};

export const actions: Actions = {
  inspect: inspectAction,
  importance: importanceAction,
  policy: policyAction,
  actual: actualAction
};
