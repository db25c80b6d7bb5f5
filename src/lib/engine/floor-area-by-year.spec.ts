import { describe, expect, it } from 'vitest';
import { floorAreaByYear } from './floor-area-by-year';

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
