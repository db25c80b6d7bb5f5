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
import { BudgetLedger, fundYear, rankOrder, type DeferReason } from './allocate-budget';
import { MinTree } from './min-tree';
import { ASSET_CLASSES, type AssetClass } from './asset-classes';
import {
  averageCondition,
  checkMarkovModel,
  conditionOrigin,
  DEFAULT_CURVES,
  gradeAtAge,
  stepMarkov,
  type ConditionCurve,
  type MarkovModel
} from './condition';
import type { EngineAsset } from './engine-asset';
import { resolveOverrides } from './overrides';
import {
  inflationFactors,
  projectRenewals,
  type ProjectionOptions,
  type ProjectionResult
} from './projection';
import type { Standard } from './standard';
import { WORK_TYPES, type WorkType } from './work-types';

export type Budget =
  | { kind: 'none' }
  | { kind: 'flat'; amount: number }
  /** A flat yearly amount per asset class; each class is funded only from its own money. */
  | { kind: 'per_class'; amounts: Partial<Record<AssetClass, number>> }
  /** Yen per fiscal year from the start year; years past the list get nothing. */
  | { kind: 'schedule'; amounts: readonly number[] };

/** Weights of the priority score; each term is scaled to 0–1 before weighting. */
export interface PriorityWeights {
  /** importance 1–5 → 0–1 (consequence of failure). */
  importance: number;
  /** worse condition scores higher: 1 − soundness/100 (unknown: 0.5). */
  condition: number;
  /** years waited ÷ 20 (1 after 20 years, 2 after 40: no ceiling). */
  overdue: number;
  /** 1 for an asset in a hazard zone or used as a shelter (BCP). */
  hazard: number;
}

export const DEFAULT_WEIGHTS: PriorityWeights = {
  importance: 1,
  condition: 1,
  overdue: 1,
  hazard: 0.5
};

/**
 * The money of year index t under a budget (Infinity: unconstrained); a per-class budget gives
 * `cls`'s own amount.
 */
export function budgetAmount(b: Budget, t: number, cls: AssetClass): number {
  return b.kind === 'none'
    ? Infinity
    : b.kind === 'flat'
      ? b.amount
      : b.kind === 'schedule'
        ? (b.amounts[t] ?? 0)
        : (b.amounts[cls] ?? 0);
}

export interface BudgetOptions extends ProjectionOptions {
  budget: Budget;
  /** Unspent money moves to the next year (default off). */
  carryOver?: boolean;
  /** Yearly growth of a waiting work's cost, e.g. 0.03 (default 0). */
  escalation?: number;
  weights?: Partial<PriorityWeights>;
  /** Assets with at least this importance are tier 0 (funded before every other). Default: none. */
  safetyTierImportance?: number | null;
  /**
   * Works forced into a year (committed projects): in `year`, the asset's next pending work is
   * started whatever the budget — earlier than due if need be (a rebuild then moves the next life).
   */
  forced?: readonly { assetCode: string; year: number }[];
  /**
   * Condition model: age curves (default), or a Markov chain per class that moves each waiting
   * asset's grade probabilities one year at a time (funded works reset it to the best grade).
   */
  conditionModel?: { kind: 'age_curve' } | MarkovModel;
  /** Condition curves by asset class (default: DEFAULT_CURVES for buildings and bridges). */
  conditionCurves?: Partial<Record<AssetClass, ConditionCurve>>;
  /**
   * Engine I's projection of the same assets, standard and options with `collectWorks` (the
   * solver computes it once for all its trial runs). Computed here when absent.
   */
  base?: ProjectionResult;
}

export interface YearSnapshot {
  fiscalYear: number;
  budget: number;
  /** Money the year's committed slices and candidates' first-year slices would need (yen). */
  needed: number;
  funded: number;
  /** Cost of the works left waiting at the end of the year (yen, with escalation) and their count. */
  backlogYen: number;
  backlogCount: number;
  /** Assets whose rebuild or replacement is overdue and unfunded at the end of the year. */
  pastLifeCount: number;
  /** Committed money beyond the year's budget. */
  overCommitted: number;
  /** Buildings (A–D) and bridges (I–IV) by condition grade at the end of the year. */
  condition: Record<string, number>;
  /** Their mean grade points (A/Ⅰ 100, B/Ⅱ 75, C/Ⅲ 40, D/Ⅳ 10), or null without graded assets. */
  conditionScore: number | null;
}

