/**
 * `npm run project -- --scenario ID`: a stored scenario run exactly as its page and its exports
 * run it — the same inputs (`planInput`) through the engine's `runPlan` / `simulatePlan` — and
 * printed as a table (億円), the export's CSV, or the page's result as JSON.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/database';
import { getScenario } from '../../src/lib/server/services/scenarios.service';
import { planInput } from '../../src/lib/server/services/plan-inputs';
import { ScenarioError } from '../../src/lib/server/services/scenario-error';
import { runPlan, simulatePlan } from '../../src/lib/engine/run-plan';
import { summarizeProjection } from '../../src/lib/engine/projection-summary';
import { summarizeBudget } from '../../src/lib/engine/simulate-budget';
import { projectionFile } from '../../src/lib/server/compute/projection-file';
import { formatBudgetTable } from '../../src/lib/io/budget-table';
import { formatProjectionTable } from '../../src/lib/io/projection-table';
import { UsageError } from './cli';

/** What the scenario's output is printed as (`--format`). */
export type ScenarioFormat = 'table' | 'csv' | 'json';

/** The scenario's run as text for stdout. */
export async function projectScenario(
  db: Kysely<Database>,
  id: number,
  format: ScenarioFormat
): Promise<string> {
  const scenario = await getScenario(db, id);
  if (!scenario) throw new UsageError(`no scenario ${id} (npm start lists them on /scenarios)`);
  let input;
  try {
    input = await planInput(db, scenario);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'json') return JSON.stringify({ scenario, result: runPlan(input) }) + '\n';
  const { positions, sheltersAtRisk, ...plan } = input;
  if (format === 'csv') {
    const file = await projectionFile({ format: 'csv', plan, lang: 'ja', title: scenario.name });
    return (file as string).replace(/^\uFEFF/, '');
  }
  const title = `${scenario.name} — ${plan.assets.length} assets, ${scenario.startYear}–${scenario.startYear + scenario.years - 1}`;
  const { run, money, unconstrained } = simulatePlan(plan);
  const p = scenario.params;
  return unconstrained
    ? formatProjectionTable(
        money,
        summarizeProjection(money, {
          discount: p.discount,
          referenceInvestment: p.referenceInvestment
        }),
        title
      )
    : formatBudgetTable(run.years, summarizeBudget(run, p.discount), title);
}
