/**
 * The budget solver: the smallest flat annual budget that meets a target, found by bisection over
 * budget runs (`simulateBudget`), to a stated relative tolerance.
 *
 * Targets:
 * - `clear-backlog` by fiscal year N: nothing left waiting at the end of year N;
 * - `max-past-life` X %: in no year are more than X % of the assets past their service life;
 * - `hold-condition`: in every year the graded assets' average condition (grade points) is at
 *   least what it is at the start.
 *
 * Bisection assumes that more money never makes the target harder to meet. Greedy funding is not
 * provably monotone, so the answer is checked, not trusted: the budget returned meets the target
 * (its run is returned with it), and a budget less than one tolerance step below it did not.
 */
import type { EngineAsset } from './engine-asset';
import { projectRenewals } from './projection';
import { simulateBudget, type BudgetOptions, type BudgetResult } from './simulate-budget';
import type { Standard } from './standard';

export type SolveTarget =
  | { kind: 'clear-backlog'; year: number }
  | { kind: 'max-past-life'; percent: number }
  /** Average condition (grade points) in every year at or above the start year's. */
  | { kind: 'hold-condition' };

export interface SolveResult {
  /** The smallest flat annual budget found that meets the target (yen). */
  budget: number;
  run: BudgetResult;
  /** Relative tolerance of the search: a budget at most this fraction lower failed the target. */
  tolerance: number;
  iterations: number;
}

/** Whether a run meets the target. */
export function meetsTarget(run: BudgetResult, target: SolveTarget, assetCount: number): boolean {
  if (target.kind === 'clear-backlog') {
    const year = run.years.find((y) => y.fiscalYear === target.year);
    return year !== undefined && year.backlogCount === 0;
  }
  if (target.kind === 'hold-condition') {
    const start = run.initialConditionScore;
    return (
      start === null ||
      run.years.every((y) => y.conditionScore === null || y.conditionScore >= start - 1e-9)
    );
  }
  return run.years.every(
    (y) => assetCount === 0 || (y.pastLifeCount / assetCount) * 100 <= target.percent
  );
}

/**
 * Finds the smallest flat budget meeting `target` within `tolerance` (default 0.5 %).
 * @throws if the target year lies outside the horizon.
 */
export function solveBudget(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: Omit<BudgetOptions, 'budget'>,
  target: SolveTarget,
  tolerance = 0.005
): SolveResult {
  if (
    target.kind === 'clear-backlog' &&
    (target.year < options.startYear || target.year >= options.startYear + options.years)
  ) {
    throw new Error(
      `the target year ${target.year} is outside the horizon ${options.startYear}–${options.startYear + options.years - 1}`
    );
  }
  let iterations = 0;
  const count = assets.length;
  const withBase = (o: Omit<BudgetOptions, 'budget'>) => ({
    ...o,
    base: projectRenewals(assets, standard, { ...o, detail: false, collectWorks: true })
  });
  const full = withBase(options);
  // For a backlog target, years after the target year cannot change it, except through the
  // later slices a work started by then reserves: trial runs stop there (the answer is then
  // checked on the whole horizon).
  let trial = full;
  if (target.kind === 'clear-backlog') {
    let maxSpread = 1;
    const works = full.base.workColumns!;
    for (let k = 0; k < works.count; k++)
      if (!works.recurring[k]) maxSpread = Math.max(maxSpread, works.spreadYears[k]!);
    const years = Math.min(options.years, target.year - options.startYear + maxSpread);
    if (years < options.years) {
      trial = withBase({ ...options, years });
    }
  }
  const run = (amount: number, over = trial) => {
    iterations += 1;
    return simulateBudget(assets, standard, { ...over, budget: { kind: 'flat', amount } });
  };
  /** The answer with its run over the whole horizon (checked when the trials were shorter). */
  const answer = (amount: number, trialRun: BudgetResult): SolveResult => {
    if (trial === full) return { budget: amount, run: trialRun, tolerance, iterations };
    const whole = run(amount, full);
    if (!meetsTarget(whole, target, count))
      throw new Error('internal: the shortened trial horizon changed the answer');
    return { budget: amount, run: whole, tolerance, iterations };
  };
  const zero = run(0);
  if (meetsTarget(zero, target, count)) return answer(0, zero);

  // An upper bound: start from the unconstrained annual average and double until the target is met.
  const need = full.base.totalsByYear.reduce((a, b) => a + b, 0);
  let hi = Math.max(1, need / options.years);
  let hiRun = run(hi);
  let lo = 0;
  while (!meetsTarget(hiRun, target, count)) {
    if (hi > need * 4 + 1)
      throw new Error('no flat budget meets the target (even 4 × the whole need fails)');
    lo = hi;
    hi *= 2;
    hiRun = run(hi);
  }
  while (hi - lo > tolerance * hi) {
    const mid = (lo + hi) / 2;
    const midRun = run(mid);
    if (meetsTarget(midRun, target, count)) {
      hi = mid;
      hiRun = midRun;
    } else lo = mid;
  }
  return answer(hi, hiRun);
}
