/** Candidates for review on three facilities and three areas worked by hand. */
import { describe, expect, it } from 'vitest';
import { rankCandidates, type CandidateFacility } from './candidates';

const KM = 1000 / 111_195;
const at = (km: number) => ({ lon: 135, lat: 35 + km * KM });
const facility = (
  f: Partial<CandidateFacility> & { code: string; km: number }
): CandidateFacility => ({
  group: 'g',
  reach: 1_500,
  band: 0,
  floorArea: 1_000,
  yearlyUsers: null,
  worstGrade: null,
  oldestYear: null,
  ...at(f.km),
  ...f
});

describe('three facilities on a strip', () => {
  // Areas at 0, 1 and 5 km: 100 → 40, 100 → 90 and 50 → 50 people.
  const areas = [
    { ...at(0), now: [100], later: [40] },
    { ...at(1), now: [100], later: [90] },
    { ...at(5), now: [50], later: [50] }
  ];
  const ranked = rankCandidates(
    [
      facility({ code: 'F1', km: 0, yearlyUsers: 2_000, worstGrade: 'D' }),
      facility({ code: 'F2', km: 1, floorArea: 500, yearlyUsers: 500, oldestYear: 1975 }),
      facility({ code: 'F3', km: 5, floorArea: 100 })
    ],
    areas,
    2026
  );
  const byCode = Object.fromEntries(ranked.map((c) => [c.code, c]));

  it('falling demand: 200 → 130 people within reach is −35 %, scored 0.7', () => {
    expect(byCode.F1!.demand).toEqual({ now: 200, later: 130, change: -0.35, score: 0.7 });
    expect(byCode.F3!.demand.score).toBe(0);
  });

  it('overlap: both areas of F1 and F2 are reached by the other too; F3 alone', () => {
    expect(byCode.F1!.overlap.share).toBe(1);
    expect(byCode.F2!.overlap.share).toBe(1);
    expect(byCode.F3!.overlap.share).toBe(0);
  });

  it('low use: 2 and 1 users per ㎡ around a median of 1.5; unknown is left out', () => {
    expect(byCode.F1!.use).toEqual({ perM2: 2, median: 1.5, score: 0 });
    expect(byCode.F2!.use.score).toBeCloseTo(1 / 3, 12);
    expect(byCode.F3!.use.score).toBeNull();
  });

  it('condition: grade D is 1; without a grade, 51 years ÷ 60; neither, left out', () => {
    expect(byCode.F1!.condition.score).toBe(1);
    expect(byCode.F2!.condition).toEqual({ grade: null, age: 51, score: 0.85 });
    expect(byCode.F3!.condition.score).toBeNull();
  });

  it('ranks by the mean of the criteria scored', () => {
    expect(ranked.map((c) => c.code)).toEqual(['F2', 'F1', 'F3']);
    expect(byCode.F1!.score).toBeCloseTo((0.7 + 1 + 0 + 1) / 4, 12);
    expect(byCode.F2!.score).toBeCloseTo((0.7 + 1 + 1 / 3 + 0.85) / 4, 12);
    expect(byCode.F3).toMatchObject({ score: 0, criteria: 2 });
  });
});
