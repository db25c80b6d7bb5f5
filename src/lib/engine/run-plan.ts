/**
 * Running a plan — the one place where a scenario's parameters become engine calls, for the
 * scenario pages (through the compute pool), the projection exports and `npm run project`:
 * `simulatePlan` runs the budget loop (Engine II; without a budget or committed works its money is
 * Engine I's projection, the national method); `runPlan` adds what the pages draw — the headline,
 * the splits by work type, class and use, the stock it leaves, where its works happen, what it
 * leaves at risk and, when asked, the uncertainty bands. No database: the caller reads the inputs.
 */
import type { Position } from 'geojson';
import {
  projectRenewals,
  projectionRows,
  type ProjectionResult,
  type ProjectionRow
} from './projection';
import { ASSET_CLASSES, BUILDING_CATEGORIES, type AssetClass } from './asset-classes';
import { fundPlan } from './funding';
import { summarizeProjection } from './projection-summary';
import {
  budgetAmount,
  simulateBudget,
  summarizeBudget,
  type BudgetResult
} from './simulate-budget';
import { solveBudget } from './solve-budget';
import { sampleSteps, type Band, type StochasticYear } from './stochastic';
import { ageProfile, floorAreaByYear } from './floor-area-by-year';
import { buildingsAfter, stockAreaByYear } from './stock-after';
import { worksGrid } from '../geo/works-grid';
import { WORK_TYPES, type WorkType } from './work-types';
import type { EngineAsset } from './engine-asset';
import { resolveOverrides, type Override } from './overrides';
import type { Standard } from './standard';
import type { MarkovModel } from './condition';
import type { PlanResult, RunProgress, ScenarioParams } from './plan-params';

export * from './plan-params';

/** What a plan's run needs (read from the database by `server/services/plan-inputs.ts`). */
export interface PlanInput {
  standard: Standard;
  startYear: number;
  years: number;
  params: ScenarioParams;
  assets: EngineAsset[];
  /** The facilities' plan (the cards' policies) when the params apply it; before the params' own. */
  policyOverrides: Override[];
  /** Where each asset is (by code), for the works map. */
  positions: Map<string, Position>;
  /** Codes of the buildings of shelters (指定避難所) in a hazard zone, watched to the end. */
  sheltersAtRisk: string[];
  /** The city's calibrated condition model (a Markov chain per class), or null: the age curves. */
  conditionModel?: MarkovModel | null;
}

/** The engines' options for a plan: horizon, inflation, and every override (the cards' first). */
export function planOptions(input: Omit<PlanInput, 'positions' | 'sheltersAtRisk' | 'assets'>) {
  return {
    startYear: input.startYear,
    years: input.years,
    inflation: input.params.inflation,
    overrides: [...input.policyOverrides, ...input.params.overrides]
  };
}

/** A plan's budget run, and the money it spends (the need itself when nothing limits it). */
export interface PlanRun {
  run: BudgetResult;
  money: ProjectionResult;
  /** No budget and no committed works: every work is done when due (the national method). */
  unconstrained: boolean;
}

/** No budget and no committed works: every work is done when due (the national method). */
export const isUnconstrained = (p: ScenarioParams): boolean =>
  p.budget.kind === 'none' && p.committed.length === 0;

/** The budget loop on a plan's inputs (see the module's comment). */
export function simulatePlan(input: Omit<PlanInput, 'positions' | 'sheltersAtRisk'>): PlanRun {
  const p = input.params;
  const run = simulateBudget(input.assets, input.standard, {
    ...planOptions(input),
    budget: p.budget,
    weights: p.weights,
    forced: p.committed,
    ...(input.conditionModel ? { conditionModel: input.conditionModel } : {})
  });
  const unconstrained = isUnconstrained(p);
  return { run, money: unconstrained ? run.unconstrained : run.funded, unconstrained };
}

const END_OF_LIFE: readonly WorkType[] = [
  'rebuild',
  'replacement',
  'backlog_rebuild',
  'backlog_replacement'
];

/**
 * What a plan leaves at risk at the end of its horizon: the backlog's peak; the assets whose
 * rebuild or replacement fell due and is still not done; the shelters in a hazard zone with a
 * work still waiting (counted by facility).
 */
function riskAtEnd(
  run: BudgetResult,
  assets: readonly EngineAsset[],
  sheltersAtRisk: readonly string[],
  end: number
): PlanResult['risk'] {
  const waiting = run.outcomes.filter((o) => o.status === 'unfunded' && o.dueYear <= end);
  const pastLife = new Set(
    waiting.filter((o) => END_OF_LIFE.includes(o.workType)).map((o) => o.assetCode)
  );
  const facilityOf = new Map(assets.map((a) => [a.code, a.facilityCode ?? a.code]));
  const watched = new Set(sheltersAtRisk);
  const sheltersWaiting = new Set(
    waiting.filter((o) => watched.has(o.assetCode)).map((o) => facilityOf.get(o.assetCode))
  );
  return {
    backlogPeak: run.years.length ? Math.max(...run.years.map((y) => y.backlogYen)) : 0,
    pastLifeAtEnd: pastLife.size,
    sheltersAtRisk: new Set(sheltersAtRisk.map((c) => facilityOf.get(c) ?? c)).size,
    sheltersWaiting: sheltersWaiting.size
  };
}

