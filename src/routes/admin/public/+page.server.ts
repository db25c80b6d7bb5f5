import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  PortalError,
  PUBLISHABLE,
  portalSettings,
  setPortalSettings
} from '$lib/server/services/public-portal.service';

export const load: PageServerLoad = async () => ({
  portal: await portalSettings(await getDb()),
  publishable: PUBLISHABLE
});

export const actions: Actions = {
  /** Turns the public pages on or off and chooses the layers of the public map (audited). */
  default: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const portal = await setPortalSettings(await getDb(), whoOf(locals), {
        enabled: form.get('enabled') === 'on',
        layers: form.getAll('layer').map(String)
      });
      return { saved: true, portal };
    } catch (e) {
      if (e instanceof PortalError) return fail(400, { message: e.said[locals.lang] });
      throw e;
    }
  }
};