export type OutcomeStatus = 'funded' | 'unfunded' | 'dropped' | 'excluded';

/** What happened to one work (yearly flows are not listed: they are funded or not each year). */
export interface WorkOutcome {
  assetCode: string;
  workType: WorkType;
  dueYear: number;
  fundedYear: number | null;
  /** Its cost (yen, before inflation and escalation). */
  cost: number;
  status: OutcomeStatus;
  /** Why it waited (last reason), was dropped or excluded. */
  reason: DeferReason | 'superseded by rebuild' | 'asset closed' | null;
  yearsDeferred: number;
}

export interface BudgetResult {
  /** Mean grade points of the graded assets at the start year, before any work. */
  initialConditionScore: number | null;
  /** Funded money in Engine I's cell layout (per year × class × category × work type). */
  funded: ProjectionResult;
  /** The unconstrained projection the loop started from. */
  unconstrained: ProjectionResult;
  years: YearSnapshot[];
  outcomes: WorkOutcome[];
}

const RESTARTS = new Set<WorkType>([
  'rebuild',
  'backlog_rebuild',
  'replacement',
  'backlog_replacement',
  'new_construction'
]);
const N_WORK = WORK_TYPES.length;
const WORK_INDEX = Object.fromEntries(WORK_TYPES.map((w, i) => [w, i])) as Record<WorkType, number>;
const DEMOLITION = WORK_INDEX.demolition;
/** Tier 0 ranks before tier 1 whatever the score and the years waited. */
const TIER_SPAN = 1 << 18;
const RESTART_INDEX = new Set([...RESTARTS].map((w) => WORK_INDEX[w]));

// Work state, kept in typed arrays (one slot per work) so that a year's pass over a large backlog
// reads contiguous memory instead of chasing objects.
const PENDING = 0;
const FUNDED = 1;
const DROPPED = 2;
const EXCLUDED = 3;
const REASON_BUDGET = 1;
const REASON_LATER = 2;
const REASON_SUPERSEDED = 3;
const REASON_CLOSED = 4;
const REASONS: WorkOutcome['reason'][] = [
  null,
  'budget_exhausted',
  'later_years_full',
  'superseded by rebuild',
  'asset closed'
];
const STATUSES: OutcomeStatus[] = ['unfunded', 'funded', 'dropped', 'excluded'];

/**
 * Runs the yearly budget loop over `assets` under `standard`.
 */
