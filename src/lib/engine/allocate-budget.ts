/**
 * The funding step of the budget-constrained yearly loop (Engine II): given this year's candidate
 * works and a budget ledger, decide which works are funded and why the others wait.
 *
 * Rules (stated so a council can read them):
 * 1. Committed works (slices of works started in earlier years, and works forced into this year)
 *    are funded first, even beyond the budget; any excess is reported as `overCommitted`.
 * 2. The other candidates are ranked by tier (lower first: e.g. tier 0 = safety-critical), then
 *    priority score (higher first), then due year (older first), then id (for a total order).
 * 3. Going down the ranking, a work is started only if its first slice fits what is left of this
 *    year's budget AND each later slice fits what is left of that later year's budget (after the
 *    slices already reserved there). A work that does not fit is skipped and the next one tried:
 *    a cheaper, lower-ranked work can still use money a large one could not.
 * 4. Starting a work reserves its later slices in the ledger; next year they arrive as committed.
 * 5. With carry-over on, what is left at the end of a year is added to the next year's budget.
 *
 * Pure: no I/O, no clock; the ledger is the only state and is changed only through its methods.
 */

import { MinTree } from './min-tree';

export interface Candidate {
  /** Unique within a year; numbers sort numerically, strings by code unit. */
  id: string | number;
  /** Cost per year from this year on: slices[0] is this year's, slices[1] next year's, … (yen). */
  slices: readonly number[];
  /** Lower tiers are funded first (0 = most urgent). */
  tier: number;
  /** Higher scores are funded first within a tier. */
  score: number;
  /** Fiscal year the work fell due (older first on equal score). */
  dueYear: number;
}

export type DeferReason = 'budget_exhausted' | 'later_years_full';

export interface AllocationResult {
  /** Ids funded this year, in funding order (committed first). */
  funded: (string | number)[];
  /** Ids not funded, in ranking order, with the reason. */
  deferred: { id: string | number; reason: DeferReason }[];
  /** Money spent this year (committed + started works' first slices). */
  spent: number;
  /** Committed money beyond this year's budget (0 when it fitted). */
  overCommitted: number;
  /** Budget left this year after funding (never negative). */
  left: number;
}

/**
 * Budgets per year index, what is already reserved against them, and carry-over between years.
 * `Infinity` is an unconstrained budget.
 */
export class BudgetLedger {
  private readonly budgets: number[];
  private readonly reserved: number[];

  constructor(
    budgets: readonly number[],
    private readonly carryOver = false
  ) {
    this.budgets = [...budgets];
    this.reserved = budgets.map(() => 0);
  }

  /** Money still free in year index `y` (past the schedule: nothing). */
  available(y: number): number {
    if (y >= this.budgets.length) return 0;
    return Math.max(0, this.budgets[y]! - this.reserved[y]!);
  }

  /** Money reserved in year `y` for slices of works started earlier. */
  committed(y: number): number {
    return this.reserved[y] ?? 0;
  }

  budget(y: number): number {
    return this.budgets[y] ?? 0;
  }

  reserve(y: number, amount: number): void {
    if (y < this.reserved.length) this.reserved[y]! += amount;
  }

  /** Closes year `y`: with carry-over, its unspent money moves to year y + 1. */
  close(y: number, spent: number): void {
    if (!this.carryOver || y + 1 >= this.budgets.length) return;
    const unspent = this.budgets[y]! - spent;
    if (unspent > 0 && Number.isFinite(unspent)) this.budgets[y + 1]! += unspent;
  }
}

/** Ranking order: tier ↑, score ↓, due year ↑, id ↑. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.tier - b.tier ||
    b.score - a.score ||
    a.dueYear - b.dueYear ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A slice fits what is left if it exceeds it by rounding noise only (relative tolerance). */
export const fits = (cost: number, available: number) => cost <= available * (1 + 1e-9);

export const DEFER_NONE = 0;
export const DEFER_BUDGET = 1;
export const DEFER_LATER = 2;

const RADIX_BITS = 11;
const RADIX_SIZE = 1 << RADIX_BITS;

/**
 * `members[0 … count − 1]` reordered by ascending `key`, stable (a least-significant-digit radix
 * sort in 11-bit passes, three for 32-bit keys): linear time, and it keeps the members' order
 * for equal keys.
 */
