/**
 * The state of the budget loop (Engine II, `simulate-budget.ts`) and its yearly steps. Each work
 * Engine I found is a slot in typed arrays (asset, cell, work type, cost, due year, status …) so
 * that a year's pass over a large backlog reads contiguous memory instead of chasing objects.
 *
 * A year is these steps, in order, each changing the state `s` in place:
 *   closeAssets → admitDue → forceWorks → reserveCommitted → owingFlows → fundLedgers → endOfYear
 * (the works of closing assets leave; works falling due join the backlog, or are dropped when
 * their asset's rebuild replaces them; forced works are committed; the year's need is summed;
 * yearly flows owing are merged into the ranking; the ledgers fund down the ranking; what waits is
 * counted). `startLoop` builds the state; `listOutcomes` reads each work's fate at the end.
 *
 * Pure and deterministic.
 */
import { BudgetLedger, fundYear, rankOrder } from './allocate-budget';
import { MinTree } from './min-tree';
import { ASSET_CLASSES } from './asset-classes';
import type { ProjectionResult, WorkColumns } from './projection';
import type { EngineAsset } from './engine-asset';
import { ConditionTracker } from './condition-tracker';
import { WORK_TYPES, type WorkType } from './work-types';
import {
  budgetAmount,
  DEFAULT_WEIGHTS,
  type BudgetOptions,
  type OutcomeStatus,
  type WorkOutcome,
  type YearSnapshot
} from './budget-types';

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
/** Score steps over the asset parts' range (see `rankWorks`). */
const SCORE_STEPS = 8191;
/** Works may fall due a few years before the start (their later slices count). */
const DUE_OFFSET = 64;

