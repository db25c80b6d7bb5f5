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

export const load: PageServerLoad = async ({ params }) => {
  const card = await recordCard(await getDb(), params.code);
  if (!card) error(404, `no facility with the code ${params.code}`);
  return { card };
};

export const actions: Actions = {
  inspect: inspectAction,
  importance: importanceAction,
  policy: policyAction,
  actual: actualAction
};
