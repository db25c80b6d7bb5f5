/**
 * Default assumptions of the population projection — Hozen's placeholders of the usual shape,
 * not the 社人研's published assumptions (which a city should enter): five-year survival falling
 * with age (a little lower for men), a child–woman ratio of 0.19 (children 0–4 per woman 15–49,
 * about what a Japanese city of 140,000 shows) and 105 boys per 100 girls; no net migration.
 * Status: to confirm, and editable.
 */
import type { ProjectionParams } from './population';

// Survival from each group to the next five years later: 0–4 … 80–84, 85+ (into 85+ again).
const WOMEN = [
  0.999, 0.9995, 0.9995, 0.999, 0.999, 0.999, 0.998, 0.997, 0.996, 0.993, 0.99, 0.985, 0.978, 0.965,
  0.945, 0.905, 0.83, 0.55
];
const MEN = [
  0.999, 0.9995, 0.999, 0.998, 0.998, 0.998, 0.997, 0.995, 0.992, 0.987, 0.979, 0.967, 0.95, 0.925,
  0.89, 0.83, 0.73, 0.45
];

export const DEFAULT_PROJECTION: ProjectionParams = {
  survival: { m: MEN, f: WOMEN },
  migration: { m: new Array<number>(18).fill(0), f: new Array<number>(18).fill(0) },
  childWomanRatio: 0.19,
  sexRatioAtBirth: 105,
  source: 'Hozen の仮定値（要確認）：社人研の仮定値に置き換えてください'
};
