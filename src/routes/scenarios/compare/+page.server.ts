import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { compareScenarios, ScenarioError } from '$lib/server/services/scenarios.service';

/** The council's comparison: read-only, printable. */
export const load: PageServerLoad = async ({ url }) => {
  try {
    return { comparison: await compareScenarios(await getDb(), url.searchParams.get('ids') ?? '') };
  } catch (e) {
    if (e instanceof ScenarioError) error(e.status, e.message);
    throw e;
  }
};
