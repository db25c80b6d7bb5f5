import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { openShareLink } from '$lib/server/services/share-links.service';
import { t } from '$lib/i18n/messages';

/** A council link: the scenarios it names, side by side, with nothing to change. */
export const load: PageServerLoad = async ({ params, parent }) => {
  const comparison = await openShareLink(await getDb(), params.token);
  if (!comparison) error(404, t((await parent()).lang, 'sharedGone'));
  return { comparison };
};
