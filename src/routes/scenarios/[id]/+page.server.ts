import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { listStandardKeys } from '$lib/server/repositories/standards.repository';
import {
  getScenario,
  ScenarioError,
  startingFunding,
  updateScenario
} from '$lib/server/services/scenarios.service';
import {
  cachedRun,
  outlookFor,
  runScenario,
  solveScenario
} from '$lib/server/services/scenario-runs.service';
import { readFormText, readScenarioForm } from '$lib/scenario-form';
import { scenarioAccess } from '$lib/server/services/access.service';
import { listShareLinks } from '$lib/server/services/share-links.service';
import { shareActions } from '$lib/server/share-actions';
import { mayPost } from '$lib/authz';
import { computeRefusal } from '$lib/server/busy';
import { planContribution } from '$lib/server/services/plan-reads.service';
import { readFundingForm } from '$lib/funding-form';
import { cityPopulation } from '$lib/server/repositories/settings.repository';
import { DEFAULT_FUNDING } from '$lib/engine/funding-defaults';

function scenarioId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) error(404, `no scenario "${raw}"`);
  return id;
}

export const load: PageServerLoad = async ({ params, locals, route }) => {
  const db = await getDb();
  const id = scenarioId(params.id);
  const scenario = await getScenario(db, id);
  if (!scenario) error(404, `no scenario ${id}`);
  // A run in the cache is shown at once; one to compute streams in while the page shows progress.
  const cached = await cachedRun(db, id);
  return {
    scenario,
    run: cached ?? runScenario(db, id),
    standards: await listStandardKeys(db),
    population: await cityPopulation(db),
    outlook: await outlookFor(db, [{ scenario }]),
    // Streamed: the page shows the projection first.
    access: scenarioAccess(db, scenario).catch(() => null),
    /** What the adopted 個別施設計画 gives this scenario, when it takes it. */
    fromPlan: scenario.params.adoptedPlan ? await planContribution(db, scenario.startYear) : null,
    // The links' tokens are shown to those who may make and revoke them.
    shareLinks: mayPost(route.id, 'share', locals.user?.role) ? await listShareLinks(db, [id]) : []
  };
};

export const actions: Actions = {
  ...shareActions(({ params }) => String(scenarioId(params.id!))),
  /** Saves the scenario's definition from the form (with a version check). */
  update: async ({ request, params, locals }) => {
    const db = await getDb();
    const id = scenarioId(params.id);
    const form = await request.formData();
    const values = readFormText(form);
    const scenario = await getScenario(db, id);
    if (!scenario) error(404, `no scenario ${id}`);
    const read = readScenarioForm(values, scenario.params, scenario);
    if (!read.ok)
      return fail(400, {
        message:
          locals.lang === 'ja' ? '印の付いた項目を確かめてください' : 'check the fields marked',
        problems: read.problems,
        values
      });
    try {
      await updateScenario(
        db,
        id,
        Number(form.get('version')),
        { name: read.name, standard: read.standard, params: read.params },
        whoOf(locals)
      );
    } catch (e) {
      if (e instanceof ScenarioError)
        return fail(e.status, { message: e.said[locals.lang], values });
      throw e;
    }
    return { saved: true };
  },
  /**
   * The finance model: turned on (from the model last saved on another scenario, else the default
   * rules), edited (funds, bond types, rules, the city's fiscal size and debt), or off.
   */
  funding: async ({ request, params, locals }) => {
    const db = await getDb();
    const id = scenarioId(params.id);
    const form = await request.formData();
    const scenario = await getScenario(db, id);
    if (!scenario) error(404, `no scenario ${id}`);
    const mode = String(form.get('mode') ?? 'save');
    let funding = scenario.params.funding;
    let from: { id: number; name: string } | null = null;
    if (mode === 'off') funding = null;
    else if (mode === 'on') {
      if (!funding) ({ funding, from } = await startingFunding(db, id));
    } else {
      const read = readFundingForm((n) => String(form.get(n) ?? ''), funding ?? DEFAULT_FUNDING);
      if (!read.ok)
        return fail(400, {
          fundingMessage:
            locals.lang === 'ja' ? '印の付いた項目を確かめてください' : 'check the fields marked',
          fundingProblems: Object.fromEntries(
            Object.entries(read.problems).map(([k, v]) => [k, v[locals.lang]])
          )
        });
      funding = read.funding;
    }
    try {
      await updateScenario(
        db,
        id,
        Number(form.get('version')),
        { params: { ...scenario.params, funding } },
        whoOf(locals)
      );
    } catch (e) {
      if (e instanceof ScenarioError)
        return fail(e.status, { fundingMessage: e.said[locals.lang] });
      throw e;
    }
    return { fundingSaved: true, fundingFrom: from };
  },
  /** "What annual budget clears the backlog by year N?" — the answer fills the budget field. */
  solve: async ({ request, params, locals }) => {
    const form = await request.formData();
    const raw = String(form.get('year') ?? '').trim();
    try {
      const solved = await solveScenario(
        await getDb(),
        scenarioId(params.id),
        Number(raw),
        locals.user?.username ?? null
      );
      return { solved };
    } catch (e) {
      if (e instanceof ScenarioError)
        return fail(e.status, { solveMessage: e.said[locals.lang], year: raw });
      const refusal = computeRefusal(e, locals.lang);
      if (refusal) return fail(refusal.status, { solveMessage: refusal.message, year: raw });
      throw e;
    }
  }
};