// A slot's status and the reason it waited, was dropped or excluded.
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
 * The works as slots: discrete works first (per asset in emission order: a life's works, then the
 * rebuild that starts the next), then yearly flows (one reusable slot each: `total` holds what is
 * owed, this year's share plus unfunded earlier shares, escalated).
 */
interface Slots {
  n: number;
  asset: Int32Array;
  combo: Int32Array;
  work: Uint8Array;
  total: Float64Array;
  spread: Int32Array;
  originalDue: Int32Array;
  due: Int32Array;
  life: Int32Array;
  restarts: Uint8Array;
  recurring: Uint8Array;
  perYear: Float64Array;
  status: Uint8Array;
  reason: Uint8Array;
  fundedYear: Int32Array;
  /** 1 for works funded whatever the budget: demolitions of closed assets and forced works. */
  committedFlag: Uint8Array;
  /** An asset's works are the slots slotsFrom[a] … slotsFrom[a + 1] − 1. */
  slotsFrom: Int32Array;
  /** The last year a slot's slices may fall in: the horizon's end, or the year before closing. */
  lastOf: Int32Array;
  flows: number[];
}

function workSlots(
  works: WorkColumns,
  assetCount: number,
  closeYear: Float64Array,
  end: number
): Slots {
  const n = works.count;
  const s: Slots = {
    n,
    asset: new Int32Array(n),
    combo: new Int32Array(n),
    work: new Uint8Array(n),
    total: new Float64Array(n),
    spread: new Int32Array(n),
    originalDue: new Int32Array(n),
    due: new Int32Array(n),
    life: new Int32Array(n),
    restarts: new Uint8Array(n),
    recurring: new Uint8Array(n),
    perYear: new Float64Array(n),
    status: new Uint8Array(n),
    reason: new Uint8Array(n),
    fundedYear: new Int32Array(n).fill(-1),
    committedFlag: new Uint8Array(n),
    slotsFrom: new Int32Array(assetCount + 1),
    lastOf: new Int32Array(n),
    flows: []
  };
  const lifeOf = new Int32Array(assetCount);
  for (let i = 0; i < n; i++) {
    const a = works.assetIndex[i]!;
    s.asset[i] = a;
    s.combo[i] = works.combo[i]!;
    s.work[i] = works.work[i]!;
    s.originalDue[i] = s.due[i] = works.dueYear[i]!;
    if (works.recurring[i]) {
      s.recurring[i] = 1;
      s.spread[i] = 1;
      s.perYear[i] = works.cost[i]! / works.spreadYears[i]!;
      s.life[i] = -1;
      s.flows.push(i);
      continue;
    }
    s.total[i] = works.cost[i]!;
    s.spread[i] = works.spreadYears[i]!;
    if (s.work[i] === DEMOLITION) s.committedFlag[i] = 1;
    s.restarts[i] = RESTART_INDEX.has(s.work[i]!) ? 1 : 0;
    s.life[i] = s.work[i] === DEMOLITION ? -1 : lifeOf[a]!;
    if (s.restarts[i]) lifeOf[a]! += 1;
  }
  for (let i = 0; i < n; i++) {
    if (i > 0 && s.asset[i]! < s.asset[i - 1]!) throw new Error('works must come asset by asset');
    s.slotsFrom[s.asset[i]! + 1] = i + 1;
  }
  for (let a = 0; a < assetCount; a++)
    s.slotsFrom[a + 1] = Math.max(s.slotsFrom[a + 1]!, s.slotsFrom[a]!);
  for (let i = 0; i < n; i++)
    s.lastOf[i] = s.work[i] === DEMOLITION ? end : Math.min(end, closeYear[s.asset[i]!]! - 1);
  return s;
}

/** Each asset's restarts (rebuilds, replacements) in life order: restart k starts life k + 1. */
function restartIndex(slots: Slots, assetCount: number) {
  const { n, restarts, asset } = slots;
  const restartStart = new Int32Array(assetCount + 1);
  for (let i = 0; i < n; i++) if (restarts[i]) restartStart[asset[i]! + 1]! += 1;
  for (let a = 0; a < assetCount; a++) restartStart[a + 1]! += restartStart[a]!;
  const restartSlots = new Int32Array(restartStart[assetCount]!);
  for (let i = 0, next = Int32Array.from(restartStart); i < n; i++)
    if (restarts[i]) restartSlots[next[asset[i]!]!++] = i;
  return { restartStart, restartSlots };
}

/** The forced works by year: the assets whose next pending work starts in that year. */
function forcedByYear(
  all: readonly EngineAsset[],
  forced: BudgetOptions['forced'],
  S: number,
  H: number
): Map<number, number[]> {
  const byYear = new Map<number, number[]>();
  if (!forced?.length) return byYear;
  const assetByCode = new Map(all.map((a, i) => [a.code, i]));
  for (const f of forced) {
    const a = assetByCode.get(f.assetCode);
    if (a === undefined) throw new Error(`forced work: no asset with the code "${f.assetCode}"`);
    if (f.year < S || f.year > S + H - 1)
      throw new Error(`forced work for ${f.assetCode}: ${f.year} is outside the horizon`);
    byYear.set(f.year, [...(byYear.get(f.year) ?? []), a]);
  }
  return byYear;
}

/** One ledger, or one per asset class with a per-class budget; and the year's whole budget. */
function ledgersOf(options: BudgetOptions, H: number) {
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
  return { ledgers, budgets, perClass };
}

/**
 * Ranking. A candidate's priority score is its asset's part (importance, condition, hazard) plus
 * `overdue` × (years waited ÷ 20); it is counted in integer steps (8,191 over the asset parts'
 * range), so that every key is exact integer arithmetic:
 *   rank(year) = assetRank[a] − step × (year − due₀)        (lower ranks first)
 * where due₀ is the year the work first fell due. All keys move by the same −step a year, so
 * the ORDER of waiting works never changes: it is fixed once, at the start (`packed`: tier, then
 * assetRank + step × due₀, then due₀), and each ledger keeps its discrete works in that order in
 * a min-tree of first-slice costs. A year's funding then jumps from one work that fits the money
 * left to the next, instead of visiting the whole backlog. Yearly flows (one share each year) are
 * merged into that order year by year.
 */
function assetRanks(all: readonly EngineAsset[], options: BudgetOptions, H: number) {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const safetyTier = options.safetyTierImportance ?? null;
  const assetScore = all.map((a) => {
    const importance = a.importance ?? 3;
    return (
      weights.importance * ((importance - 1) / 4) +
      weights.condition * (a.soundness == null ? 0.5 : 1 - a.soundness / 100) +
      weights.hazard * (a.hazard ? 1 : 0)
    );
  });
  const maxScore = assetScore.reduce((m, x) => Math.max(m, x), 0);
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
  return { assetRank, step };
}

/** The loop's whole state (see the module's comment). */
export type LoopState = ReturnType<typeof startLoop>;

/** The state before the first year: slots, ledgers, ranking, condition, empty backlog. */
export function startLoop(
  all: readonly EngineAsset[],
  base: ProjectionResult & { workColumns: WorkColumns },
  options: BudgetOptions,
  closeYear: Float64Array,
  inflation: Float64Array
) {
  const S = options.startYear;
  const H = options.years;
  const end = S + H - 1;
  const escalation = options.escalation ?? 0;
  const slots = workSlots(base.workColumns, all.length, closeYear, end);
  const { n, asset, recurring, committedFlag, originalDue, total, spread } = slots;
  const { ledgers, budgets, perClass } = ledgersOf(options, H);
  const { assetRank, step } = assetRanks(all, options, H);
  /** The fixed ranking key of a work first due in `due0` on asset a: tier, score, due year. */
  const packed = (a: number, due0: number) => {
    const d = Math.min(511, Math.max(0, due0 - S + DUE_OFFSET));
    return (assetRank[a]! + step * d) * 512 + d;
  };
  const classOf = new Uint8Array(all.length);
  all.forEach((a, i) => (classOf[i] = ASSET_CLASSES.indexOf(a.assetClass)));
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
  const flows = slots.flows;
  // Flows in their fixed order when they start owing afresh (tier, score, slot).
  const flowsFresh = rankOrder(
    Uint32Array.from(flows, (i) => packed(asset[i]!, S)),
    Int32Array.from(flows.keys()),
    flows.length
  ).map((k) => flows[k]!);
  /** First-slice cost before the year's factor G[t]: total × (1 + e)^(S − due₀) ÷ spread. */
  const firstStatic = new Float64Array(n);
  for (let i = 0; i < n; i++)
    if (!recurring[i])
      firstStatic[i] =
        (escalation === 0 ? total[i]! : total[i]! * Math.pow(1 + escalation, S - originalDue[i]!)) /
        spread[i]!;
  const costStatic = new Float64Array(n);
  for (let i = 0; i < n; i++) costStatic[i] = firstStatic[i]! * spread[i]!;
  const buckets: number[][] = Array.from({ length: H }, () => []);
  for (let i = 0; i < n; i++) if (!recurring[i]) buckets[slots.due[i]! - S]?.push(i);
  // Assets closing inside the horizon: their waiting works leave the backlog in the closing year.
  const closingIn: number[][] = Array.from({ length: H }, () => []);
  for (let a = 0; a < all.length; a++)
    if (closeYear[a]! > S && closeYear[a]! <= end) closingIn[closeYear[a]! - S]!.push(a);
  return {
    S,
    H,
    end,
    escalation,
    inflation,
    /** The year's factor on a waiting work's first slice: escalation × inflation. */
    G: Float64Array.from({ length: H }, (_, t) => Math.pow(1 + escalation, t) * inflation[t]!),
    all,
    slots,
    ...restartIndex(slots, all.length),
    unlockedLife: new Int32Array(all.length),
    forced: forcedByYear(all, options.forced, S, H),
    ledgers,
    budgets,
    ledgerOfSlot,
    assetRank,
    step,
    rankKey,
    position,
    orderOf,
    trees,
    flowsFresh,
    /** This year's flows in ranking order (a view of `owing`). */
    flowOrder: new Int32Array(0),
    carriedFlows: new Int32Array(flows.length),
    owing: new Int32Array(flows.length),
    firstStatic,
    costStatic,
    buckets,
    closingIn,
    condition: new ConditionTracker(all, options, closeYear, S),
    cells: new Float64Array(base.cells.length),
    nCombos: base.combos.length,
    // Running sums over the waiting works, so that a year's figures need no pass over them:
    // Σ first slice and Σ cost, both before the year's factor (see firstStatic), their count, and
    // the rebuilds and replacements among them (assets past their service life).
    active: new Uint8Array(n),
    waitingFirst: 0,
    waitingCost: 0,
    waitingCount: 0,
    waitingRestarts: 0,
    /** The year a work last waited because its later slices did not fit (-1: never). */
    laterFull: new Int32Array(n).fill(-1)
  };
}

/** A waiting work joins the backlog. */
function activate(s: LoopState, i: number): void {
  s.active[i] = 1;
  s.trees[s.ledgerOfSlot[i]!]!.set(s.position[i]!, s.firstStatic[i]!);
  s.waitingFirst += s.firstStatic[i]!;
  s.waitingCost += s.costStatic[i]!;
  s.waitingCount += 1;
  s.waitingRestarts += s.slots.restarts[i]!;
}

/** A work leaves the backlog (funded, dropped, excluded or forced). */
function deactivate(s: LoopState, i: number): void {
  if (!s.active[i]) return;
  s.active[i] = 0;
  s.trees[s.ledgerOfSlot[i]!]!.set(s.position[i]!, Infinity);
  s.waitingCount -= 1;
  s.waitingRestarts -= s.slots.restarts[i]!;
  // Exact zero when nothing waits (no drift from adding and taking away).
  s.waitingFirst = s.waitingCount === 0 ? 0 : s.waitingFirst - s.firstStatic[i]!;
  s.waitingCost = s.waitingCount === 0 ? 0 : s.waitingCost - s.costStatic[i]!;
}

/** The cost of a work in `year`, grown by the years it waited (a flow: what it owes). */
function grownOf(s: LoopState, i: number, year: number): number {
  const { total, recurring, originalDue } = s.slots;
  return recurring[i] || s.escalation === 0
    ? total[i]!
    : total[i]! * Math.pow(1 + s.escalation, Math.max(0, year - originalDue[i]!));
}

/** How many of a work's slices fall in the horizon (and before its asset closes) from `year`. */
const sliceCount = (s: LoopState, i: number, year: number) =>
  Math.max(0, Math.min(s.slots.spread[i]!, s.slots.lastOf[i]! - year + 1));

/** The asset's pending rebuild or replacement that starts its next life, or -1. */
function nextRestart(s: LoopState, a: number): number {
  const k = s.restartStart[a]! + s.unlockedLife[a]!;
  if (k >= s.restartStart[a + 1]!) return -1;
  const i = s.restartSlots[k]!;
  return s.slots.status[i] === PENDING ? i : -1;
}

/** Step 0: the waiting works of assets closing this year leave the backlog (excluded). */
export function closeAssets(s: LoopState, t: number): void {
  const { slotsFrom, status, reason } = s.slots;
  for (const a of s.closingIn[t]!) {
    for (let i = slotsFrom[a]!; i < slotsFrom[a + 1]!; i++) {
      if (!s.active[i]) continue;
      deactivate(s, i);
      status[i] = EXCLUDED;
      reason[i] = REASON_CLOSED;
    }
  }
}

/**
 * Step 1: works falling due now join the backlog (a bucket may hold stale entries of works moved
 * by a late rebuild); a demolition is committed; a rebuild falling due drops the renovations and
 * repairs still waiting, and a renovation due after its asset's rebuild is dropped.
 * @returns the works committed this year so far (demolitions in their closing year).
 */
export function admitDue(s: LoopState, t: number): number[] {
  const year = s.S + t;
  const { status, due, life, asset, committedFlag, lastOf, reason, restarts, slotsFrom } = s.slots;
  const committedNow: number[] = [];
  const fresh = Int32Array.from(
    s.buckets[t]!.filter(
      (i) =>
        status[i] === PENDING &&
        !s.active[i] &&
        due[i]! <= year &&
        life[i]! <= s.unlockedLife[asset[i]!]!
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
        if (s.active[j] && !restarts[j]) {
          deactivate(s, j);
          status[j] = DROPPED;
          reason[j] = REASON_SUPERSEDED;
        }
      }
    } else {
      const restart = nextRestart(s, a);
      if (restart >= 0 && due[restart]! <= year) {
        status[i] = DROPPED;
        reason[i] = REASON_SUPERSEDED;
        continue;
      }
    }
    activate(s, i);
  }
  return committedNow;
}

