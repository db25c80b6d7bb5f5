import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { compareScenarios } from '$lib/server/services/scenario-runs.service';
import { ScenarioError } from '$lib/server/services/scenario-error';

/** A comparison the city published (by its place in the list); 404 for any other. */
export const load: PageServerLoad = async ({ params, parent }) => {
  const { portal } = await parent();
  const n = Number(params.n);
  const ids = Number.isInteger(n) && n >= 1 ? portal.comparisons[n - 1] : undefined;
  if (!ids) error(404, 'Not Found');
  try {
    return { comparison: await compareScenarios(await getDb(), ids.join(',')) };
  } catch (e) {
    // A scenario deleted since it was published.
    if (e instanceof ScenarioError && e.status === 404) error(404, 'Not Found');
    throw e;
  }
};
