import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import {
  consultation,
  ConsultationError,
  FormProblems,
  setClosingDay
} from '$lib/server/services/consultations.service';
import {
  answerComment,
  moderateComment,
  staffComments,
  commentCounts,
  STAFF_PAGE
} from '$lib/server/services/public-comments.service';
import { inLanguage } from '$lib/i18n/said';
import { COMMENT_STATES, type CommentState } from '$lib/consultation';

async function find(id: string) {
  try {
    return await consultation(await getDb(), Number(id));
  } catch (e) {
    if (e instanceof ConsultationError) error(404, e.said.en);
    throw e;
  }
}

/**
 * A consultation's comments for staff, grouped by facility (the whole plan first) then topic, a
 * hundred a page (`?page=`); `?state=` shows one state (waiting for moderation by default while
 * any wait).
 */
export const load: PageServerLoad = async ({ params, url }) => {
  const db = await getDb();
  const c = await find(params.id);
  const counts = await commentCounts(db, c.id);
  const asked = url.searchParams.get('state');
  const state: CommentState | 'all' =
    asked === 'all' || (asked && asked in COMMENT_STATES)
      ? (asked as CommentState | 'all')
      : counts.pending
        ? 'pending'
        : 'all';
  const total =
    state === 'all' ? counts.pending + counts.approved + counts.rejected : counts[state];
  const pages = Math.max(1, Math.ceil(total / STAFF_PAGE));
  const n = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1)), pages);
  return {
    consultation: c,
    state,
    counts,
    page: n,
    pages,
    comments: await staffComments(db, c.id, state === 'all' ? null : state, {
      limit: STAFF_PAGE,
      offset: (n - 1) * STAFF_PAGE
    })
  };
};

async function act(locals: App.Locals, run: () => Promise<void>) {
  try {
    await run();
    return { saved: true };
  } catch (e) {
    if (e instanceof FormProblems)
      return fail(400, { message: Object.values(inLanguage(locals.lang, e.problems)!)[0] });
    if (e instanceof ConsultationError) return fail(e.status, { message: e.said[locals.lang] });
    throw e;
  }
}

export const actions: Actions = {
  /** An administrator publishes a comment, or rejects it (never shown). */
  moderate: async ({ params, request, locals }) => {
    const form = await request.formData();
    return act(locals, async () =>
      moderateComment(
        await getDb(),
        whoOf(locals),
        Number(params.id),
        Number(form.get('comment')),
        String(form.get('status') ?? '')
      )
    );
  },
  /** Staff write the city's answer (市の考え方) and file the comment under a topic. */
  answer: async ({ params, request, locals }) => {
    const form = await request.formData();
    return act(locals, async () =>
      answerComment(await getDb(), whoOf(locals), Number(params.id), Number(form.get('comment')), {
        answer: String(form.get('answer') ?? '').slice(0, 40_000),
        topic: String(form.get('topic') ?? '')
      })
    );
  },
  /** An administrator moves the last day (closing early, or extending the period). */
  close: async ({ params, request, locals }) => {
    const form = await request.formData();
    return act(locals, async () =>
      setClosingDay(
        await getDb(),
        whoOf(locals),
        Number(params.id),
        String(form.get('closesOn') ?? '')
      )
    );
  }
};
