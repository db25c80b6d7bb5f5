import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { actualAction, importanceAction, inspectAction } from '$lib/server/card-actions';
import { assetCard } from '$lib/server/services/record-card.service';

export const load: PageServerLoad = async ({ params }) => {
  const card = await assetCard(await getDb(), params.code);
  if (!card) error(404, `no asset with the code ${params.code}`);
  return { card };
};

export const actions: Actions = {
  inspect: inspectAction,
  importance: importanceAction,
  actual: actualAction
};
