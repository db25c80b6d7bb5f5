import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { planSummary } from '$lib/server/services/open-data.service';
import { summaryCsv } from '$lib/io/open-data';
import { scenarioParam } from '$lib/server/services/report-page';
import { ReportError } from '$lib/server/services/report-settings.service';
import { computeFailure } from '$lib/server/busy';

/** The plan's key figures as CSV (key, 指標, 値, 単位), UTF-8 with BOM. */
export const GET: RequestHandler = async ({ url, locals }) => {
  const measuresId = scenarioParam(url);
  if (measuresId === -1) error(400, 'bad scenario number');
  try {
    const summary = await planSummary(await getDb(), measuresId, locals.lang);
    return new Response(summaryCsv(summary.figures), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="plan-summary.csv"'
      }
    });
  } catch (e) {
    if (e instanceof ReportError) error(e.status, e.said[locals.lang]);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
