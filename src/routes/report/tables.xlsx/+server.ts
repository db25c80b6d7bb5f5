import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { reportWorkbook } from '$lib/report/report-workbook';
import { buildReportFor, scenarioParam } from '$lib/server/services/report-page';
import { ReportError } from '$lib/server/services/report-settings.service';
import { computeFailure } from '$lib/server/busy';

/** Every table of the report in one workbook (`?scenario=ID` as on the report page). */
export const GET: RequestHandler = async ({ url, locals }) => {
  const measuresId = scenarioParam(url);
  if (measuresId === -1) error(400, 'bad scenario number');
  try {
    const report = await buildReportFor(await getDb(), measuresId, locals.lang);
    const body = await reportWorkbook(locals.lang, report);
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="hozen-report-tables.xlsx"'
      }
    });
  } catch (e) {
    if (e instanceof ReportError) error(e.status, e.said[locals.lang]);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
