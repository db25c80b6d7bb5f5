import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { planSummary } from '$lib/server/services/open-data.service';
import { scenarioParam } from '$lib/server/services/report-page';
import { ReportError } from '$lib/server/services/report-settings.service';
import { computeFailure } from '$lib/server/busy';

/** The plan's key figures as JSON (`?scenario=ID`: the life-extension scenario). */
export const GET: RequestHandler = async ({ url, locals }) => {
  const measuresId = scenarioParam(url);
  if (measuresId === -1) error(400, 'bad scenario number');
  try {
    return json(await planSummary(await getDb(), measuresId, locals.lang));
  } catch (e) {
    if (e instanceof ReportError) error(e.status, e.said[locals.lang]);
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
