import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { reportDocument } from '$lib/report/report-html';
import { buildReportFor, scenarioParam } from '$lib/server/services/report-page';
import { ReportError } from '$lib/server/services/report-settings.service';
import { computeFailure } from '$lib/server/busy';

/** The report as one printable HTML document (`?scenario=ID`: the life-extension scenario). */
export const GET: RequestHandler = async ({ url, locals }) => {
  const measuresId = scenarioParam(url);
  if (measuresId === -1) error(400, 'bad scenario number');
  try {
    const report = await buildReportFor(await getDb(), measuresId, locals.lang);
    return new Response(reportDocument(locals.lang, report), {
      headers: { 'content-type': 'text/html; charset=utf-8' }
    });
  } catch (e) {
    if (e instanceof ReportError) error(e.status, e.said[locals.lang]);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
