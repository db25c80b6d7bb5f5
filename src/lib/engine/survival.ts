/**
 * Weibull survival (Engine II): the chance that an asset is still fit for service at age x,
 *   S(x) = exp(−(x / η)^β),
 * with shape β (how tightly lives gather around the typical one: β = 1 is a constant hazard, β ≈ 3–5
 * is the wear-out seen in pipe-break studies) and scale η. Hozen anchors η on the standard's life:
 * the standard's age is the MEDIAN life (half the assets need their work earlier, half later), so
 * η = life / (ln 2)^(1/β), and the method's figures stay the centre of the distribution.
 *
 * The default shapes are Hozen's assumptions (to confirm against a city's own break records):
 * water and sewer pipes 4, bridges 5, buildings 6 (buildings are renewed on a plan more than on
 * failure). A shape of 0 (or none) keeps the class on the method's fixed ages.
 */
import type { AssetClass } from './asset-classes';

export type SurvivalShapes = Partial<Record<AssetClass, number>>;

export const DEFAULT_SHAPES: SurvivalShapes = {
  water_pipe: 4,
  sewer_pipe: 4,
  bridge: 5,
  building: 6
};

/** The Weibull scale η whose median is `median`. */
export function scaleForMedian(median: number, shape: number): number {
  return median / Math.pow(Math.LN2, 1 / shape);
}

/** S(x): the probability of lasting beyond age x. */
export function survival(x: number, shape: number, scale: number): number {
  return x <= 0 ? 1 : Math.exp(-Math.pow(x / scale, shape));
}

/** The life with survival probability `u` (0 < u ≤ 1): S⁻¹(u), by inverse transform. */
export function weibullLife(u: number, shape: number, scale: number): number {
  return scale * Math.pow(-Math.log(u), 1 / shape);
}

/**
 * Problems with survival shapes (empty when usable): every shape a finite number ≥ 0, for a class
 * whose works fall due by age (not roads, which the method renews by a fixed share each year).
 */
export function checkShapes(shapes: SurvivalShapes): string[] {
  const problems: string[] = [];
  for (const [cls, shape] of Object.entries(shapes)) {
    if (cls === 'road') problems.push('road: renewed by a yearly share, it has no life to draw');
    else if (!['building', 'bridge', 'water_pipe', 'sewer_pipe'].includes(cls))
      problems.push(`${cls}: not an asset class`);
    else if (typeof shape !== 'number' || !Number.isFinite(shape) || shape < 0)
      problems.push(`${cls}: the shape must be a number ≥ 0 (${String(shape)})`);
  }
  return problems;
}
