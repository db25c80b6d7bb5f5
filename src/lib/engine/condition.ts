/**
 * Age-based condition curves (Engine II): a grade for an asset from the years since its last
 * renewal, reset by its latest inspection. Grades: buildings A–D (文科省), bridges Ⅰ–Ⅳ
 * (道路法施行規則), pavement Ⅰ–Ⅲ (舗装点検要領) — standards.md §3. Pipes have no grade here.
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
 * C 40, D 10 (standards.md §3), applied alike to bridge grades Ⅰ–Ⅳ (Hozen's convention).
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
