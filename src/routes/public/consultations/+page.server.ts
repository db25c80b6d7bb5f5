import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listConsultations } from '$lib/server/services/consultations.service';

/** The consultations, open ones first: what citizens may comment on, and what they said before. */
export const load: PageServerLoad = async () => {
  const all = await listConsultations(await getDb());
  const order = { open: 0, upcoming: 1, closed: 2 };
  return {
    consultations: all
      .map((c) => ({
        id: c.id,
        title: c.title,
        opensOn: c.opensOn,
        closesOn: c.closesOn,
        period: c.period,
        published: c.comments.approved
      }))
      .sort((a, b) => order[a.period] - order[b.period] || b.id - a.id)
  };
};
