/** The cohort-component projection on a case worked by hand, and its invariants. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AGE_GROUPS,
  atYear,
  inBand,
  projectAreas,
  scaleToTotals,
  stepCohorts,
  total,
  type Cohorts,
  type ProjectionParams
} from './population';
import { DEFAULT_PROJECTION } from './population-defaults';

const flat = (v: number) => new Array<number>(AGE_GROUPS).fill(v);
const params: ProjectionParams = {
  survival: { m: flat(0.9), f: flat(0.9) },
  migration: { m: flat(0), f: flat(0).map((v, g) => (g === 3 ? 0.1 : v)) },
  childWomanRatio: 0.25,
  sexRatioAtBirth: 105,
  source: 'test'
};
const area = (cells: Partial<Record<'m' | 'f', Record<number, number>>>): Cohorts => ({
  m: flat(0).map((_, g) => cells.m?.[g] ?? 0),
  f: flat(0).map((_, g) => cells.f?.[g] ?? 0)
});

describe('two five-year steps worked by hand', () => {
  // Girls 10–14: 100; women 15–19: 200 (+10 % net migration); men 80–84: 50 and 85+: 20.
  const start = area({ f: { 2: 100, 3: 200 }, m: { 16: 50, 17: 20 } });
  const one = stepCohorts(start, params);
  const two = stepCohorts(one, params);
  it('step 1: cohorts age a group; 85+ gathers two; births from the women five years on', () => {
    expect(one.f[3]).toBeCloseTo(90, 10); // 100 × 0.9
    expect(one.f[4]).toBeCloseTo(200, 10); // 200 × (0.9 + 0.1)
    expect(one.m[17]).toBeCloseTo(63, 10); // 50 × 0.9 + 20 × 0.9
    // Women 15–49 at t+5: 90 + 200 = 290; × 0.25 = 72.5 children, 105 boys per 100 girls.
    expect(one.m[0]).toBeCloseTo((72.5 * 105) / 205, 10);
    expect(one.f[0]).toBeCloseTo((72.5 * 100) / 205, 10);
    expect(total(one)).toBeCloseTo(425.5, 10);
  });
  it('step 2', () => {
    expect(one.m[0]! * 0.9).toBeCloseTo(two.m[1]!, 10);
    expect(two.f[4]).toBeCloseTo(90, 10);
    expect(two.f[5]).toBeCloseTo(180, 10);
    expect(two.m[17]).toBeCloseTo(56.7, 10);
    // Women 15–49: 90 + 180 = 270 → 67.5 children.
    expect(two.m[0]! + two.f[0]!).toBeCloseTo(67.5, 10);
    expect(total(two)).toBeCloseTo(65.25 + 270 + 56.7 + 67.5, 10);
  });
  it('projects areas every five years to the year asked', () => {
    const p = projectAreas([start], 2020, 2030, params);
    expect(p.years).toEqual([2020, 2025, 2030]);
    expect(total(p.areas[0]![2]!)).toBeCloseTo(459.45, 10);
  });
});

describe('scaling to the official total', () => {
  it('is exact each year, and keeps the areas’ shares', () => {
    const a = area({ f: { 5: 300 } });
    const b = area({ m: { 5: 100 } });
    const p = projectAreas([a, b], 2020, 2030, params);
    const scaled = scaleToTotals(p, new Map([[2025, 1_000]]));
    const at = (k: number) => scaled.areas.reduce((s, x) => s + total(x[k]!), 0);
    expect(at(1)).toBeCloseTo(1_000, 9);
    expect(total(scaled.areas[0]![1]!) / total(scaled.areas[1]![1]!)).toBeCloseTo(
      total(p.areas[0]![1]!) / total(p.areas[1]![1]!),
      12
    );
    expect(at(0)).toBeCloseTo(400, 12); // a year without an official total stays as projected
  });
});

describe('invariants', () => {
  it('every cell stays ≥ 0; total by age sums to the total; no births without women 15–49', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), {
          minLength: 2 * AGE_GROUPS,
          maxLength: 2 * AGE_GROUPS
        }),
        (cells) => {
          const c: Cohorts = { m: cells.slice(0, AGE_GROUPS), f: cells.slice(AGE_GROUPS) };
          const next = stepCohorts(c, DEFAULT_PROJECTION);
          const byAge = next.m.map((v, g) => v + next.f[g]!);
          return (
            [...next.m, ...next.f].every((v) => v >= 0) &&
            Math.abs(byAge.reduce((a, b) => a + b, 0) - total(next)) < 1e-6 &&
            (next.f.slice(3, 10).some((v) => v > 0) || next.m[0] === 0)
          );
        }
      )
    );
  });
  it('reads a year between the five-year points linearly', () => {
    expect(atYear([2020, 2025], [100, 90], 2023)).toBeCloseTo(94, 12);
    expect(atYear([2020, 2025], [100, 90], 2040)).toBe(90);
  });
});

describe('age bands', () => {
  it('split a five-year group by its share of ages (6–11 = 4/5 of 5–9 + 2/5 of 10–14)', () => {
    const c = area({ m: { 1: 50, 2: 100 }, f: { 1: 50, 2: 100 } });
    expect(inBand(c, 'children6to11')).toBeCloseTo(100 * 0.8 + 200 * 0.4, 12);
    expect(inBand(c, 'children12to14')).toBeCloseTo(120, 12);
    expect(inBand(c, 'all')).toBe(total(c));
  });
});
