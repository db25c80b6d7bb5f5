/**
 * The budget-constrained yearly loop (Engine II): the works Engine I finds, funded year by year
 * from the money the city has.
 *
 * For each fiscal year: slices of works started earlier (and demolitions of closed assets) are
 * committed first; the candidates are every work due this year or earlier and not yet funded (the
 * backlog); they are ranked (tier, priority score, due year, then asset and work order) and
 * funded by the funding step (`fundYear`, the core of `allocateBudget`).
 *
 * The priority score is importance + condition + hazard (each weighted, 0–1) + the overdue weight
 * × years waited ÷ 20, with no ceiling: a work that waits keeps rising, so none waits forever
 * behind newer works of a slightly higher score.
 *
 * Rules of deferral (stated so a council can read them):
 * - An unfunded work stays in the backlog; its cost grows by `escalation` per year it waits.
 * - A rebuild or replacement starts the asset's next life in the year it is funded: every later
 *   work of the asset moves by the years the rebuild waited, and none of them can start before it.
 * - A renovation, life-extension renovation or repair still waiting when the asset's rebuild falls
 *   due is dropped: the rebuild replaces it ("superseded").
 * - Works from the closing year of a closed asset on are excluded (its demolition is committed).
 * - Yearly flows (roads ÷ 15, the spreading rule of unknown years) owe their share every year; a
 *   share left unfunded is carried, escalated, and owed together with the next year's.
 * With no budget cap every work is funded when due, and the result equals Engine I's projection.
 *
 * Condition: buildings and bridges age along grade curves (condition.ts), reset by inspections
 * and by funded works, or move along a Markov chain (`conditionModel`). Survival (Weibull) lives
 * are the stochastic mode's (stochastic.ts).
 *
 * Pure and deterministic.
 */
import { inflationFactors, projectRenewals } from './projection';
import { resolveOverrides } from './overrides';
import type { EngineAsset } from './engine-asset';
import type { Standard } from './standard';
import { listOutcomes, runYear, startLoop } from './budget-loop';
import type { BudgetOptions, BudgetResult, WorkOutcome } from './budget-types';

export * from './budget-types';

/**
 * Runs the yearly budget loop over `assets` under `standard`: the state built once, then one
 * `runYear` per fiscal year (budget-loop.ts holds the steps).
 */
export function simulateBudget(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: BudgetOptions
): BudgetResult {
  const S = options.startYear;
  const H = options.years;
  if (H > 255) throw new Error('the budget loop handles horizons up to 255 years');
  const base =
    options.base ??
    projectRenewals(assets, standard, { ...options, detail: false, collectWorks: true });
  const works = base.workColumns;
  if (!works || base.startYear !== S || base.years !== H)
    throw new Error('the base projection must collect works over the same horizon');
  const all = base.assets;
  const overrides = options.overrides ?? [];
  const closeYear = new Float64Array(all.length).fill(Infinity);
  if (overrides.length)
    all.forEach((a, i) => (closeYear[i] = resolveOverrides(a, overrides).closeYear));
  const state = startLoop(
    all,
    { ...base, workColumns: works },
    options,
    closeYear,
    inflationFactors(H, options.inflation ?? 0)
  );
  const years = Array.from({ length: H }, (_, t) => runYear(state, t));
  // Per-work outcomes are built when first asked for (a solver's trial runs never ask).
  let outcomes: WorkOutcome[] | null = null;
  return {
    initialConditionScore: state.condition.initialScore,
    funded: {
      ...base,
      cells: state.cells,
      totalsByYear: years.map((y) => y.funded),
      works: null,
      workColumns: null
    },
    unconstrained: base,
    years,
    get outcomes() {
      return (outcomes ??= listOutcomes(state, works.cost));
    }
  };
}

export interface BudgetSummary {
  /** Money spent over the horizon, and what the unconstrained projection needs (yen). */
  funded: number;
  unconstrained: number;
  /** unconstrained − funded. */
  fundingGap: number;
  backlogEnd: number;
  backlogEndCount: number;
  peakBacklog: number;
  peakBacklogYear: number;
  /** Asset Sustainability Ratio: renewal funded ÷ renewal needed (unconstrained). */
  assetSustainabilityRatio: number | null;
  /** Assets past their service life at the end. */
  pastLifeEnd: number;
  /** Σ funded(S + k) ÷ (1 + discount)^k. */
  presentValue: number;
}

/** The key figures of a budget run (the council's comparison table). */
export function summarizeBudget(result: BudgetResult, discount = 0): BudgetSummary {
  const funded = result.years.reduce((sum, y) => sum + y.funded, 0);
  const unconstrained = result.unconstrained.totalsByYear.reduce((a, b) => a + b, 0);
  let peak = result.years[0];
  for (const y of result.years) if (peak === undefined || y.backlogYen > peak.backlogYen) peak = y;
  const last = result.years.at(-1);
  return {
    funded,
    unconstrained,
    fundingGap: unconstrained - funded,
    backlogEnd: last?.backlogYen ?? 0,
    backlogEndCount: last?.backlogCount ?? 0,
    peakBacklog: peak?.backlogYen ?? 0,
    peakBacklogYear: peak?.fiscalYear ?? result.funded.startYear,
    assetSustainabilityRatio: unconstrained > 0 ? funded / unconstrained : null,
    pastLifeEnd: last?.pastLifeCount ?? 0,
    presentValue: result.years.reduce((sum, y, k) => sum + y.funded / Math.pow(1 + discount, k), 0)
  };
}