export function simulateBudget(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: BudgetOptions
): BudgetResult {
  const S = options.startYear;
  const H = options.years;
  const end = S + H - 1;
  if (H > 255) throw new Error('the budget loop handles horizons up to 255 years');
  const base =
    options.base ??
    projectRenewals(assets, standard, { ...options, detail: false, collectWorks: true });
  if (!base.workColumns || base.startYear !== S || base.years !== H)
    throw new Error('the base projection must collect works over the same horizon');
  const all = base.assets;
  const works = base.workColumns;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const escalation = options.escalation ?? 0;
  const inflation = inflationFactors(H, options.inflation ?? 0);
  const overrides = options.overrides ?? [];
  const closeYear = new Float64Array(all.length).fill(Infinity);
  if (overrides.length)
    all.forEach((a, i) => (closeYear[i] = resolveOverrides(a, overrides).closeYear));

  // Slots: discrete works first (per asset in emission order: a life's works, then the rebuild
  // that starts the next), then yearly flows (one reusable slot each: `total` holds what is owed,
  // this year's share plus unfunded earlier shares, escalated).
  const n = works.count;
  const asset = new Int32Array(n);
  const combo = new Int32Array(n);
  const work = new Uint8Array(n);
  const total = new Float64Array(n);
  const spread = new Int32Array(n);
  const originalDue = new Int32Array(n);
  const due = new Int32Array(n);
  const life = new Int32Array(n);
  const restarts = new Uint8Array(n);
  const recurring = new Uint8Array(n);
  const perYear = new Float64Array(n);
  const status = new Uint8Array(n);
  const reason = new Uint8Array(n);
  const fundedYear = new Int32Array(n).fill(-1);
  /** 1 for works funded whatever the budget: demolitions of closed assets and forced works. */
  const committedFlag = new Uint8Array(n);
  const lifeOf = new Int32Array(all.length);
  /** An asset's works are the slots slotsFrom[a] … slotsFrom[a + 1] − 1 (the projection emits
   * them asset by asset); its flows among them are skipped where it matters. */
  const slotsFrom = new Int32Array(all.length + 1);
  const flows: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = works.assetIndex[i]!;
    asset[i] = a;
    combo[i] = works.combo[i]!;
    work[i] = works.work[i]!;
    originalDue[i] = due[i] = works.dueYear[i]!;
    if (works.recurring[i]) {
      recurring[i] = 1;
      spread[i] = 1;
      perYear[i] = works.cost[i]! / works.spreadYears[i]!;
      life[i] = -1;
      flows.push(i);
      continue;
    }
    total[i] = works.cost[i]!;
    spread[i] = works.spreadYears[i]!;
    if (work[i] === DEMOLITION) committedFlag[i] = 1;
    restarts[i] = RESTART_INDEX.has(work[i]!) ? 1 : 0;
    life[i] = work[i] === DEMOLITION ? -1 : lifeOf[a]!;
    if (restarts[i]) lifeOf[a]! += 1;
  }

  for (let i = 0; i < n; i++) {
    if (i > 0 && asset[i]! < asset[i - 1]!) throw new Error('works must come asset by asset');
    slotsFrom[asset[i]! + 1] = i + 1;
  }
  for (let a = 0; a < all.length; a++)
    slotsFrom[a + 1] = Math.max(slotsFrom[a + 1]!, slotsFrom[a]!);
  /** The last year a slot's slices may fall in: the horizon's end, or the year before closing. */
  const lastOf = new Int32Array(n);
  for (let i = 0; i < n; i++)
    lastOf[i] = work[i] === DEMOLITION ? end : Math.min(end, closeYear[asset[i]!]! - 1);
  const assetByCode = options.forced?.length ? new Map(all.map((a, i) => [a.code, i])) : null;
  const forcedByYear = new Map<number, number[]>();
  for (const f of options.forced ?? []) {
    const a = assetByCode!.get(f.assetCode);
    if (a === undefined) throw new Error(`forced work: no asset with the code "${f.assetCode}"`);
    if (f.year < S || f.year > S + H - 1)
      throw new Error(`forced work for ${f.assetCode}: ${f.year} is outside the horizon`);
    forcedByYear.set(f.year, [...(forcedByYear.get(f.year) ?? []), a]);
  }
  const buckets: number[][] = Array.from({ length: H }, () => []);
  for (let i = 0; i < n; i++) if (!recurring[i]) buckets[due[i]! - S]?.push(i);
  const unlockedLife = new Int32Array(all.length);
  /** The asset's pending rebuild or replacement that starts its next life, or -1. */
  // Each asset's restarts (rebuilds, replacements) in life order: restart k starts life k + 1.
  const restartStart = new Int32Array(all.length + 1);
  for (let i = 0; i < n; i++) if (restarts[i]) restartStart[asset[i]! + 1]! += 1;
  for (let a = 0; a < all.length; a++) restartStart[a + 1]! += restartStart[a]!;
  const restartSlots = new Int32Array(restartStart[all.length]!);
  for (let i = 0, next = Int32Array.from(restartStart); i < n; i++)
    if (restarts[i]) restartSlots[next[asset[i]!]!++] = i;
  /** The asset's pending rebuild or replacement that starts its next life, or -1. */
  const nextRestart = (a: number): number => {
    const k = restartStart[a]! + unlockedLife[a]!;
    if (k >= restartStart[a + 1]!) return -1;
    const i = restartSlots[k]!;
    return status[i] === PENDING ? i : -1;
  };

  // One ledger, or one per asset class with a per-class budget; `ledgerOf` picks a work's.
  const b = options.budget;
  const perClass = b.kind === 'per_class';
  const classBudgets = ASSET_CLASSES.map((cls) =>
    Array.from({ length: H }, (_, t) => budgetAmount(b, t, cls))
  );
  const ledgers = (perClass ? classBudgets : [classBudgets[0]!]).map(
    (amounts) => new BudgetLedger(amounts, options.carryOver ?? false)
  );
  const budgets = Array.from({ length: H }, (_, t) =>
    perClass ? classBudgets.reduce((sum, list) => sum + list[t]!, 0) : classBudgets[0]![t]!
  );
  const classOf = new Uint8Array(all.length);
  all.forEach((a, i) => (classOf[i] = ASSET_CLASSES.indexOf(a.assetClass)));
  // Condition: each graded asset ages along its class's curve from an origin year (last renewal,
  // or its latest inspection); funded renewals and renovations reset the origin to their year,
  // a mid-life repair takes 10 years off.
  const curves = {
    building: DEFAULT_CURVES.building,
    bridge: DEFAULT_CURVES.bridge,
    ...options.conditionCurves
  };
  const curveOf = all.map((a) =>
    a.assetClass === 'building' || a.assetClass === 'bridge' ? (curves[a.assetClass] ?? null) : null
  );
  const origin = new Float64Array(all.length).fill(NaN);
  all.forEach((a, i) => {
    const curve = curveOf[i];
    if (!curve) return;
    const inspection =
      a.conditionGrade && a.inspectedYear != null
        ? { grade: a.conditionGrade, year: a.inspectedYear }
        : null;
    origin[i] = conditionOrigin(curve, a.yearBuilt, inspection) ?? NaN;
  });
  /** Graded assets in service by grade in `year`, from the current origins. */
  const graded: number[] = [];
  for (let a = 0; a < all.length; a++) if (curveOf[a] && !Number.isNaN(origin[a]!)) graded.push(a);
  const gradeCounts = (year: number): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const a of graded) {
      if (year >= closeYear[a]!) continue;
      const grade = gradeAtAge(curveOf[a]!, year - origin[a]!);
      counts[grade] = (counts[grade] ?? 0) + 1;
    }
    return counts;
  };
  // Markov: each graded asset's grade probabilities, starting at its grade in the start year.
  const markov = options.conditionModel?.kind === 'markov' ? options.conditionModel : null;
  if (markov) {
    const problems = checkMarkovModel(markov, curves);
    if (problems.length) throw new Error(`condition model: ${problems.join('; ')}`);
  }
  const chain: (Float64Array | null)[] = all.map(() => null);
  const renewedIn = new Int32Array(all.length).fill(-1);
  if (markov) {
    for (const a of graded) {
      const curve = curveOf[a]!;
      if (!markov.matrices[all[a]!.assetClass as 'building' | 'bridge']) continue;
      const state = new Float64Array(curve.grades.length);
      state[curve.grades.indexOf(gradeAtAge(curve, S - origin[a]!))] = 1;
      chain[a] = state;
    }
  }
  /** Expected counts per grade under the Markov model (assets without a matrix: age curve). */
  const markovCounts = (year: number): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const a of graded) {
      if (year >= closeYear[a]!) continue;
      const curve = curveOf[a]!;
      const state = chain[a];
      if (!state) {
        const grade = gradeAtAge(curve, year - origin[a]!);
        counts[grade] = (counts[grade] ?? 0) + 1;
        continue;
      }
      if (year > S && renewedIn[a] !== year)
        stepMarkov(state, markov!.matrices[all[a]!.assetClass as 'building' | 'bridge']!);
      state.forEach((p, g) => {
        if (p > 0) counts[curve.grades[g]!] = (counts[curve.grades[g]!] ?? 0) + p;
      });
    }
    return counts;
  };
  const initialConditionScore = averageCondition(gradeCounts(S));
  const committed = (t: number) => ledgers.reduce((sum, l) => sum + l.committed(t), 0);
  const cells = new Float64Array(base.cells.length);
  const nCombos = base.combos.length;
  const safetyTier = options.safetyTierImportance ?? null;
  // Ranking. A candidate's priority score is its asset's part (importance, condition, hazard) plus
  // `overdue` × (years waited ÷ 20); it is counted in integer steps (8,191 over the asset parts'
  // range), so that every key is exact integer arithmetic:
  //   rank(year) = assetRank[a] − step × (year − due₀)        (lower ranks first)
  // where due₀ is the year the work first fell due. All keys move by the same −step a year, so
  // the ORDER of waiting works never changes: it is fixed once, at the start (`packed`, below:
  // tier, then assetRank + step × due₀, then due₀), and each ledger keeps its discrete works in
  // that order in a min-tree of first-slice costs. A year's funding then jumps from one work
  // that fits the money left to the next, instead of visiting the whole backlog. Yearly flows
  // (one share each year) are merged into that order year by year.
  const SCORE_STEPS = 8191;
  const assetScore = all.map((a) => {
    const importance = a.importance ?? 3;
    return (
      weights.importance * ((importance - 1) / 4) +
      weights.condition * (a.soundness == null ? 0.5 : 1 - a.soundness / 100) +
      weights.hazard * (a.hazard ? 1 : 0)
    );
  });
  const maxScore = assetScore.reduce((m, x) => Math.max(m, x), 0);
  const DUE_OFFSET = 64; // works may fall due a few years before S (their later slices count)
  // Score steps per unit of score: 8,191 over the asset parts' range, fewer if the years waited
  // over the horizon would otherwise reach into the next tier's keys.
  const overduePerYear = weights.overdue / 20;
  const scoreScale = Math.min(
    maxScore > 0 ? SCORE_STEPS / maxScore : Infinity,
    overduePerYear > 0
      ? (TIER_SPAN - SCORE_STEPS - 1) / (overduePerYear * (H + DUE_OFFSET + 1))
      : Infinity
  );
  const scale = Number.isFinite(scoreScale) ? scoreScale : 0;
  /** One year of waiting, in score steps. */
  const step = overduePerYear > 0 ? Math.max(1, Math.round(overduePerYear * scale)) : 0;
  const assetRank = Int32Array.from(all, (a, i) => {
    const tier = safetyTier !== null && (a.importance ?? 3) >= safetyTier ? 0 : 1;
    return (
      tier * TIER_SPAN + SCORE_STEPS - Math.min(SCORE_STEPS, Math.round(assetScore[i]! * scale))
    );
  });
  /** The fixed ranking key of a work first due in `due0` on asset a: tier, score, due year. */
  const packed = (a: number, due0: number) => {
    const d = Math.min(511, Math.max(0, due0 - S + DUE_OFFSET));
    return (assetRank[a]! + step * d) * 512 + d;
  };

  // Each ledger's discrete works in ranking order (equal keys: slot order), and their positions.
  const ledgerOfSlot = new Uint8Array(n);
  for (let i = 0; i < n; i++) ledgerOfSlot[i] = perClass ? classOf[asset[i]!]! : 0;
  const rankKey = new Uint32Array(n);
  const position = new Int32Array(n).fill(-1);
  const orderOf: Int32Array[] = [];
  const trees: MinTree[] = [];
  for (let L = 0; L < ledgers.length; L++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) {
      if (recurring[i] || committedFlag[i] || ledgerOfSlot[i] !== L) continue;
      rankKey[i] = packed(asset[i]!, originalDue[i]!);
      members.push(i);
    }
    const order = rankOrder(rankKey, Int32Array.from(members), members.length);
    order.forEach((i, p) => (position[i] = p));
    orderOf.push(order);
    trees.push(new MinTree(order.length));
  }
  // Flows in their fixed order when they start owing afresh (tier, score, slot).
  const flowsFresh = rankOrder(
    Uint32Array.from(flows, (i) => packed(asset[i]!, S)),
    Int32Array.from(flows.keys()),
    flows.length
  ).map((k) => flows[k]!);
  let flowOrder = new Int32Array(0);
  const carriedFlows = new Int32Array(flows.length);
  const owing = new Int32Array(flows.length); // this year's flows (read into carriedFlows first)

  const G = Float64Array.from({ length: H }, (_, t) => Math.pow(1 + escalation, t) * inflation[t]!);
  /** First-slice cost before the year's factor G[t]: total × (1 + e)^(S − due₀) ÷ spread. */
  const firstStatic = new Float64Array(n);
  for (let i = 0; i < n; i++)
    if (!recurring[i])
      firstStatic[i] =
        (escalation === 0 ? total[i]! : total[i]! * Math.pow(1 + escalation, S - originalDue[i]!)) /
        spread[i]!;
  const active = new Uint8Array(n);
  const laterFull = new Int32Array(n).fill(-1);
  const years: YearSnapshot[] = [];
  const grownOf = (i: number, year: number) =>
    recurring[i]
      ? total[i]!
      : escalation === 0
        ? total[i]!
        : total[i]! * Math.pow(1 + escalation, Math.max(0, year - originalDue[i]!));
  // Running sums over the waiting works, so that a year's figures need no pass over them:
  // Σ first slice and Σ cost, both before the year's factor (see firstStatic), their count, and
  // the rebuilds and replacements among them (assets past their service life).
  let waitingFirst = 0;
  let waitingCost = 0;
  let waitingCount = 0;
  let waitingRestarts = 0;
  const costStatic = new Float64Array(n);
  for (let i = 0; i < n; i++) costStatic[i] = firstStatic[i]! * spread[i]!;
  const activate = (i: number) => {
    active[i] = 1;
    trees[ledgerOfSlot[i]!]!.set(position[i]!, firstStatic[i]!);
    waitingFirst += firstStatic[i]!;
    waitingCost += costStatic[i]!;
    waitingCount += 1;
    waitingRestarts += restarts[i]!;
  };
  const deactivate = (i: number) => {
    if (!active[i]) return;
    active[i] = 0;
    trees[ledgerOfSlot[i]!]!.set(position[i]!, Infinity);
    waitingCount -= 1;
    waitingRestarts -= restarts[i]!;
    // Exact zero when nothing waits (no drift from adding and taking away).
    waitingFirst = waitingCount === 0 ? 0 : waitingFirst - firstStatic[i]!;
    waitingCost = waitingCount === 0 ? 0 : waitingCost - costStatic[i]!;
  };
  // Assets closing inside the horizon: their waiting works leave the backlog in the closing year.
  const closingIn: number[][] = Array.from({ length: H }, () => []);
  for (let a = 0; a < all.length; a++)
    if (closeYear[a]! > S && closeYear[a]! <= end) closingIn[closeYear[a]! - S]!.push(a);

  for (let t = 0; t < H; t++) {
    const year = S + t;
    const committedNow: number[] = [];
    for (const a of closingIn[t]!) {
      for (let i = slotsFrom[a]!; i < slotsFrom[a + 1]!; i++) {
        if (!active[i]) continue;
        deactivate(i);
        status[i] = EXCLUDED;
        reason[i] = REASON_CLOSED;
      }
    }

    // 1. Works falling due now (a bucket may hold stale entries of works moved by a late rebuild).
    const fresh = Int32Array.from(
      buckets[t]!.filter(
        (i) =>
          status[i] === PENDING &&
          !active[i] &&
          due[i]! <= year &&
          life[i]! <= unlockedLife[asset[i]!]!
      )
    ).sort();
    for (let k = 0; k < fresh.length; k++) {
      const i = fresh[k]!;
      if (k > 0 && fresh[k - 1] === i) continue;
      const a = asset[i]!;
      if (committedFlag[i]) {
        committedNow.push(i); // a demolition in its closing year
        continue;
      }
      if (year > lastOf[i]!) {
        status[i] = EXCLUDED;
        reason[i] = REASON_CLOSED;
        continue;
      }
      if (restarts[i]) {
        // The rebuild falls due: renovations and repairs still waiting are dropped.
        for (let j = slotsFrom[a]!; j < slotsFrom[a + 1]!; j++) {
          if (active[j] && !restarts[j]) {
            deactivate(j);
            status[j] = DROPPED;
            reason[j] = REASON_SUPERSEDED;
          }
        }
      } else {
        const restart = nextRestart(a);
        if (restart >= 0 && due[restart]! <= year) {
          status[i] = DROPPED;
          reason[i] = REASON_SUPERSEDED;
          continue;
        }
      }
      activate(i);
    }

    // 2. Forced works: the asset's next pending work (of its current life) starts this year.
    for (const a of forcedByYear.get(year) ?? []) {
      let next = -1;
      for (let i = slotsFrom[a]!; i < slotsFrom[a + 1]!; i++) {
        if (
          recurring[i] ||
          status[i] !== PENDING ||
          life[i]! > unlockedLife[a]! ||
          work[i] === DEMOLITION
        )
          continue;
        if (next < 0 || due[i]! < due[next]!) next = i;
      }
      if (next < 0 || committedFlag[next]) continue;
      committedFlag[next] = 1;
      // Pulled forward (due later), its `due` stays, so that a rebuild moves the asset's next
      // life by the years it was brought forward.
      deactivate(next);
      committedNow.push(next);
    }

    // 3. What the year needs: committed slices, then this year's slice of every candidate.
    let needed = committed(t) + waitingFirst * G[t]!;
    for (const i of committedNow) {
      const slices = Math.max(0, Math.min(spread[i]!, lastOf[i]! - year + 1));
      const grown = grownOf(i, year);
      if (slices > 0) needed += (grown / spread[i]!) * inflation[t]!;
      for (let k = 0; k < slices; k++)
        ledgers[ledgerOfSlot[i]!]!.reserve(t + k, (grown / spread[i]!) * inflation[t + k]!);
    }
    // Flows: unfunded shares carried (their order kept) merged with those owing afresh.
    let owingSize = 0;
    {
      // Carried: last year's order, still owing; a closed asset's flow is excluded.
      let carried = 0;
      for (let k = 0; k < flowOrder.length; k++) {
        const i = flowOrder[k]!;
        if (year > lastOf[i]!) total[i] = 0;
        else if (total[i]! > 0) carriedFlows[carried++] = i;
      }
      // Flows owing afresh all have due₀ = this year: their keys in their fixed order.
      const d = Math.min(511, t + DUE_OFFSET);
      let c = 0;
      for (let k = 0; k < flowsFresh.length; k++) {
        const i = flowsFresh[k]!;
        if (total[i] !== 0 || year > lastOf[i]!) continue;
        originalDue[i] = year;
        const key = (assetRank[asset[i]!]! + step * d) * 512 + d;
        rankKey[i] = key;
        while (c < carried && rankKey[carriedFlows[c]!]! <= key)
          owing[owingSize++] = carriedFlows[c++]!;
        owing[owingSize++] = i;
      }
      while (c < carried) owing[owingSize++] = carriedFlows[c++]!;
    }
    flowOrder = owing.subarray(0, owingSize);
    for (let k = 0; k < owingSize; k++) {
      const i = owing[k]!;
      total[i] = total[i]! * (1 + escalation) + perYear[i]!;
      needed += total[i]! * inflation[t]!;
    }
    const overCommitted = ledgers.reduce(
      (sum, l) => sum + Math.max(0, l.committed(t) - l.budget(t)),
      0
    );

    // 4. Funding, ledger by ledger: down the ranking, flows merged with the min-tree's works.
    const record = (i: number) => {
      const grown = grownOf(i, year);
      const slices = Math.max(0, Math.min(spread[i]!, lastOf[i]! - year + 1));
      for (let k = 0; k < slices; k++)
        cells[((t + k) * nCombos + combo[i]!) * N_WORK + work[i]!]! +=
          (grown / spread[i]!) * inflation[t + k]!;
      if (recurring[i]) {
        total[i] = 0;
        return;
      }
      deactivate(i);
      status[i] = FUNDED;
      fundedYear[i] = year;
      const a = asset[i]!;
      if (curveOf[a]) {
        const type = WORK_TYPES[work[i]!]!;
        if (type === 'midlife_repair') origin[a] = Math.min(year, origin[a]! + 10);
        else if (type !== 'demolition') origin[a] = year;
        const state = chain[a];
        if (state && type !== 'demolition') {
          state.fill(0);
          state[0] = 1; // renewed: the best grade (a mid-life repair too, under this model)
          renewedIn[a] = year;
        }
      }
      if (restarts[i]) {
        unlockedLife[a]! += 1;
        const shift = year - due[i]!;
        for (let j = slotsFrom[a]!; j < slotsFrom[a + 1]!; j++) {
          if (recurring[j] || status[j] !== PENDING || life[j]! < unlockedLife[a]!) continue;
          due[j]! += shift;
          // Due now or earlier, the moved work waits from next year; later, from its year.
          if (shift !== 0 && due[j]! <= end) buckets[Math.max(t + 1, due[j]! - S)]?.push(j);
        }
      }
    };
    for (const i of committedNow) record(i);
    const flowsOf = (L: number) =>
      ledgers.length === 1 ? flowOrder : flowOrder.filter((i) => ledgerOfSlot[i] === L);
    for (let L = 0; L < ledgers.length; L++) {
      const order = orderOf[L]!;
      const flowList = flowsOf(L);
      fundYear(
        ledgers[L]!,
        t,
        {
          tree: trees[L]!,
          at: (position) => order[position]!,
          factor: G[t]!,
          first: (i) => (grownOf(i, year) / spread[i]!) * inflation[t]!,
          sliceCount: (i) => Math.max(0, Math.min(spread[i]!, lastOf[i]! - year + 1)),
          slice: (i, k) => (grownOf(i, year) / spread[i]!) * inflation[t + k]!,
          flows: flowList,
          flowCount: flowList.length,
          flowCost: (i) => total[i]! * inflation[t]!,
          key: (i) => rankKey[i]!
        },
        (i, isFlow) => {
          if (!isFlow) return record(i);
          cells[(t * nCombos + combo[i]!) * N_WORK + work[i]!]! += total[i]! * inflation[t]!;
          total[i] = 0;
        },
        (i) => (laterFull[i] = year)
      );
    }
    const spent = committed(t);
    for (const l of ledgers) l.close(t, l.committed(t));

    // 5. What waits at the end of the year.
    let backlogYen = waitingCost * Math.pow(1 + escalation, t + 1);
    let backlogCount = waitingCount;
    const pastLife = waitingRestarts;
    for (const i of flowOrder) {
      if (total[i]! > 0) {
        backlogYen += total[i]! * (1 + escalation);
        backlogCount += 1;
      }
    }
    const condition = markov ? markovCounts(year) : gradeCounts(year);
    years.push({
      fiscalYear: year,
      budget: budgets[t]!,
      needed,
      funded: spent,
      backlogYen,
      backlogCount,
      pastLifeCount: pastLife,
      overCommitted,
      condition,
      conditionScore: averageCondition(condition)
    });
  }

  // Per-work outcomes are built when first asked for (a solver's trial runs never ask).
  /** Why a work waited in `year`: its later slices did not fit, or this year's money ran out. */
  const waitReason = (i: number, year: number): WorkOutcome['reason'] =>
    REASONS[laterFull[i] === year ? REASON_LATER : REASON_BUDGET]!;
  const listOutcomes = (): WorkOutcome[] => {
    const outcomes: WorkOutcome[] = [];
    for (let i = 0; i < n; i++) {
      if (recurring[i]) continue;
      const fy = fundedYear[i]!;
      outcomes.push({
        assetCode: all[asset[i]!]!.code,
        workType: WORK_TYPES[work[i]!]!,
        dueYear: originalDue[i]!,
        fundedYear: fy >= 0 ? fy : null,
        cost: works.cost[i]!,
        status: STATUSES[status[i]!]!,
        reason:
          status[i] === FUNDED
            ? fy > due[i]!
              ? waitReason(i, fy - 1)
              : null
            : status[i] === PENDING
              ? active[i]
                ? waitReason(i, end)
                : null
              : REASONS[reason[i]!]!,
        yearsDeferred: fy >= 0 ? fy - originalDue[i]! : Math.max(0, end + 1 - originalDue[i]!)
      });
    }
    return outcomes;
  };
  let outcomes: WorkOutcome[] | null = null;

  const totalsByYear = years.map((y) => y.funded);
  return {
    initialConditionScore,
    funded: { ...base, cells, totalsByYear, works: null, workColumns: null },
    unconstrained: base,
    years,
    get outcomes() {
      return (outcomes ??= listOutcomes());
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