/** Step 2: forced works — the asset's next pending work (of its current life) starts this year. */
export function forceWorks(s: LoopState, t: number, committedNow: number[]): void {
  const { slotsFrom, recurring, status, life, work, due, committedFlag } = s.slots;
  for (const a of s.forced.get(s.S + t) ?? []) {
    let next = -1;
    for (let i = slotsFrom[a]!; i < slotsFrom[a + 1]!; i++) {
      if (
        recurring[i] ||
        status[i] !== PENDING ||
        life[i]! > s.unlockedLife[a]! ||
        work[i] === DEMOLITION
      )
        continue;
      if (next < 0 || due[i]! < due[next]!) next = i;
    }
    if (next < 0 || committedFlag[next]) continue;
    committedFlag[next] = 1;
    // Pulled forward (due later), its `due` stays, so that a rebuild moves the asset's next life
    // by the years it was brought forward.
    deactivate(s, next);
    committedNow.push(next);
  }
}

/**
 * Step 3: what the year needs of committed slices and of this year's slice of every candidate;
 * the committed works' slices are reserved in their ledgers.
 */
export function reserveCommitted(s: LoopState, t: number, committedNow: readonly number[]): number {
  const year = s.S + t;
  const { spread, lastOf } = s.slots;
  let needed = s.ledgers.reduce((sum, l) => sum + l.committed(t), 0) + s.waitingFirst * s.G[t]!;
  for (const i of committedNow) {
    const slices = Math.max(0, Math.min(spread[i]!, lastOf[i]! - year + 1));
    const grown = grownOf(s, i, year);
    if (slices > 0) needed += (grown / spread[i]!) * s.inflation[t]!;
    for (let k = 0; k < slices; k++)
      s.ledgers[s.ledgerOfSlot[i]!]!.reserve(t + k, (grown / spread[i]!) * s.inflation[t + k]!);
  }
  return needed;
}

