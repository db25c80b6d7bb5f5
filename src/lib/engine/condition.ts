/**
 * Age-based condition curves (Engine II): a grade for an asset from the years since its last
 * renewal, reset by its latest inspection. Grades: buildings A–D (文科省), bridges Ⅰ–Ⅳ
 * (道路法施行規則), pavement Ⅰ–Ⅲ (舗装点検要領) — docs/standards.md §3. Pipes have no grade here.
 *
 * The curve is a list of age thresholds: with thresholds [20, 40, 60] an asset is in the first
 * grade below 20 years, the second below 40, the third below 60 and the last from 60 on. The
 * defaults are Hozen's (to confirm, and editable): buildings follow the 文科省 age rule for the
 * interior parts (A < 20, B 20–40, C ≥ 40) with D from 60; bridges Ⅰ < 20, Ⅱ < 40, Ⅲ < 60,
 * Ⅳ from 60; pavement Ⅰ < 10, Ⅱ < 20, Ⅲ from 20.
 *
 * An inspection resets the curve: an asset graded g in year Y is taken to be at the start of g's
 * age band in Y and to age normally from there (a worse grade than its age implies ages it; a
 * better one, after a repair, rejuvenates it).
 */
import type { AssetClass } from './asset-classes';

export interface ConditionCurve {
  grades: readonly string[];
  /** Ascending ages at which the next grade begins; one fewer than the grades. */
  thresholds: readonly number[];
}

export const DEFAULT_CURVES: Partial<Record<AssetClass, ConditionCurve>> = {
  building: { grades: ['A', 'B', 'C', 'D'], thresholds: [20, 40, 60] },
  bridge: { grades: ['I', 'II', 'III', 'IV'], thresholds: [20, 40, 60] },
  road: { grades: ['I', 'II', 'III'], thresholds: [10, 20] }
};

/** The grade of an asset `age` years after its last renewal. */
export function gradeAtAge(curve: ConditionCurve, age: number): string {
  let index = 0;
  while (index < curve.thresholds.length && age >= curve.thresholds[index]!) index += 1;
  return curve.grades[index]!;
}

/** The age at which a grade begins on the curve (0 for the first grade), or null if unknown. */
export function ageOfGrade(curve: ConditionCurve, grade: string): number | null {
  const index = curve.grades.indexOf(grade);
  if (index < 0) return null;
  return index === 0 ? 0 : curve.thresholds[index - 1]!;
}

/**
 * The year an asset's curve starts from: its last renewal, or — when it has an inspection — the
 * year that puts the inspected grade at the start of its band in the inspection year.
 */
export function conditionOrigin(
  curve: ConditionCurve,
  yearBuilt: number | null,
  inspection: { grade: string; year: number } | null
): number | null {
  if (inspection) {
    const age = ageOfGrade(curve, inspection.grade);
    if (age !== null) return inspection.year - age;
  }
  return yearBuilt;
}

/**
 * Points of a grade for an average condition score (0–100): the 文科省 part points A 100, B 75,
 * C 40, D 10 (docs/standards.md §3), applied alike to bridge grades Ⅰ–Ⅳ (Hozen's convention).
 */
export const GRADE_POINTS: Record<string, number> = {
  A: 100,
  B: 75,
  C: 40,
  D: 10,
  I: 100,
  II: 75,
  III: 40,
  IV: 10
};

/** The mean points of a grade distribution, or null when it is empty. */
export function averageCondition(counts: Record<string, number>): number | null {
  let sum = 0;
  let n = 0;
  for (const [grade, count] of Object.entries(counts)) {
    const points = GRADE_POINTS[grade];
    if (points === undefined) continue;
    sum += points * count;
    n += count;
  }
  return n > 0 ? sum / n : null;
}

/**
 * A Markov condition model: for each graded class, the yearly probabilities of moving from each
 * grade (row) to each grade (column), in the curve's grade order. An asset's state is then a
 * probability vector; the yearly snapshot sums them (expected counts, fractional).
 */
export interface MarkovModel {
  kind: 'markov';
  matrices: Partial<Record<'building' | 'bridge', number[][]>>;
}

/** Problems with a Markov model (empty when it is usable). */
export function checkMarkovModel(
  model: MarkovModel,
  curves: Partial<Record<AssetClass, ConditionCurve>>
): string[] {
  const problems: string[] = [];
  for (const [cls, matrix] of Object.entries(model.matrices)) {
    const curve = curves[cls as AssetClass];
    if (!curve) {
      problems.push(`${cls}: no condition grades for this class`);
      continue;
    }
    const n = curve.grades.length;
    if (!matrix || matrix.length !== n) {
      problems.push(`${cls}: needs ${n} rows (${curve.grades.join(', ')})`);
      continue;
    }
    matrix.forEach((row, r) => {
      if (row.length !== n)
        problems.push(`${cls}: row ${curve.grades[r]} needs ${n} probabilities`);
      else if (row.some((p) => !(p >= 0 && p <= 1)))
        problems.push(`${cls}: row ${curve.grades[r]} has a probability outside 0–1`);
      else if (Math.abs(row.reduce((a, b) => a + b, 0) - 1) > 1e-9)
        problems.push(`${cls}: row ${curve.grades[r]} does not sum to 1`);
    });
  }
  return problems;
}

/** One year of a Markov chain: `state` × `matrix`, in place. */
export function stepMarkov(state: Float64Array, matrix: readonly (readonly number[])[]): void {
  const n = state.length;
  const next = new Float64Array(n);
  for (let from = 0; from < n; from++) {
    const p = state[from]!;
    if (p === 0) continue;
    const row = matrix[from]!;
    for (let to = 0; to < n; to++) next[to]! += p * row[to]!;
  }
  state.set(next);
}
