import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  ClassifyError,
  classifyFacilities,
  facilitiesToClassify
} from '$lib/server/services/classify.service';

/** Facilities imported without a use category (未分類), to classify. */
export const load: PageServerLoad = async () => facilitiesToClassify(await getDb());

export const actions: Actions = {
  /** Gives the chosen facilities one use category. */
  classify: async ({ request, locals }) => {
    const form = await request.formData();
    const codes = form.getAll('code').map(String);
    const category = String(form.get('category') ?? '');
    try {
      const changed = await classifyFacilities(await getDb(), codes, category, whoOf(locals));
      return { classified: changed, category };
    } catch (e) {
      if (e instanceof ClassifyError) return fail(e.status, { message: e.message });
      throw e;
    }
  }
};