/**
 * Step 4: the yearly flows owing — unfunded shares carried (their order kept) merged with those
 * owing afresh, each grown by this year's share; a closed asset's flow is excluded.
 * @returns what they need this year.
 */
export function owingFlows(s: LoopState, t: number): number {
  const year = s.S + t;
  const { total, lastOf, originalDue, asset, perYear } = s.slots;
  const { carriedFlows, owing, rankKey } = s;
  let owingSize = 0;
  // Carried: last year's order, still owing.
  let carried = 0;
  for (let k = 0; k < s.flowOrder.length; k++) {
    const i = s.flowOrder[k]!;
    if (year > lastOf[i]!) total[i] = 0;
    else if (total[i]! > 0) carriedFlows[carried++] = i;
  }
  // Flows owing afresh all have due₀ = this year: their keys in their fixed order.
  const d = Math.min(511, t + DUE_OFFSET);
  let c = 0;
  for (let k = 0; k < s.flowsFresh.length; k++) {
    const i = s.flowsFresh[k]!;
    if (total[i] !== 0 || year > lastOf[i]!) continue;
    originalDue[i] = year;
    const key = (s.assetRank[asset[i]!]! + s.step * d) * 512 + d;
    rankKey[i] = key;
    while (c < carried && rankKey[carriedFlows[c]!]! <= key)
      owing[owingSize++] = carriedFlows[c++]!;
    owing[owingSize++] = i;
  }
  while (c < carried) owing[owingSize++] = carriedFlows[c++]!;
  s.flowOrder = owing.subarray(0, owingSize);
  let needed = 0;
  for (let k = 0; k < owingSize; k++) {
    const i = owing[k]!;
    total[i] = total[i]! * (1 + s.escalation) + perYear[i]!;
    needed += total[i]! * s.inflation[t]!;
  }
  return needed;
}

