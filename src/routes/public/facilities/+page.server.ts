import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicFacilities } from '$lib/server/services/public-portal.service';

/** The facilities in service (public fields), optionally of one use or matching a name. */
export const load: PageServerLoad = async ({ url }) => {
  const all = await publicFacilities(await getDb());
  const uses = [...new Set(all.map((f) => f.category))].sort();
  const use = uses.includes(url.searchParams.get('use') ?? '') ? url.searchParams.get('use')! : '';
  const q = (url.searchParams.get('q') ?? '').normalize('NFKC').trim().slice(0, 100);
  const facilities = all.filter(
    (f) => (!use || f.category === use) && (!q || f.name.normalize('NFKC').includes(q))
  );
  return { facilities, uses, use, q };
};