/** A projection's money per fiscal year, split by work type or by asset class (in their orders). */
function perYear<K extends string>(
  result: ProjectionResult,
  keyOf: (row: ProjectionRow) => K,
  order: readonly K[]
): Partial<Record<K, number[]>> {
  const out: Partial<Record<K, number[]>> = {};
  for (const row of projectionRows(result)) {
    const series = (out[keyOf(row)] ??= new Array<number>(result.years).fill(0));
    series[row.fiscalYear - result.startYear]! += row.cost;
  }
  return Object.fromEntries(order.filter((k) => out[k]).map((k) => [k, out[k]!])) as Partial<
    Record<K, number[]>
  >;
}

const USE_ORDER = [...BUILDING_CATEGORIES, ...ASSET_CLASSES.filter((c) => c !== 'building')];
const useOf = (r: ProjectionRow): string =>
  r.assetClass === 'building'
    ? (BUILDING_CATEGORIES as readonly string[]).includes(r.category)
      ? r.category
      : 'other'
    : r.assetClass;

const splits = (result: ProjectionResult) => ({
  byWorkType: perYear(result, (r) => r.workType, WORK_TYPES),
  byClass: perYear(result, (r) => r.assetClass, ASSET_CLASSES),
  byUse: perYear(result, useOf, USE_ORDER) as Record<string, number[]>
});

/** A projection's money over the whole horizon by work type. */
function totalsByWorkType(result: ProjectionResult): Partial<Record<WorkType, number>> {
  const out: Partial<Record<WorkType, number>> = {};
  for (const row of projectionRows(result)) out[row.workType] = (out[row.workType] ?? 0) + row.cost;
  return out;
}

/**
 * The need of the scenario with only its life extension (no closures, consolidations, new
 * buildings or floor reduction), for the comparison's decomposition; null when it has none of
 * those (its need is then the same). Each asset is projected on its own, so only the assets the
 * stock changes touch are projected again: the full need, less theirs under every override, plus
 * theirs under the life extension alone (the new buildings are in the first, not the second).
 */
function needWithoutStockChanges(
  assets: EngineAsset[],
  standard: Standard,
  options: ReturnType<typeof planOptions>,
  need: Partial<Record<WorkType, number>>
): Partial<Record<WorkType, number>> | null {
  if (options.overrides.every((o) => o.kind === 'life_extension')) return null;
  const lifeExtension = options.overrides.filter((o) => o.kind === 'life_extension');
  const touched = assets.filter((a) => {
    const o = resolveOverrides(a, options.overrides);
    return o.closeYear !== Infinity || o.keepAtRebuild !== 1;
  });
  const all = totalsByWorkType(projectRenewals(touched, standard, options));
  const alone = totalsByWorkType(
    projectRenewals(touched, standard, { ...options, overrides: lifeExtension })
  );
  const out: Partial<Record<WorkType, number>> = {};
  for (const wt of WORK_TYPES) {
    const v = (need[wt] ?? 0) - (all[wt] ?? 0) + (alone[wt] ?? 0);
    if (need[wt] !== undefined || alone[wt] !== undefined) out[wt] = v;
  }
  return out;
}

/** P10–P50–P90 per year of one measure of the samples. */
const bandSeries = (years: StochasticYear[], pick: (y: StochasticYear) => Band) => ({
  p10: years.map((y) => pick(y).p10),
  p50: years.map((y) => pick(y).p50),
  p90: years.map((y) => pick(y).p90)
});

/** The headline figures of a plan's run: spending, its average, present value, gap, backlog. */
function headlineOf(
  { run, money }: PlanRun,
  p: ScenarioParams,
  years: number
): PlanResult['headline'] {
  const reference = p.referenceInvestment;
  if (p.budget.kind === 'none') {
    const summary = summarizeProjection(money, {
      discount: p.discount,
      referenceInvestment: reference
    });
    return {
      total: summary.total,
      annualAverage: summary.annualAverage,
      referenceInvestment: reference,
      ratioToReference: summary.ratioToReference,
      presentValue: summary.presentValue,
      fundingGap: null,
      backlogEnd: null,
      assetSustainabilityRatio: null
    };
  }
  const summary = summarizeBudget(run, p.discount);
  const annualAverage = summary.funded / years;
  return {
    total: summary.funded,
    annualAverage,
    referenceInvestment: reference,
    ratioToReference: reference ? annualAverage / reference : null,
    presentValue: summary.presentValue,
    fundingGap: summary.fundingGap,
    backlogEnd: summary.backlogEnd,
    assetSustainabilityRatio: summary.assetSustainabilityRatio
  };
}

