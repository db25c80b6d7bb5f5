/**
 * The condition of the graded assets (buildings and bridges) through the budget loop. Each ages
 * along its class's curve from an origin year — its last renewal, or its latest inspection —
 * and funded renewals and renovations reset the origin to their year (a mid-life repair takes
 * 10 years off); or, with a Markov model, each moves its grade probabilities one year at a time
 * and a funded work resets them to the best grade (condition.ts).
 */
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
import type { BudgetOptions } from './budget-types';
import type { WorkType } from './work-types';

export class ConditionTracker {
  private readonly curveOf: (ConditionCurve | null)[];
  private readonly origin: Float64Array;
  /** Graded assets (a curve and a known origin), by index. */
  private readonly graded: number[] = [];
  private readonly markov: MarkovModel | null;
  private readonly chain: (Float64Array | null)[];
  private readonly renewedIn: Int32Array;
  /** Mean grade points of the graded assets at the start year, before any work. */
  readonly initialScore: number | null;

  constructor(
    private readonly all: readonly EngineAsset[],
    options: Pick<BudgetOptions, 'conditionCurves' | 'conditionModel'>,
    private readonly closeYear: Float64Array,
    private readonly startYear: number
  ) {
    const curves = {
      building: DEFAULT_CURVES.building,
      bridge: DEFAULT_CURVES.bridge,
      ...options.conditionCurves
    };
    this.curveOf = all.map((a) =>
      a.assetClass === 'building' || a.assetClass === 'bridge'
        ? (curves[a.assetClass] ?? null)
        : null
    );
    this.origin = new Float64Array(all.length).fill(NaN);
    all.forEach((a, i) => {
      const curve = this.curveOf[i];
      if (!curve) return;
      const inspection =
        a.conditionGrade && a.inspectedYear != null
          ? { grade: a.conditionGrade, year: a.inspectedYear }
          : null;
      this.origin[i] = conditionOrigin(curve, a.yearBuilt, inspection) ?? NaN;
    });
    for (let a = 0; a < all.length; a++)
      if (this.curveOf[a] && !Number.isNaN(this.origin[a]!)) this.graded.push(a);
    this.markov = options.conditionModel?.kind === 'markov' ? options.conditionModel : null;
    this.chain = all.map(() => null);
    this.renewedIn = new Int32Array(all.length).fill(-1);
    if (this.markov) {
      const problems = checkMarkovModel(this.markov, curves);
      if (problems.length) throw new Error(`condition model: ${problems.join('; ')}`);
      // Each graded asset's grade probabilities, starting at its grade in the start year.
      for (const a of this.graded) {
        const curve = this.curveOf[a]!;
        if (!this.markov.matrices[all[a]!.assetClass as 'building' | 'bridge']) continue;
        const state = new Float64Array(curve.grades.length);
        state[curve.grades.indexOf(gradeAtAge(curve, startYear - this.origin[a]!))] = 1;
        this.chain[a] = state;
      }
    }
    this.initialScore = averageCondition(this.gradeCounts(startYear));
  }

  /** A funded work of asset a in `year` renews its condition (a demolition does not). */
  renewed(a: number, type: WorkType, year: number): void {
    if (!this.curveOf[a]) return;
    if (type === 'midlife_repair') this.origin[a] = Math.min(year, this.origin[a]! + 10);
    else if (type !== 'demolition') this.origin[a] = year;
    const state = this.chain[a];
    if (state && type !== 'demolition') {
      state.fill(0);
      state[0] = 1; // renewed: the best grade (a mid-life repair too, under this model)
      this.renewedIn[a] = year;
    }
  }

  /**
   * Graded assets in service by grade at the end of `year` (expected counts under a Markov
   * model, which steps each chain one year: call once per year, in order).
   */
  counts(year: number): Record<string, number> {
    return this.markov ? this.markovCounts(year, this.markov) : this.gradeCounts(year);
  }

  /** Mean grade points of counts (A/Ⅰ 100, B/Ⅱ 75, C/Ⅲ 40, D/Ⅳ 10), or null without any. */
  score(counts: Record<string, number>): number | null {
    return averageCondition(counts);
  }

  /** Graded assets in service by grade in `year`, from the current origins. */
  private gradeCounts(year: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.graded) {
      if (year >= this.closeYear[a]!) continue;
      const grade = gradeAtAge(this.curveOf[a]!, year - this.origin[a]!);
      counts[grade] = (counts[grade] ?? 0) + 1;
    }
    return counts;
  }

  /** Expected counts per grade under the Markov model (assets without a matrix: age curve). */
  private markovCounts(year: number, markov: MarkovModel): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.graded) {
      if (year >= this.closeYear[a]!) continue;
      const curve = this.curveOf[a]!;
      const state = this.chain[a];
      if (!state) {
        const grade = gradeAtAge(curve, year - this.origin[a]!);
        counts[grade] = (counts[grade] ?? 0) + 1;
        continue;
      }
      if (year > this.startYear && this.renewedIn[a] !== year)
        stepMarkov(state, markov.matrices[this.all[a]!.assetClass as 'building' | 'bridge']!);
      state.forEach((p, g) => {
        if (p > 0) counts[curve.grades[g]!] = (counts[curve.grades[g]!] ?? 0) + p;
      });
    }
    return counts;
  }
}
