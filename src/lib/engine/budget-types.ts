/** The budget loop's types: budgets, priority weights, options, yearly figures, outcomes. */
import type { DeferReason } from './allocate-budget';
import type { AssetClass } from './asset-classes';
import type { ConditionCurve, MarkovModel } from './condition';
import type { ProjectionOptions, ProjectionResult } from './projection';
import type { WorkType } from './work-types';

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

/** A work's outcome in words (the exports and pages show these, never the keys). */
export const OUTCOME_STATUS_LABELS: Record<OutcomeStatus, { ja: string; en: string }> = {
  funded: { ja: '実施', en: 'funded' },
  unfunded: { ja: '未実施（積み残し）', en: 'waiting (backlog)' },
  dropped: { ja: '取りやめ', en: 'dropped' },
  excluded: { ja: '対象外', en: 'excluded' }
};

/** Why a work waited, was dropped or excluded, in words. */
export const OUTCOME_REASON_LABELS: Record<
  NonNullable<WorkOutcome['reason']>,
  { ja: string; en: string }
> = {
  budget_exhausted: { ja: 'その年度の予算が尽きた', en: "the year's budget ran out" },
  later_years_full: {
    ja: '後年度の予算に分割分が収まらない',
    en: 'its later slices did not fit later budgets'
  },
  'superseded by rebuild': { ja: '建替えに置き換え', en: 'superseded by the rebuild' },
  'asset closed': { ja: '廃止', en: 'the asset closed' }
};
