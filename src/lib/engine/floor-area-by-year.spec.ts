import { describe, expect, it } from 'vitest';
import { ageProfile, floorAreaByYear } from './floor-area-by-year';

describe('floorAreaByYear', () => {
  const rows = [
    { yearBuilt: 1975, category: 'school', area: 3000 },
    { yearBuilt: 1975, category: 'school', area: 500 },
    { yearBuilt: 1978, category: 'public_housing', area: 1200 },
    { yearBuilt: 1996, category: 'school', area: 800 },
    { yearBuilt: null, category: 'other', area: 100 },
    { yearBuilt: 1980, category: 'civic_culture', area: 400 }
  ];

  it('fills every year from the oldest to the newest, gaps as zero', () => {
    const result = floorAreaByYear(rows, 2026);
    expect(result.years[0]).toBe(1975);
    expect(result.years.at(-1)).toBe(1996);
    expect(result.years).toHaveLength(22);
  });

  it('stacks by category in the 総務省 order and sums rows of the same year and category', () => {
    const result = floorAreaByYear(rows, 2026);
    expect(result.series.map((s) => s.category)).toEqual([
      'civic_culture',
      'school',
      'public_housing',
      'other'
    ]);
    const school = result.series.find((s) => s.category === 'school')!;
    expect(school.values[0]).toBe(3500);
    expect(school.values[1996 - 1975]).toBe(800);
    expect(school.values.reduce((a, b) => a + b, 0)).toBe(4300);
  });

  it('keeps unknown years out of the bars but in the total', () => {
    const result = floorAreaByYear(rows, 2026);
    expect(result.unknownYearArea).toBe(100);
    expect(result.totalArea).toBe(6000);
    const barTotal = result.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0);
    expect(barTotal).toBe(5900);
  });

  it('counts the old seismic code (≤ FY1980) and the 30-year age threshold', () => {
    const result = floorAreaByYear(rows, 2026);
    expect(result.oldSeismicCodeArea).toBe(3500 + 1200 + 400);
    // 2026 − 1996 = 30: exactly 30 years counts as 30 or older.
    expect(result.olderThan30Area).toBe(5900);
    expect(floorAreaByYear(rows, 2025).olderThan30Area).toBe(5100);
  });

  it('returns empty series for no buildings', () => {
    const result = floorAreaByYear([], 2026);
    expect(result).toEqual({
      years: [],
      series: [],
      unknownYearArea: 0,
      totalArea: 0,
      oldSeismicCodeArea: 0,
      olderThan30Area: 0
    });
  });
});

describe('ageProfile', () => {
  const rows = [
    { yearBuilt: 2026, category: 'school', area: 10 }, // age 0
    { yearBuilt: 2017, category: 'school', area: 20 }, // age 9
    { yearBuilt: 2016, category: 'school', area: 40 }, // age 10
    { yearBuilt: 1966, category: 'public_housing', area: 80 }, // age 60: the open band
    { yearBuilt: 1900, category: 'school', area: 160 }, // age 126: the open band
    { yearBuilt: null, category: 'other', area: 5 },
    { yearBuilt: 2030, category: 'school', area: 1000 } // not built yet in 2026
  ];

  it('puts each building in the band of its age, the oldest in the open last band', () => {
    const p = ageProfile(rows, 2026);
    expect(p.bands).toEqual([
      { from: 0, to: 9 },
      { from: 10, to: 19 },
      { from: 20, to: 29 },
      { from: 30, to: 39 },
      { from: 40, to: 49 },
      { from: 50, to: null }
    ]);
    expect(p.series.map((s) => s.category)).toEqual(['school', 'public_housing', 'other']);
    // 2026 and 2017 are 0–9; 2016 is 10–19; 1966 (60) and 1900 (126) fall in the open band.
    expect(p.series[0]!.values).toEqual([30, 40, 0, 0, 0, 160]);
    expect(p.series[1]!.values).toEqual([0, 0, 0, 0, 0, 80]);
    expect(p.series[2]!.values).toEqual([0, 0, 0, 0, 0, 0]);
    expect(p.unknownYearArea).toBe(5);
    // What is not built yet is not counted.
    expect(p.totalArea).toBe(315);
  });

  it('takes other band widths and counts', () => {
    const p = ageProfile(rows, 2026, 5, 3);
    expect(p.bands).toEqual([
      { from: 0, to: 4 },
      { from: 5, to: 9 },
      { from: 10, to: null }
    ]);
    expect(p.series[0]!.values).toEqual([10, 20, 200]);
  });
});
