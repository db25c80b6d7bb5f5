/**
 * The form actions of the share panel, for a page whose scenarios are given by `idsOf`: make a
 * council link to them, or revoke one. A bad request is a message, not an error page.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db';
import { whoOf } from './who';
import { ScenarioError } from './services/scenarios.service';
import type { Lang } from '../i18n/messages';
import { createShareLink, revokeShareLink } from './services/share-links.service';

async function answer(lang: Lang, work: () => Promise<string | void>) {
  try {
    // A new link's token: shown this once (only its hash is kept).
    const token = await work();
    return { shared: true, token: token ?? null };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.status, { shareMessage: e.said[lang] });
    throw e;
  }
}

export function shareActions(idsOf: (event: RequestEvent) => string) {
  return {
    share: async (event: RequestEvent) =>
      answer(event.locals.lang, async () =>
        createShareLink(await getDb(), idsOf(event), whoOf(event.locals))
      ),
    revoke: async (event: RequestEvent) => {
      const id = Number((await event.request.formData()).get('link') ?? '');
      if (!Number.isInteger(id) || id < 1)
        return fail(400, {
          shareMessage: event.locals.lang === 'ja' ? 'そのリンクはありません' : 'no such link'
        });
      return answer(event.locals.lang, async () =>
        revokeShareLink(await getDb(), id, whoOf(event.locals))
      );
    }
  };
}
