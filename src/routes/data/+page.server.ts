import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { computeRefusal } from '$lib/server/busy';
import { dataCompleteness } from '$lib/server/services/completeness.service';

/** How complete the register is, and how much of the projection rests on what it lacks. */
export const load: PageServerLoad = async ({ locals }) => {
  try {
    return { report: await dataCompleteness(await getDb(), locals.user?.username ?? null) };
  } catch (e) {
    // Computed in the pool: busy now, or too large for a worker (before: 413 fell through as 500).
    const refusal = computeRefusal(e, locals.lang);
    if (refusal) error(refusal.status, refusal.message);
    throw e;
  }
};
