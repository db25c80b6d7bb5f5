/**
 * Population by area, projected: the cohort-component method the 国立社会保障・人口問題研究所 uses
 * for municipal projections, applied per small area in five-year steps from a census year.
 *
 * Population is kept by sex and five-year age group: 0–4, 5–9, …, 80–84 and 85+ (18 groups).
 * One step from year t to t + 5 (reference/standards.md §10):
 * - ages 5–9 … 80–84: P(t+5, x+1) = P(t, x) × (S(x) + M(x)) — the cohort ages one group, with its
 *   survival rate S and its net migration rate M (net migrants over five years ÷ the cohort at t);
 * - 85+: P(t+5, 85+) = P(t, 80–84) × (S + M)(80–84) + P(t, 85+) × (S + M)(85+);
 * - 0–4: the child–woman ratio × the women aged 15–49 at t + 5, split by the sex ratio at birth
 *   (boys per 100 girls): boys = children × SRB ÷ (100 + SRB).
 * Never negative: a cohort whose rates would take it below zero stays at zero. Scaling to the
 * city's official total (人口ビジョン) multiplies every cell of that year by one factor, so the
 * areas keep their shares and the total is exact.
 */
import { z } from 'zod';

export const AGE_GROUPS = 18;
/** The first age of each group (85 for the open group 85+). */
export const groupStart = (g: number) => g * 5;
export const SEXES = ['m', 'f'] as const;
export type Sex = (typeof SEXES)[number];

/** One area's population: by sex, 18 five-year groups each. */
export type Cohorts = Record<Sex, number[]>;

const rates = z.array(z.number().min(0).max(2)).length(AGE_GROUPS);
export const projectionParamsSchema = z
  .object({
    /** Five-year survival rate of each group (the share alive five years later), by sex. */
    survival: z.object({ m: rates, f: rates }).strict(),
    /** Five-year net migration rate of each group, by sex (negative: more leave). */
    migration: z
      .object({
        m: z.array(z.number().min(-1).max(1)).length(AGE_GROUPS),
        f: z.array(z.number().min(-1).max(1)).length(AGE_GROUPS)
      })
      .strict(),
    /** Children 0–4 per woman aged 15–49. */
    childWomanRatio: z.number().min(0).max(2),
    /** Boys born per 100 girls. */
    sexRatioAtBirth: z.number().min(80).max(130),
    source: z.string().max(500)
  })
  .strict();
export type ProjectionParams = z.infer<typeof projectionParamsSchema>;

const zeros = () => new Array<number>(AGE_GROUPS).fill(0);

/** The total of one area's cohorts (or of some groups: `from`…`to` inclusive). */
export function total(c: Cohorts, from = 0, to = AGE_GROUPS - 1): number {
  let sum = 0;
  for (const s of SEXES) for (let g = from; g <= to; g++) sum += c[s][g]!;
  return sum;
}

/** One five-year step of one area. */
export function stepCohorts(c: Cohorts, p: ProjectionParams): Cohorts {
  const next: Cohorts = { m: zeros(), f: zeros() };
  for (const s of SEXES) {
    const grow = (g: number) => Math.max(0, c[s][g]! * (p.survival[s][g]! + p.migration[s][g]!));
    for (let g = 1; g < AGE_GROUPS - 1; g++) next[s][g] = grow(g - 1);
    next[s][AGE_GROUPS - 1] = grow(AGE_GROUPS - 2) + grow(AGE_GROUPS - 1);
  }
  // Women 15–49 (groups 3–9) five years on bear the children 0–4.
  let women = 0;
  for (let g = 3; g <= 9; g++) women += next.f[g]!;
  const children = women * p.childWomanRatio;
  next.m[0] = (children * p.sexRatioAtBirth) / (100 + p.sexRatioAtBirth);
  next.f[0] = children - next.m[0];
  return next;
}

/** The areas' cohorts every five years from `baseYear` to at least `untilYear`. */
export function projectAreas(
  areas: readonly Cohorts[],
  baseYear: number,
  untilYear: number,
  p: ProjectionParams
): { years: number[]; areas: Cohorts[][] } {
  const years = [baseYear];
  const out = areas.map((a) => [{ m: [...a.m], f: [...a.f] }]);
  while (years.at(-1)! < untilYear) {
    years.push(years.at(-1)! + 5);
    for (const series of out) series.push(stepCohorts(series.at(-1)!, p));
  }
  return { years, areas: out };
}

/**
 * Every cell of each year scaled so that the areas sum to the official total of that year (a
 * year without one stays as projected).
 */
export function scaleToTotals(
  projected: { years: number[]; areas: Cohorts[][] },
  totals: ReadonlyMap<number, number>
): { years: number[]; areas: Cohorts[][] } {
  const areas = projected.areas.map((series) => series.map((c) => ({ m: [...c.m], f: [...c.f] })));
  projected.years.forEach((year, k) => {
    const target = totals.get(year);
    if (target === undefined) return;
    const sum = areas.reduce((s, series) => s + total(series[k]!), 0);
    if (sum <= 0) return;
    const factor = target / sum;
    for (const series of areas)
      for (const s of SEXES) series[k]![s] = series[k]![s].map((v) => v * factor);
  });
  return { years: projected.years, areas };
}

/** A projected series at any year: linear between the five-year points, flat beyond the last. */
export function atYear(years: readonly number[], values: readonly number[], year: number): number {
  if (year <= years[0]!) return values[0]!;
  for (let k = 1; k < years.length; k++)
    if (year <= years[k]!) {
      const w = (year - years[k - 1]!) / (years[k]! - years[k - 1]!);
      return values[k - 1]! * (1 - w) + values[k]! * w;
    }
  return values.at(-1)!;
}

/**
 * Age bands the uses are served by, as (group, weight) pairs: a band that splits a five-year group
 * takes its share of it, the ages in a group counted as equally many (6–11: 4/5 of 5–9 and 2/5 of
 * 10–14).
 */
const range = (from: number, to: number): [number, number][] =>
  Array.from({ length: to - from + 1 }, (_, k) => [from + k, 1]);
export const AGE_BANDS = {
  all: range(0, AGE_GROUPS - 1),
  children0to5: [
    [0, 1],
    [1, 0.2]
  ],
  children6to11: [
    [1, 0.8],
    [2, 0.4]
  ],
  children12to14: [[2, 0.6]],
  working15to64: range(3, 12),
  elderly65: range(13, AGE_GROUPS - 1)
} as const satisfies Record<string, readonly (readonly [number, number])[]>;
export type AgeBand = keyof typeof AGE_BANDS;

/** The people of a band in one area's cohorts. */
export function inBand(c: Cohorts, band: AgeBand): number {
  let sum = 0;
  for (const [g, w] of AGE_BANDS[band]) sum += (c.m[g]! + c.f[g]!) * w;
  return sum;
}
