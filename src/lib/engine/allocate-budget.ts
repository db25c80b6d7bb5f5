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
 * Funds year index `y`: committed slices first, then candidates in ranking order (rules above).
 * @param committedCost this year's committed money (slices reserved earlier plus forced works).
 * @param forced ids of works forced into this year: funded with the committed money, any cost.
 */
export function allocateBudget(
  ledger: BudgetLedger,
  y: number,
  candidates: readonly Candidate[],
  forced: readonly Candidate[] = []
): AllocationResult {
  const funded: (string | number)[] = [];
  const deferred: AllocationResult['deferred'] = [];
  const budget = ledger.budget(y);

  // 1. Committed: earlier works' slices are already reserved in the ledger; forced works join them.
  for (const work of forced) {
    funded.push(work.id);
    work.slices.forEach((slice, k) => ledger.reserve(y + k, slice));
  }
  const committed = ledger.committed(y);
  const overCommitted = Math.max(0, committed - budget);

  // 2–4. Rank the others and fund what fits, now and in the later years of their slices.
  const ranked = [...candidates].sort(compareCandidates);
  for (const work of ranked) {
    const first = work.slices[0] ?? 0;
    if (!fits(first, ledger.available(y))) {
      deferred.push({ id: work.id, reason: 'budget_exhausted' });
      continue;
    }
    let later = true;
    for (let k = 1; k < work.slices.length; k++) {
      if (!fits(work.slices[k]!, ledger.available(y + k))) {
        later = false;
        break;
      }
    }
    if (!later) {
      deferred.push({ id: work.id, reason: 'later_years_full' });
      continue;
    }
    work.slices.forEach((slice, k) => ledger.reserve(y + k, slice));
    funded.push(work.id);
  }

  const spent = ledger.committed(y);
  ledger.close(y, spent);
  return { funded, deferred, spent, overCommitted, left: Math.max(0, budget - spent) };
}
