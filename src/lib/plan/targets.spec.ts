import { describe, expect, it } from 'vitest';
import { targetPaths, targetsSchema } from './targets';

describe('target paths (hand-derived)', () => {
  // A 10-year scenario from FY2026: floor area 1,000 ㎡ falling by 20 ㎡ a year; buildings'
  // grades moving from 30 % C/D to 10 %; a backlog of 50 falling by 10 a year.
  const scenario = {
    startYear: 2026,
    stockArea: Array.from({ length: 10 }, (_, k) => 1000 - 20 * (k + 1)),
    condition: Array.from({ length: 10 }, (_, k) => ({
      A: 40,
      B: 30 + 2 * k,
      C: 20 - 2 * k,
      D: 10,
      I: 5,
      IV: 5
    })),
    backlog: Array.from({ length: 10 }, (_, k) => Math.max(0, 50 - 10 * (k + 1)))
  };
  const paths = targetPaths(
    [
      { kind: 'floor_area', baseYear: 2016, baseArea: 1_100, targetYear: 2030, changePercent: -20 },
      { kind: 'poor_share', targetYear: 2035, maxPercent: 15 },
      { kind: 'backlog', targetYear: 2029 },
      { kind: 'backlog', targetYear: 2040 }
    ],
    { floorArea: 1_000, poorShare: 32 },
    scenario
  );

  it('floor area: 1,100 ㎡ − 20 % = 880 ㎡ asked; FY2030 (5th year) has 900 ㎡: 20 ㎡ short', () => {
    expect(paths[0]).toMatchObject({ goal: 880, now: 1_000, projected: 900, gap: 20, met: false });
    expect(paths[0]!.path).toEqual([{ year: 2030, value: 900 }]);
  });

  it('C/D share: FY2035 (10th year) has (2 + 10) / 100 = 12 %: under 15 %', () => {
    expect(paths[1]).toMatchObject({ goal: 15, now: 32, projected: 12, met: true });
    expect(paths[1]!.gap).toBeCloseTo(-3, 9);
    expect(paths[1]!.path.map((p) => p.year)).toEqual([2030, 2035]);
  });

  it('backlog: cleared by FY2029 (4th year: 50 − 40 = 10 left), not by then; beyond the horizon: unknown', () => {
    expect(paths[2]).toMatchObject({ goal: 0, now: 40, projected: 10, gap: 10, met: false });
    expect(paths[3]).toMatchObject({ projected: null, gap: null, met: null, noVerdict: 'outside' });
  });

  it('no verdict on a backlog target under a scenario without a budget limit (no backlog can arise)', () => {
    const [p] = targetPaths(
      [{ kind: 'backlog', targetYear: 2030 }],
      { floorArea: 1, poorShare: 1 },
      {
        ...scenario,
        backlog: null
      }
    );
    expect(p).toMatchObject({
      now: null,
      projected: null,
      met: null,
      noVerdict: 'no_budget',
      path: []
    });
  });

  it('checks the targets a city enters', () => {
    expect(
      targetsSchema.safeParse([{ kind: 'poor_share', targetYear: 2035, maxPercent: 150 }]).success
    ).toBe(false);
    expect(targetsSchema.safeParse([{ kind: 'backlog', targetYear: 2035 }]).success).toBe(true);
  });
});
