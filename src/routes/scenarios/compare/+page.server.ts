import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { ScenarioError } from '$lib/server/services/scenarios.service';
import { compareScenarios, parseScenarioIds } from '$lib/server/services/scenario-runs.service';
import { listShareLinks } from '$lib/server/services/share-links.service';
import { shareActions } from '$lib/server/share-actions';
import { mayPost } from '$lib/authz';

/** The comparison: read-only and printable; finance can make a read-only link of it for council. */
export const load: PageServerLoad = async ({ url, locals, route }) => {
  const db = await getDb();
  const raw = url.searchParams.get('ids') ?? '';
  try {
    const comparison = await compareScenarios(db, raw);
    // The links' tokens are shown to those who may make and revoke them.
    const shareLinks = mayPost(route.id, 'share', locals.user?.role)
      ? await listShareLinks(db, parseScenarioIds(raw, 2))
      : [];
    // The reference, when chosen (`ref`): one of the scenarios compared; else by rule.
    const ref = url.searchParams.get('ref') ?? '';
    const referenceId = ref === '' ? null : Number(ref);
    if (referenceId !== null && !comparison.scenarios.some((s) => s.scenario.id === referenceId))
      error(
        400,
        locals.lang === 'ja'
          ? `基準（ref=${ref}）は、比較するシナリオから選んでください`
          : `ref: the reference (${ref}) must be one of the scenarios compared`
      );
    return { comparison, shareLinks, referenceId };
  } catch (e) {
    if (e instanceof ScenarioError) error(e.status, e.said[locals.lang]);
    throw e;
  }
};

export const actions: Actions = shareActions(({ url }) => url.searchParams.get('ids') ?? '');
