import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { getScenario } from '$lib/server/services/scenarios.service';
import { runScenario } from '$lib/server/services/scenario-runs.service';
import { fundingWorkbook } from '$lib/io/funding-workbook';
import { computeFailure } from '$lib/server/busy';

/** A scenario's funding (yearly table, bond terms, rules) as a workbook. */
export const GET: RequestHandler = async ({ params, locals }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) error(404, `no scenario "${params.id}"`);
  const db = await getDb();
  const scenario = await getScenario(db, id);
  if (!scenario) error(404, `no scenario ${id}`);
  if (!scenario.params.funding)
    error(
      404,
      locals.lang === 'ja'
        ? 'このシナリオは財源を試算していません'
        : 'this scenario has no funding estimate'
    );
  try {
    const run = await runScenario(db, id, scenario);
    const body = await fundingWorkbook(
      locals.lang,
      scenario.name,
      scenario.params.funding,
      run.result.funding!
    );
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="hozen-funding-${id}.xlsx"`
      }
    });
  } catch (e) {
    const failure = computeFailure(e, locals.lang);
    if (failure) return failure;
    throw e;
  }
};
