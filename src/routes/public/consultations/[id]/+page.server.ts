import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  consultation,
  ConsultationError,
  FormProblems
} from '$lib/server/services/consultations.service';
import {
  commentChallenge,
  publishedComments,
  submitComment
} from '$lib/server/services/public-comments.service';
import { publicFacilities, publicPlanItems } from '$lib/server/services/public-portal.service';
import { inLanguage } from '$lib/i18n/said';

async function find(id: string) {
  try {
    return await consultation(await getDb(), Number(id));
  } catch (e) {
    if (e instanceof ConsultationError) error(404, 'Not Found');
    throw e;
  }
}

/**
 * One consultation: what it is on (the plan's actions, or the published comparison), the comments
 * an administrator approved with the city's answers, and while it is open the form with a fresh
 * check question (never cached: each reader's question is their own).
 */
export const load: PageServerLoad = async ({ params, url }) => {
  const db = await getDb();
  const c = await find(params.id);
  const facilities = (await publicFacilities(db)).map((f) => ({
    code: f.code,
    name: f.name,
    category: f.category
  }));
  const asked = url.searchParams.get('facility');
  return {
    consultation: c,
    items: c.subject.plan ? await publicPlanItems(db, c.subject.plan.id) : [],
    comments: await publishedComments(db, c.id),
    facilities,
    chosen: facilities.some((f) => f.code === asked) ? asked : null,
    challenge: c.period === 'open' ? await commentChallenge(db, c.id) : null
  };
};

export const actions: Actions = {
  /** A comment from anyone: held for moderation, or refused with the reason by the field. */
  comment: async ({ params, request, locals, getClientAddress }) => {
    const form = await request.formData();
    const field = (name: string, max: number) => String(form.get(name) ?? '').slice(0, max);
    const values = {
      topic: field('topic', 40),
      facilityCode: field('facility', 200),
      // Longer than the limit by far is cut here; the service still names the length.
      body: field('body', 20_000)
    };
    const c = await find(params.id);
    try {
      await submitComment(await getDb(), c.id, getClientAddress(), {
        ...values,
        token: field('token', 400),
        answer: field('answer', 20),
        trap: field('website', 400)
      });
      return { sent: true };
    } catch (e) {
      if (e instanceof FormProblems)
        return fail(400, { problems: inLanguage(locals.lang, e.problems), values });
      if (e instanceof ConsultationError)
        return fail(e.status, { message: e.said[locals.lang], values });
      throw e;
    }
  }
};