/** The uncertainty bands of a plan that draws samples of the lives; `onSample` hears each. */
function samplesBands(
  input: PlanInput,
  onSample: (done: number) => void
): NonNullable<PlanResult['bands']> {
  const p = input.params;
  const steps = sampleSteps(input.assets, input.standard, {
    ...planOptions(input),
    budget: p.budget,
    samples: p.samples,
    seed: p.seed
  });
  let step = steps.next();
  for (; !step.done; step = steps.next()) onSample(step.value);
  const years = step.value.years;
  return {
    samples: p.samples,
    seed: p.seed,
    cost: bandSeries(years, (y) => y.cost),
    backlog: p.budget.kind === 'none' ? null : bandSeries(years, (y) => y.backlog)
  };
}

/** A plan's result: its run and what the pages draw of it (see the module's comment). */
export function runPlan(
  input: PlanInput,
  onProgress: (p: RunProgress) => void = () => {}
): PlanResult {
  const { standard, params: p, assets, positions } = input;
  const total = p.samples;
  onProgress({ stage: 'projection', done: 0, total });
  const options = planOptions(input);
  const budget = p.budget;
  const planned = simulatePlan(input);
  const { run, money } = planned;
  const need = totalsByWorkType(run.unconstrained);
  const end = input.startYear + input.years - 1;
  // The stock planned on: the city's buildings (a scenario's planned new buildings are not built yet).
  const stock = assets
    .filter((a) => a.assetClass === 'building')
    .map((a) => ({ yearBuilt: a.yearBuilt, category: a.category, area: a.quantity }));
  const placed = run.outcomes.flatMap((o) => {
    const at = positions.get(o.assetCode);
    if (!at || o.status === 'dropped' || o.status === 'excluded') return [];
    return [{ lon: at[0]!, lat: at[1]!, year: o.fundedYear, cost: o.cost }];
  });
  const headline = headlineOf(planned, p, input.years);
  const bands =
    total > 0 ? samplesBands(input, (done) => onProgress({ stage: 'samples', done, total })) : null;
  return {
    startYear: input.startYear,
    years: input.years,
    ...splits(money),
    need: run.unconstrained.totalsByYear,
    needByWorkType: need,
    needWithoutStockChanges: needWithoutStockChanges(assets, standard, options, need),
    risk: riskAtEnd(run, assets, input.sheltersAtRisk, end),
    budget:
      budget.kind === 'none'
        ? null
        : Array.from({ length: input.years }, (_, t) => budgetAmount(budget, t, 'building')),
    backlog: budget.kind === 'none' ? null : run.years.map((y) => y.backlogYen),
    headline,
    condition: run.years.map((y) => y.condition),
    floorArea: floorAreaByYear(stock, input.startYear),
    ageStart: ageProfile(stock, input.startYear),
    ageEnd: ageProfile(buildingsAfter(run, options.overrides, end), end),
    stockArea: stockAreaByYear(run, options.overrides, input.startYear, input.years),
    works: worksGrid(
      [...positions.values()].map(([lon, lat]) => ({ lon: lon!, lat: lat! })),
      placed,
      input.startYear,
      input.years
    ),
    bands,
    funding: p.funding
      ? fundPlan(costsByClassAndWork(money), input.startYear, input.years, p.funding)
      : null
  };
}

/**
 * A projection's money per year for each asset class (and building use) and work type: the
 * finance model's input.
 */
function costsByClassAndWork(result: ProjectionResult) {
  const out = new Map<
    string,
    { assetClass: AssetClass; category?: string; workType: WorkType; perYear: number[] }
  >();
  for (const row of projectionRows(result)) {
    const category = row.assetClass === 'building' ? row.category : undefined;
    const key = `${row.assetClass}:${category ?? ''}:${row.workType}`;
    let entry = out.get(key);
    if (!entry) {
      entry = {
        assetClass: row.assetClass,
        ...(category !== undefined && { category }),
        workType: row.workType,
        perYear: new Array<number>(result.years).fill(0)
      };
      out.set(key, entry);
    }
    entry.perYear[row.fiscalYear - result.startYear]! += row.cost;
  }
  return [...out.values()];
}

/**
 * The budget solver on a plan's inputs: the smallest flat annual budget (yen) that clears the
 * backlog by the end of `year`.
 */
export function solvePlanBudget(
  input: Omit<PlanInput, 'positions' | 'sheltersAtRisk'>,
  year: number
): { year: number; budget: number; iterations: number } {
  const solved = solveBudget(
    input.assets,
    input.standard,
    { ...planOptions(input), weights: input.params.weights },
    { kind: 'clear-backlog', year }
  );
  return { year, budget: solved.budget, iterations: solved.iterations };
}
