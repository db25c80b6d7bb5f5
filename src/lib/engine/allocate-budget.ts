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
const fits = (cost: number, available: number) => cost <= available * (1 + 1e-9);

/**
 * Candidates as plain arrays, the form the yearly loop funds without allocating objects.
 * `key[c]` is c's ranking key (lower first; equal keys in the order of `members`, so give members
 * in ascending c for ties broken by c); `first[c]` its cost this year; `sliceCount(c)` and
 * `slice(c, k)` its slices (k-th year from now), asked only when the first slice fits.
 */
export interface IndexedCandidates {
  /** The candidates to rank and fund (indices into the arrays below). */
  members: Int32Array;
  count: number;
  key: Uint32Array;
  first: Float64Array;
  sliceCount: (c: number) => number;
  slice: (c: number, k: number) => number;
  /** Keys are below 2^keyBits (default 32): fewer bits, fewer radix passes. */
  keyBits?: number;
}

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
 * The funding step on indexed candidates: rules 2–4 above, in key order. Writes the outcome of
 * each member to `outcome` (0 funded, 1 budget exhausted, 2 later years full) and returns the
 * funded candidates in funding order.
 */
export function fundIndexed(
  ledger: BudgetLedger,
  y: number,
  candidates: IndexedCandidates,
  outcome: Uint8Array
): number[] {
  const { count, first } = candidates;
  const order = rankOrder(candidates.key, candidates.members, count, candidates.keyBits);
  const funded: number[] = [];
  let available = ledger.available(y);
  for (let r = 0; r < count; r++) {
    const c = order[r]!;
    if (!fits(first[c]!, available)) {
      outcome[c] = DEFER_BUDGET;
      continue;
    }
    const slices = candidates.sliceCount(c);
    let later = true;
    for (let k = 1; k < slices; k++) {
      if (!fits(candidates.slice(c, k), ledger.available(y + k))) {
        later = false;
        break;
      }
    }
    if (!later) {
      outcome[c] = DEFER_LATER;
      continue;
    }
    for (let k = 0; k < slices; k++) ledger.reserve(y + k, candidates.slice(c, k));
    available = ledger.available(y);
    outcome[c] = DEFER_NONE;
    funded.push(c);
  }
  return funded;
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

  // 2–4. The ranking as one number per candidate: its position in compareCandidates order.
  const ranked = candidates.map((c, i) => ({ c, i })).sort((a, b) => compareCandidates(a.c, b.c));
  const key = new Uint32Array(candidates.length);
  ranked.forEach(({ i }, position) => (key[i] = position));
  const outcome = new Uint8Array(candidates.length);
  const fundedIndex = fundIndexed(
    ledger,
    y,
    {
      members: Int32Array.from(candidates, (_, i) => i),
      count: candidates.length,
      key,
      first: Float64Array.from(candidates, (c) => c.slices[0] ?? 0),
      sliceCount: (c) => candidates[c]!.slices.length,
      slice: (c, k) => candidates[c]!.slices[k] ?? 0
    },
    outcome
  );
  for (const c of fundedIndex) funded.push(candidates[c]!.id);
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
