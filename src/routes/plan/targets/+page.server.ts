import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  getTargets,
  setTargets,
  targetsPage,
  TargetError
} from '$lib/server/services/targets.service';
import { parseDecimal } from '$lib/strict-input';

export const load: PageServerLoad = async ({ url }) => {
  const s = Number(url.searchParams.get('s'));
  return targetsPage(await getDb(), Number.isInteger(s) && s > 0 ? s : null);
};

const num = (form: FormData, name: string) => parseDecimal(String(form.get(name) ?? '').trim());

async function save(locals: App.Locals, targets: unknown) {
  try {
    await setTargets(await getDb(), whoOf(locals), targets);
    return { saved: true };
  } catch (e) {
    if (e instanceof TargetError) return fail(e.status, { message: e.said[locals.lang] });
    throw e;
  }
}

export const actions: Actions = {
  /** Adds a target of the kind chosen, from the fields that kind reads. */
  add: async ({ request, locals }) => {
    const form = await request.formData();
    const kind = String(form.get('kind') ?? '');
    const targetYear = num(form, 'targetYear');
    const target =
      kind === 'floor_area'
        ? {
            kind,
            baseYear: num(form, 'baseYear'),
            baseArea: num(form, 'baseArea'),
            targetYear,
            changePercent: num(form, 'changePercent')
          }
        : kind === 'poor_share'
          ? { kind, targetYear, maxPercent: num(form, 'maxPercent') }
          : { kind, targetYear };
    return save(locals, [...(await getTargets(await getDb())), target]);
  },
  remove: async ({ request, locals }) => {
    const index = Number((await request.formData()).get('index'));
    return save(
      locals,
      (await getTargets(await getDb())).filter((_, k) => k !== index)
    );
  }
};