/**
 * A work funded in year index t: its slices into the cells; its asset's condition renewed; a
 * rebuild unlocks the asset's next life and moves its later works by the years it waited.
 */
function record(s: LoopState, i: number, t: number): void {
  const year = s.S + t;
  const sl = s.slots;
  const grown = grownOf(s, i, year);
  const slices = sliceCount(s, i, year);
  for (let k = 0; k < slices; k++)
    s.cells[((t + k) * s.nCombos + sl.combo[i]!) * N_WORK + sl.work[i]!]! +=
      (grown / sl.spread[i]!) * s.inflation[t + k]!;
  if (sl.recurring[i]) {
    sl.total[i] = 0;
    return;
  }
  deactivate(s, i);
  sl.status[i] = FUNDED;
  sl.fundedYear[i] = year;
  const a = sl.asset[i]!;
  s.condition.renewed(a, WORK_TYPES[sl.work[i]!]!, year);
  if (!sl.restarts[i]) return;
  s.unlockedLife[a]! += 1;
  const shift = year - sl.due[i]!;
  for (let j = sl.slotsFrom[a]!; j < sl.slotsFrom[a + 1]!; j++) {
    if (sl.recurring[j] || sl.status[j] !== PENDING || sl.life[j]! < s.unlockedLife[a]!) continue;
    sl.due[j]! += shift;
    // Due now or earlier, the moved work waits from next year; later, from its year.
    if (shift !== 0 && sl.due[j]! <= s.end) s.buckets[Math.max(t + 1, sl.due[j]! - s.S)]?.push(j);
  }
}

/**
 * Step 5: funding — the committed works first, then ledger by ledger down the ranking, flows
 * merged with the min-tree's works (`fundYear`, allocate-budget.ts).
 * @returns the money spent this year.
 */
