import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { computeRefusal } from '$lib/server/busy';
import { reviewCandidates } from '$lib/server/services/candidates.service';
import { SERVICES } from '$lib/engine/access-defaults';

/** How many candidates a page lists. */
const SHOWN = 60;

export const load: PageServerLoad = async ({ url, locals }) => {
  const page = await reviewCandidates(await getDb()).catch((e) => {
    // Ranked in the compute pool: busy now, or too large for a worker's memory.
    const refusal = computeRefusal(e, locals.lang);
    if (refusal) error(refusal.status, refusal.message);
    throw e;
  });
  const kinds = [
    ...SERVICES.filter((s) => page.rows.some((r) => r.group === s.id)).map((s) => ({
      key: s.id,
      service: true
    })),
    ...[...new Set(page.rows.map((r) => r.category))]
      .sort()
      .map((c) => ({ key: c, service: false }))
  ];
  const asked = url.searchParams.get('kind') ?? '';
  const kind = kinds.some((k) => k.key === asked) ? asked : '';
  const matching = kind
    ? page.rows.filter((r) => r.group === kind || r.category === kind)
    : page.rows;
  return {
    candidates: { ...page, rows: matching.slice(0, SHOWN) },
    total: matching.length,
    kinds,
    kind
  };
};
