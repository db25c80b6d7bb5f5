/**
 * The budget-constrained yearly loop (Engine II): the works Engine I finds, funded year by year
 * from the money the city has.
 *
 * For each fiscal year: slices of works started earlier (and demolitions of closed assets) are
 * committed first; the candidates are every work due this year or earlier and not yet funded (the
 * backlog); they are ranked (tier, priority score, due year) and funded by the funding step
 * (`fundIndexed`, the core of `allocateBudget`).
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
 * Pure and deterministic. Only the age-based service life of the national method is modelled
 * here; condition curves, Markov and survival models are not (yet).
 */
import { BudgetLedger, fundIndexed, type DeferReason } from './allocate-budget';
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
  /** years overdue, capped at 20 → 0–1. */
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
  const byAsset: number[][] = all.map(() => []);
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
    byAsset[a]!.push(i);
  }

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
    Array.from({ length: H }, (_, t) =>
      b.kind === 'none'
        ? Infinity
        : b.kind === 'flat'
          ? b.amount
          : b.kind === 'schedule'
            ? (b.amounts[t] ?? 0)
            : (b.amounts[cls] ?? 0)
    )
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
  const ledgerOf = (i: number) => ledgers[perClass ? classOf[asset[i]!]! : 0]!;
  const committed = (t: number) => ledgers.reduce((sum, l) => sum + l.committed(t), 0);
  const cells = new Float64Array(base.cells.length);
  const nCombos = base.combos.length;
  const safetyTier = options.safetyTierImportance ?? null;
  // Ranking keys: tier (1 bit), then score (descending, in 8,191 steps of the score range), then
  // due year (8 bits) — one 22-bit key (two radix passes); equal keys keep the candidate order
  // (backlog slot order: asset, then its works in time). The score's
  // asset part (importance, condition, hazard) and its overdue part are counted in steps apiece,
  // so that a key is integer arithmetic: `assetBase[a] − overdueSteps[years overdue]`.
  const SCORE_STEPS = 8191;
  const KEY_BITS = 22;
  const assetScore = all.map((a) => {
    const importance = a.importance ?? 3;
    return (
      weights.importance * ((importance - 1) / 4) +
      weights.condition * (a.soundness == null ? 0.5 : 1 - a.soundness / 100) +
      weights.hazard * (a.hazard ? 1 : 0)
    );
  });
  const maxScore = assetScore.reduce((m, x) => Math.max(m, x + weights.overdue), weights.overdue);
  const scoreScale = maxScore > 0 ? SCORE_STEPS / maxScore : 0;
  const overdueSteps = Int32Array.from({ length: 256 }, (_, k) =>
    Math.round(weights.overdue * (Math.min(20, k) / 20) * scoreScale)
  );
  const assetBase = Int32Array.from(all, (a, i) => {
    const tier = safetyTier !== null && (a.importance ?? 3) >= safetyTier ? 0 : 1;
    return tier * (SCORE_STEPS + 1) + SCORE_STEPS - Math.round(assetScore[i]! * scoreScale);
  });
  const waiting = new Uint8Array(all.length);
  const years: YearSnapshot[] = [];
  let backlog = new Int32Array(0);
  const pool = new Int32Array(n);
  let poolSize = 0;

  // Per-year candidate arrays, reused: candidate c is work slot cand[c].
  const cand = new Int32Array(n);
  const key = new Uint32Array(n);
  const first = new Float64Array(n);
  const members = new Int32Array(n);
  const grown = new Float64Array(n);
  const outcome = new Uint8Array(n);
  let year = S;
  /** Candidate c's number of slices this year (cut at the horizon's end or the closing year). */
  const sliceN = new Uint8Array(n);
  const sliceCount = (c: number) => sliceN[c]!;
  const slice = (c: number, k: number) =>
    (grown[c]! / spread[cand[c]!]!) * inflation[year - S + k]!;

  for (let t = 0; t < H; t++) {
    year = S + t;
    poolSize = 0;
    const consider = (i: number) => {
      if (life[i]! > unlockedLife[asset[i]!]!) return; // waits for its rebuild (re-bucketed then)
      if (year > lastOf[i]!) {
        status[i] = EXCLUDED;
        reason[i] = REASON_CLOSED;
        return;
      }
      if (!restarts[i] && work[i] !== DEMOLITION) {
        const restart = nextRestart(asset[i]!);
        if (restart >= 0 && due[restart]! <= year) {
          status[i] = DROPPED;
          reason[i] = REASON_SUPERSEDED;
          return;
        }
      }
      pool[poolSize++] = i;
    };
    // The backlog (in slot order) merged with the works falling due now, so the pass over the
    // typed arrays goes forward through memory. A bucket may hold stale entries of works moved by
    // a late rebuild: only those due now count.
    const fresh = Int32Array.from(
      buckets[t]!.filter((i) => status[i] === PENDING && due[i] === year)
    ).sort();
    let f = 0;
    for (const i of backlog) {
      while (f < fresh.length && fresh[f]! < i) consider(fresh[f++]!);
      if (status[i] === PENDING) consider(i);
    }
    while (f < fresh.length) consider(fresh[f++]!);

    // Forced works: the asset's next pending work (of its current life) starts this year.
    for (const a of forcedByYear.get(year) ?? []) {
      let next = -1;
      for (const i of byAsset[a]!) {
        if (status[i] !== PENDING || life[i]! > unlockedLife[a]! || work[i] === DEMOLITION)
          continue;
        if (next < 0 || due[i]! < due[next]!) next = i;
      }
      if (next < 0 || committedFlag[next]) continue;
      committedFlag[next] = 1;
      // Pulled forward (due later) it is not in this year's pool yet; its `due` stays, so that a
      // rebuild moves the asset's next life by the years it was brought forward.
      if (due[next]! > year || !pool.subarray(0, poolSize).includes(next)) pool[poolSize++] = next;
    }

    // Candidates: flows first, then discrete works; committed works are funded whatever they cost.
    let count = 0;
    let needed = committed(t);
    const push = (i: number, owed: number) => {
      cand[count] = i;
      grown[count] = owed;
      count += 1;
    };
    for (const i of flows) {
      if (year > lastOf[i]!) {
        total[i] = 0; // a closed asset's unfunded flow is excluded
        continue;
      }
      // A flow's share waits from the first year it went unfunded (its "due" for ranking).
      if (total[i] === 0) originalDue[i] = year;
      total[i] = total[i]! * (1 + escalation) + perYear[i]!;
      push(i, total[i]!);
    }
    for (const i of pool.subarray(0, poolSize)) {
      push(
        i,
        escalation === 0
          ? total[i]!
          : total[i]! * Math.pow(1 + escalation, Math.max(0, year - originalDue[i]!))
      );
    }
    // Ranked candidates go to `members` (ascending c, so equal keys keep candidate order);
    // committed works are reserved whatever they cost and listed apart.
    let nRanked = 0;
    const committedList: number[] = [];
    for (let c = 0; c < count; c++) {
      const i = cand[c]!;
      const slices = Math.max(0, Math.min(spread[i]!, lastOf[i]! - year + 1));
      sliceN[c] = slices;
      first[c] = (grown[c]! / spread[i]!) * inflation[t]!;
      needed += slices > 0 ? first[c]! : 0;
      if (committedFlag[i]) {
        for (let k = 0; k < slices; k++) ledgerOf(i).reserve(t + k, slice(c, k));
        committedList.push(c);
        continue;
      }
      const waited = Math.min(255, Math.max(0, year - originalDue[i]!));
      key[c] =
        (assetBase[asset[i]!]! - overdueSteps[waited]!) * 256 +
        Math.min(255, Math.max(0, originalDue[i]! - S));
      members[nRanked++] = c;
    }
    const overCommitted = ledgers.reduce(
      (sum, l) => sum + Math.max(0, l.committed(t) - l.budget(t)),
      0
    );
    const candidates = {
      members,
      count: nRanked,
      key,
      first,
      sliceCount,
      slice,
      keyBits: KEY_BITS
    };
    let fundedCandidates: number[];
    if (!perClass) {
      fundedCandidates = fundIndexed(ledgers[0]!, t, candidates, outcome);
    } else {
      // Each class funds its own candidates from its own ledger.
      fundedCandidates = [];
      ledgers.forEach((classLedger, k) => {
        const own = new Int32Array(nRanked);
        let size = 0;
        for (let r = 0; r < nRanked; r++)
          if (classOf[asset[cand[members[r]!]!]!] === k) own[size++] = members[r]!;
        if (size === 0) return;
        fundedCandidates.push(
          ...fundIndexed(classLedger, t, { ...candidates, members: own, count: size }, outcome)
        );
      });
    }

    const record = (c: number) => {
      const i = cand[c]!;
      const slices = sliceCount(c);
      for (let k = 0; k < slices; k++)
        cells[((t + k) * nCombos + combo[i]!) * N_WORK + work[i]!]! += slice(c, k);
      if (recurring[i]) {
        total[i] = 0;
        return;
      }
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
        if (shift !== 0) {
          for (const j of byAsset[a]!) {
            if (status[j] === PENDING && life[j]! >= unlockedLife[a]!) {
              due[j]! += shift;
              if (due[j]! <= end && due[j]! > year) buckets[due[j]! - S]!.push(j);
            }
          }
        }
      }
    };
    for (const c of committedList) record(c); // committed: demolitions and forced works
    for (const c of fundedCandidates) record(c);
    const spent = committed(t);
    for (const l of ledgers) l.close(t, l.committed(t));

    const nextBacklog = new Int32Array(nRanked);
    let nextSize = 0;
    let backlogYen = 0;
    let backlogCount = 0;
    let pastLife = 0;
    waiting.fill(0);
    for (let r = 0; r < nRanked; r++) {
      const c = members[r]!;
      const i = cand[c]!;
      if (outcome[c] === 0) continue;
      reason[i] = outcome[c] === 1 ? REASON_BUDGET : REASON_LATER;
      if (recurring[i]) {
        if (total[i]! > 0) {
          backlogYen += total[i]! * (1 + escalation);
          backlogCount += 1;
        }
        continue;
      }
      nextBacklog[nextSize++] = i;
      backlogYen +=
        escalation === 0
          ? total[i]!
          : total[i]! * Math.pow(1 + escalation, year + 1 - originalDue[i]!);
      backlogCount += 1;
      if (restarts[i] && waiting[asset[i]!] === 0) {
        waiting[asset[i]!] = 1;
        pastLife += 1;
      }
    }
    backlog = nextBacklog.subarray(0, nextSize);
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
        status: STATUSES[status[i]!]!,
        reason:
          status[i] === FUNDED
            ? fy > due[i]!
              ? REASONS[reason[i]!]!
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