export function fundLedgers(s: LoopState, t: number, committedNow: readonly number[]): number {
  const year = s.S + t;
  const { spread, total, combo, work } = s.slots;
  const inflation = s.inflation;
  for (const i of committedNow) record(s, i, t);
  for (let L = 0; L < s.ledgers.length; L++) {
    const order = s.orderOf[L]!;
    const flowList =
      s.ledgers.length === 1 ? s.flowOrder : s.flowOrder.filter((i) => s.ledgerOfSlot[i] === L);
    fundYear(
      s.ledgers[L]!,
      t,
      {
        tree: s.trees[L]!,
        at: (position) => order[position]!,
        factor: s.G[t]!,
        first: (i) => (grownOf(s, i, year) / spread[i]!) * inflation[t]!,
        sliceCount: (i) => sliceCount(s, i, year),
        slice: (i, k) => (grownOf(s, i, year) / spread[i]!) * inflation[t + k]!,
        flows: flowList,
        flowCount: flowList.length,
        flowCost: (i) => total[i]! * inflation[t]!,
        key: (i) => s.rankKey[i]!
      },
      (i, isFlow) => {
        if (!isFlow) return record(s, i, t);
        s.cells[(t * s.nCombos + combo[i]!) * N_WORK + work[i]!]! += total[i]! * inflation[t]!;
        total[i] = 0;
      },
      (i) => (s.laterFull[i] = year)
    );
  }
  const spent = s.ledgers.reduce((sum, l) => sum + l.committed(t), 0);
  for (const l of s.ledgers) l.close(t, l.committed(t));
  return spent;
}

/** Step 6: what waits at the end of the year, and the condition of the graded assets. */
export function endOfYear(
  s: LoopState,
  t: number,
  figures: { needed: number; spent: number; overCommitted: number }
): YearSnapshot {
  const year = s.S + t;
  let backlogYen = s.waitingCost * Math.pow(1 + s.escalation, t + 1);
  let backlogCount = s.waitingCount;
  for (const i of s.flowOrder) {
    if (s.slots.total[i]! > 0) {
      backlogYen += s.slots.total[i]! * (1 + s.escalation);
      backlogCount += 1;
    }
  }
  const condition = s.condition.counts(year);
  return {
    fiscalYear: year,
    budget: s.budgets[t]!,
    needed: figures.needed,
    funded: figures.spent,
    backlogYen,
    backlogCount,
    pastLifeCount: s.waitingRestarts,
    overCommitted: figures.overCommitted,
    condition,
    conditionScore: s.condition.score(condition)
  };
}

/** One year of the loop: the steps above, in order. */
export function runYear(s: LoopState, t: number): YearSnapshot {
  closeAssets(s, t);
  const committedNow = admitDue(s, t);
  forceWorks(s, t, committedNow);
  let needed = reserveCommitted(s, t, committedNow);
  needed += owingFlows(s, t);
  const overCommitted = s.ledgers.reduce(
    (sum, l) => sum + Math.max(0, l.committed(t) - l.budget(t)),
    0
  );
  const spent = fundLedgers(s, t, committedNow);
  return endOfYear(s, t, { needed, spent, overCommitted });
}

/** Each work's fate at the end of the horizon (yearly flows are not listed). */
export function listOutcomes(s: LoopState, costs: Float64Array): WorkOutcome[] {
  const sl = s.slots;
  /** Why a work waited in `year`: its later slices did not fit, or this year's money ran out. */
  const waitReason = (i: number, year: number): WorkOutcome['reason'] =>
    REASONS[s.laterFull[i] === year ? REASON_LATER : REASON_BUDGET]!;
  const outcomes: WorkOutcome[] = [];
  for (let i = 0; i < sl.n; i++) {
    if (sl.recurring[i]) continue;
    const fy = sl.fundedYear[i]!;
    outcomes.push({
      assetCode: s.all[sl.asset[i]!]!.code,
      workType: WORK_TYPES[sl.work[i]!]!,
      dueYear: sl.originalDue[i]!,
      fundedYear: fy >= 0 ? fy : null,
      cost: costs[i]!,
      status: STATUSES[sl.status[i]!]!,
      reason:
        sl.status[i] === FUNDED
          ? fy > sl.due[i]!
            ? waitReason(i, fy - 1)
            : null
          : sl.status[i] === PENDING
            ? s.active[i]
              ? waitReason(i, s.end)
              : null
            : REASONS[sl.reason[i]!]!,
      yearsDeferred: fy >= 0 ? fy - sl.originalDue[i]! : Math.max(0, s.end + 1 - sl.originalDue[i]!)
    });
  }
  return outcomes;
}
