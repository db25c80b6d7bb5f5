import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  adoptConditionModel,
  adoptedConditionModel,
  conditionFits,
  dropConditionModel,
  MIN_PAIRS
} from '$lib/server/services/condition-model.service';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const [fits, adopted] = await Promise.all([conditionFits(db), adoptedConditionModel(db)]);
  return { fits, adopted, minPairs: MIN_PAIRS };
};

export const actions: Actions = {
  /** Adopts the fitted chains of the classes with enough pairs. */
  adopt: async ({ locals }) => ({
    adopted: await adoptConditionModel(await getDb(), whoOf(locals))
  }),
  /** Goes back to the age curves. */
  drop: async ({ locals }) => {
    await dropConditionModel(await getDb(), whoOf(locals));
    return { dropped: true };
  }
};
