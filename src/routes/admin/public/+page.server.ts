import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listScenarios } from '$lib/server/services/scenarios.service';
import { whoOf } from '$lib/server/who';
import {
  PortalError,
  PUBLISHABLE,
  portalSettings,
  setPortalSettings
} from '$lib/server/services/public-portal.service';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  return {
    portal: await portalSettings(db),
    publishable: PUBLISHABLE,
    scenarios: (await listScenarios(db)).map((s) => ({ id: s.id, name: s.name }))
  };
};

export const actions: Actions = {
  /** Turns the public pages on or off and chooses the layers of the public map (audited). */
  default: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const portal = await setPortalSettings(await getDb(), whoOf(locals), {
        enabled: form.get('enabled') === 'on',
        layers: form.getAll('layer').map(String),
        comparisons: String(form.get('comparisons') ?? '').slice(0, 2_000)
      });
      return { saved: true, portal };
    } catch (e) {
      if (e instanceof PortalError)
        return fail(400, {
          message: e.said[locals.lang],
          comparisons: String(form.get('comparisons') ?? '').slice(0, 2_000)
        });
      throw e;
    }
  }
};
