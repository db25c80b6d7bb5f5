import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listStandardKeys } from '$lib/server/repositories/standards.repository';
import {
  getScenario,
  runScenario,
  ScenarioError,
  solveScenario,
  updateScenario
} from '$lib/server/services/scenarios.service';
import type { ScenarioParams } from '$lib/scenario';

function scenarioId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) error(404, `no scenario "${raw}"`);
  return id;
}

export const load: PageServerLoad = async ({ params }) => {
  const db = await getDb();
  const id = scenarioId(params.id);
  const scenario = await getScenario(db, id);
  if (!scenario) error(404, `no scenario ${id}`);
  return {
    scenario,
    run: await runScenario(db, id),
    standards: await listStandardKeys(db)
  };
};

export const actions: Actions = {
  /** Saves the scenario's name, standard, budget, rates and policy switch (with a version check). */
  update: async ({ request, params }) => {
    const db = await getDb();
    const id = scenarioId(params.id);
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = Object.fromEntries(
      ['name', 'standard', 'budget', 'amount', 'inflation', 'discount'].map((k) => [k, text(k)])
    );
    const scenario = await getScenario(db, id);
    if (!scenario) error(404, `no scenario ${id}`);
    const problems: Record<string, string> = {};
    const percent = (name: string) => {
      const v = Number(values[name] || '0');
      if (!Number.isFinite(v) || v < -10 || v > 20) problems[name] = 'a percentage from -10 to 20';
      return v / 100;
    };
    let budget: ScenarioParams['budget'] = { kind: 'none' };
    if (values.budget === 'flat') {
      const oku = Number(values.amount);
      if (values.amount === '' || !Number.isFinite(oku) || oku < 0 || oku > 100_000)
        problems.amount = 'an amount in 100M yen from 0 to 100,000';
      else budget = { kind: 'flat', amount: Math.round(oku * 1e8) };
    } else if (values.budget !== 'none') problems.budget = 'none or flat';
    const next: ScenarioParams = {
      ...scenario.params,
      budget,
      inflation: percent('inflation'),
      discount: percent('discount'),
      facilityPolicies: form.get('facilityPolicies') === 'on'
    };
    if (Object.keys(problems).length)
      return fail(400, { message: 'check the fields marked', problems, values });
    try {
      await updateScenario(
        db,
        id,
        Number(text('version')),
        { name: values.name, standard: values.standard, params: next },
        { username: null, now: new Date().toISOString() }
      );
    } catch (e) {
      if (e instanceof ScenarioError) return fail(e.status, { message: e.message, values });
      throw e;
    }
    return { saved: true };
  },
  /** "What annual budget clears the backlog by year N?" — the answer fills the budget field. */
  solve: async ({ request, params }) => {
    const form = await request.formData();
    const raw = String(form.get('year') ?? '').trim();
    try {
      const solved = await solveScenario(await getDb(), scenarioId(params.id), Number(raw));
      return { solved };
    } catch (e) {
      if (e instanceof ScenarioError) return fail(e.status, { solveMessage: e.message, year: raw });
      throw e;
    }
  }
};
