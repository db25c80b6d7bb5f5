import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { PRESETS, type Preset } from '$lib/scenario';
import {
  copyScenario,
  createFromPreset,
  deleteScenario,
  listScenarios,
  ScenarioError
} from '$lib/server/services/scenarios.service';

export const load: PageServerLoad = async () => ({
  scenarios: await listScenarios(await getDb())
});

export const actions: Actions = {
  /** A new scenario from a preset; opens it. */
  create: async ({ request, locals }) => {
    const preset = String((await request.formData()).get('preset') ?? '');
    if (!(PRESETS as readonly string[]).includes(preset))
      return fail(400, { message: `preset: one of ${PRESETS.join(', ')}` });
    let id: number;
    try {
      id = await createFromPreset(await getDb(), preset as Preset, whoOf(locals), locals.lang);
    } catch (e) {
      if (e instanceof ScenarioError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
    redirect(303, `/scenarios/${id}`);
  },
  copy: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const id = await copyScenario(
        await getDb(),
        Number(form.get('id')),
        String(form.get('name') ?? ''),
        whoOf(locals)
      );
      redirect(303, `/scenarios/${id}`);
    } catch (e) {
      if (e instanceof ScenarioError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
  },
  delete: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      await deleteScenario(
        await getDb(),
        Number(form.get('id')),
        Number(form.get('version')),
        whoOf(locals)
      );
    } catch (e) {
      if (e instanceof ScenarioError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
    return { deleted: true };
  }
};
