/**
 * The headline figures a plan reports from a projection: the total over the horizon, the annual
 * average, the peak year, the present value and — given the recent annual investment (直近5年平均の
 * 投資的経費) — the ratio of the annual average to it ("1.1倍", docs/standards.md §1.1).
 */
import type { ProjectionResult } from './projection';
import { WORK_TYPES, type WorkType } from './work-types';

export interface ProjectionSummary {
  startYear: number;
  endYear: number;
  years: number;
  /** Yen over the horizon (with inflation, if any). */
  total: number;
  annualAverage: number;
  peakYear: number;
  peakCost: number;
  /** Σ cost(S + k) ÷ (1 + discount)^k. */
  presentValue: number;
  /** The recent annual investment given, or null. */
  referenceInvestment: number | null;
  /** annualAverage ÷ referenceInvestment, or null. */
  ratioToReference: number | null;
  byWorkType: Record<WorkType, number>;
  byClass: Record<string, number>;
}

export function summarizeProjection(
  result: ProjectionResult,
  options: { discount?: number; referenceInvestment?: number | null } = {}
): ProjectionSummary {
  const discount = options.discount ?? 0;
  let total = 0;
  let presentValue = 0;
  let peakYear = result.startYear;
  let peakCost = -Infinity;
  result.totalsByYear.forEach((cost, k) => {
    total += cost;
    presentValue += cost / Math.pow(1 + discount, k);
    if (cost > peakCost) {
      peakCost = cost;
      peakYear = result.startYear + k;
    }
  });
  const byWorkType = Object.fromEntries(WORK_TYPES.map((w) => [w, 0])) as Record<WorkType, number>;
  const byClass: Record<string, number> = {};
  const n = result.combos.length;
  const nWork = WORK_TYPES.length;
  for (let y = 0; y < result.years; y++) {
    for (let c = 0; c < n; c++) {
      for (let w = 0; w < nWork; w++) {
        const cost = result.cells[(y * n + c) * nWork + w]!;
        if (cost === 0) continue;
        byWorkType[WORK_TYPES[w]!] += cost;
        const cls = result.combos[c]!.assetClass;
        byClass[cls] = (byClass[cls] ?? 0) + cost;
      }
    }
  }
  const annualAverage = result.years > 0 ? total / result.years : 0;
  const reference = options.referenceInvestment ?? null;
  return {
    startYear: result.startYear,
    endYear: result.startYear + result.years - 1,
    years: result.years,
    total,
    annualAverage,
    peakYear,
    peakCost: Math.max(0, peakCost),
    presentValue,
    referenceInvestment: reference,
    ratioToReference: reference && reference > 0 ? annualAverage / reference : null,
    byWorkType,
    byClass
  };
}
