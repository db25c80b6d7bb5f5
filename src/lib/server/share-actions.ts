/**
 * The form actions of the share panel, for a page whose scenarios are given by `idsOf`: make a
 * council link to them, or revoke one. A bad request is a message, not an error page.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db';
import { whoOf } from './who';
import { ScenarioError } from './services/scenarios.service';
import { createShareLink, revokeShareLink } from './services/share-links.service';

async function answer(work: () => Promise<unknown>) {
  try {
    await work();
    return { shared: true };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.status, { shareMessage: e.message });
    throw e;
  }
}

export function shareActions(idsOf: (event: RequestEvent) => string) {
  return {
    share: async (event: RequestEvent) =>
      answer(async () => createShareLink(await getDb(), idsOf(event), whoOf(event.locals))),
    revoke: async (event: RequestEvent) => {
      const token = String((await event.request.formData()).get('token') ?? '');
      return answer(async () => revokeShareLink(await getDb(), token, whoOf(event.locals)));
    }
  };
}