export function rankOrder(
  key: Uint32Array,
  members: Int32Array,
  count: number,
  keyBits = 32
): Int32Array {
  let src = members.slice(0, count);
  let dst = new Int32Array(count);
  const histogram = new Uint32Array(RADIX_SIZE);
  for (let shift = 0; shift < keyBits; shift += RADIX_BITS) {
    histogram.fill(0);
    for (let r = 0; r < count; r++) histogram[(key[src[r]!]! >>> shift) & (RADIX_SIZE - 1)]! += 1;
    let sum = 0;
    for (let b = 0; b < RADIX_SIZE; b++) {
      const size = histogram[b]!;
      histogram[b] = sum;
      sum += size;
    }
    for (let r = 0; r < count; r++) {
      const c = src[r]!;
      dst[histogram[(key[c]! >>> shift) & (RADIX_SIZE - 1)]!++] = c;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/**
 * A year's candidates in the form the funding step reads, by work id:
 * - works: waiting works in ranking order, held in a min-tree by ranking position whose value
 *   is the work's first-slice cost ÷ `factor` (Infinity for a free position); `at(position)`
 *   is the work's id. The tree only finds the next work that may fit; `first(id)` is exact.
 * - flows: yearly shares (one slice, this year), `flowCount` ids in ranking order.
 * Works and flows are merged by `key(id)` (lower first; a flow goes first on an equal key).
 */
export interface YearCandidates {
  tree: MinTree;
  at: (position: number) => number;
  factor: number;
  first: (id: number) => number;
  /** The number of slices of a work, and its cost k years from now. */
  sliceCount: (id: number) => number;
  slice: (id: number, k: number) => number;
  flows: Int32Array;
  flowCount: number;
  flowCost: (id: number) => number;
  key: (id: number) => number;
}

/**
 * The funding step: rules 2–4 above, from year index y's free money in `ledger`. For each work
 * or flow funded, its slices are reserved and `funded(id, isFlow)` is called; a work whose first
 * slice fits but a later one does not is reported to `laterFull(id)`. The others were not
 * funded because this year's money did not reach them (budget exhausted).
 *
 * Fast on a long backlog: between two works that fit it jumps, through the tree, over every
 * work that costs more than what is left (with less money later, none of them could fit).
 */
export function fundYear(
  ledger: BudgetLedger,
  y: number,
  c: YearCandidates,
  funded: (id: number, isFlow: boolean) => void,
  laterFull: (id: number) => void
): void {
  let available = ledger.available(y);
  let p = 0; // next ranking position of the works
  let q = -2; // the next work that may fit (-2: to look up, -1: none)
  let f = 0; // next flow
  for (;;) {
    if (q === -2)
      // Waiting works hold finite values (Infinity marks a free position): cap the bound.
      q = c.tree.firstAtMost(p, Math.min(Number.MAX_VALUE, (available * (1 + 1e-6)) / c.factor));
    const flow = f < c.flowCount ? c.flows[f]! : -1;
    const work = q >= 0 ? c.at(q) : -1;
    if (flow < 0 && work < 0) return;
    if (flow >= 0 && (work < 0 || c.key(flow) <= c.key(work))) {
      f += 1;
      // Funding a flow leaves q a valid place to go on from: with less money, no work before it
      // fits either.
      const cost = c.flowCost(flow);
      if (fits(cost, available)) {
        ledger.reserve(y, cost);
        available = ledger.available(y);
        funded(flow, true);
      }
      continue;
    }
    p = q + 1;
    q = -2;
    if (!fits(c.first(work), available)) continue;
    const count = c.sliceCount(work);
    let later = true;
    for (let k = 1; k < count && later; k++)
      later = fits(c.slice(work, k), ledger.available(y + k));
    if (!later) {
      laterFull(work);
      continue;
    }
    for (let k = 0; k < count; k++) ledger.reserve(y + k, c.slice(work, k));
    available = ledger.available(y);
    funded(work, false);
  }
}

/**
 * Funds year index `y`: committed slices first, then candidates in ranking order (rules above).
 * @param forced works forced into this year: funded with the committed money, whatever they cost.
 */
export function allocateBudget(
  ledger: BudgetLedger,
  y: number,
  candidates: readonly Candidate[],
  forced: readonly Candidate[] = []
): AllocationResult {
  const budget = ledger.budget(y);
  const funded: (string | number)[] = [];
  // 1. Committed: earlier works' slices are already reserved in the ledger; forced works join them.
  for (const work of forced) {
    funded.push(work.id);
    work.slices.forEach((slice, k) => ledger.reserve(y + k, slice));
  }
  const overCommitted = Math.max(0, ledger.committed(y) - budget);

  // 2–4. Ranking positions in compareCandidates order, in a tree of first slices.
  const ranked = candidates.map((c, i) => ({ c, i })).sort((a, b) => compareCandidates(a.c, b.c));
  const tree = new MinTree(candidates.length);
  const rank = new Int32Array(candidates.length);
  ranked.forEach(({ c, i }, position) => {
    tree.set(position, c.slices[0] ?? 0);
    rank[i] = position;
  });
  const outcome = new Uint8Array(candidates.length).fill(DEFER_BUDGET);
  fundYear(
    ledger,
    y,
    {
      tree,
      at: (position) => ranked[position]!.i,
      factor: 1,
      first: (i) => candidates[i]!.slices[0] ?? 0,
      sliceCount: (i) => candidates[i]!.slices.length,
      slice: (i, k) => candidates[i]!.slices[k] ?? 0,
      flows: new Int32Array(0),
      flowCount: 0,
      flowCost: () => 0,
      key: (i) => rank[i]!
    },
    (i) => {
      outcome[i] = DEFER_NONE;
      funded.push(candidates[i]!.id);
    },
    (i) => (outcome[i] = DEFER_LATER)
  );
  const deferred: AllocationResult['deferred'] = [];
  for (const { c, i } of ranked) {
    const o = outcome[i]!;
    if (o !== DEFER_NONE)
      deferred.push({
        id: c.id,
        reason: o === DEFER_BUDGET ? 'budget_exhausted' : 'later_years_full'
      });
  }
  const spent = ledger.committed(y);
  ledger.close(y, spent);
  return { funded, deferred, spent, overCommitted, left: Math.max(0, budget - spent) };
}
