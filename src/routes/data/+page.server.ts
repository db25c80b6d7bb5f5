import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { BusyError } from '$lib/server/compute/pool';
import { dataCompleteness } from '$lib/server/services/completeness.service';

/** How complete the register is, and how much of the projection rests on what it lacks. */
export const load: PageServerLoad = async ({ locals }) => {
  try {
    return { report: await dataCompleteness(await getDb(), locals.user?.username ?? null) };
  } catch (e) {
    if (e instanceof BusyError) error(e.status, e.message);
    throw e;
  }
};
