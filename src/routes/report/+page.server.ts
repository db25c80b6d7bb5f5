import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { reportBody } from '$lib/report/report-html';
import { reportPage, scenarioParam } from '$lib/server/services/report-page';
import {
  ReportError,
  saveReportSettings,
  saveReportText
} from '$lib/server/services/report-settings.service';
import { BUILDING_CATEGORIES } from '$lib/engine/asset-classes';
import { computeRefusal } from '$lib/server/busy';

export const load: PageServerLoad = async ({ url, locals }) => {
  const measuresId = scenarioParam(url);
  if (measuresId === -1)
    error(400, locals.lang === 'ja' ? 'シナリオの番号が正しくありません' : 'bad scenario number');
  try {
    const page = await reportPage(await getDb(), measuresId, locals.lang);
    return {
      ...page,
      html: reportBody(locals.lang, page.report),
      sections: page.report.sections.map((s) => ({
        id: s.id,
        number: s.number,
        heading: s.heading
      }))
    };
  } catch (e) {
    if (e instanceof ReportError) error(e.status, e.said[locals.lang]);
    const refusal = computeRefusal(e, locals.lang);
    if (refusal) error(refusal.status, refusal.message);
    throw e;
  }
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  /** The report's figures the city sets: 類似団体平均, first-year rule, funding, code, running costs. */
  settings: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      await saveReportSettings(await getDb(), whoOf(locals), {
        similar: text(form, 'similar'),
        firstYear: text(form, 'firstYear'),
        funding: text(form, 'funding'),
        cityCode: text(form, 'cityCode'),
        runningCosts: Object.fromEntries(
          BUILDING_CATEGORIES.map((c) => [c, text(form, `cost_${c}`)])
        )
      });
      return { saved: 'settings' };
    } catch (e) {
      if (e instanceof ReportError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
  },
  /** One section's text in the reader's language (empty: Hozen's wording again). */
  text: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      await saveReportText(
        await getDb(),
        whoOf(locals),
        locals.lang,
        text(form, 'section'),
        text(form, 'text')
      );
      return { saved: 'text' };
    } catch (e) {
      if (e instanceof ReportError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
  }
};
