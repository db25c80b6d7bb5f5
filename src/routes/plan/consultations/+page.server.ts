import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  FormProblems,
  listConsultations,
  openConsultation
} from '$lib/server/services/consultations.service';
import { planVersions } from '$lib/server/repositories/plans.repository';
import { portalSettings } from '$lib/server/services/public-portal.service';
import { inLanguage } from '$lib/i18n/said';
import { cityToday } from '$lib/consultation';

/** The consultations with their comments counted; for an administrator, what one may be on. */
export const load: PageServerLoad = async () => {
  const db = await getDb();
  const [consultations, plans, portal] = await Promise.all([
    listConsultations(db),
    planVersions(db),
    portalSettings(db)
  ]);
  return {
    consultations,
    plans: plans.map((p) => ({
      id: p.id,
      name: p.name,
      fiscalYear: p.fiscal_year,
      status: p.status
    })),
    comparisons: portal.comparisons,
    portalOn: portal.enabled,
    today: cityToday()
  };
};

export const actions: Actions = {
  /** Opens a consultation; its page follows. */
  open: async ({ request, locals }) => {
    const form = await request.formData();
    const values = {
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      subject: String(form.get('subject') ?? ''),
      opensOn: String(form.get('opensOn') ?? ''),
      closesOn: String(form.get('closesOn') ?? '')
    };
    let id: number;
    try {
      id = await openConsultation(await getDb(), whoOf(locals), values);
    } catch (e) {
      if (e instanceof FormProblems)
        return fail(400, { problems: inLanguage(locals.lang, e.problems), values });
      throw e;
    }
    redirect(303, `/plan/consultations/${id}`);
  }
};
