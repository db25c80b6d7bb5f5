/**
 * 有形固定資産減価償却率 on a small register derived by hand (each figure below worked out on paper
 * from the rule in the module's comment, not by running the code).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accumulatedDepreciation,
  depreciationSeries,
  ledgerAsset,
  monthsInFirstYear,
  straightLineRate,
  type LedgerAsset
} from './depreciation';

// A: ¥10,000,000, 50 years (rate 0.020 → ¥200,000 a year), acquired 2000-04-01 (FY2000, 12 months).
const A: LedgerAsset = {
  acquisitionYen: 10_000_000,
  lifeYears: 50,
  acquiredYear: 2000,
  acquiredMonth: 4
};
// B: ¥1,000,000, 10 years (0.100 → ¥100,000), acquired 2010-10-15 (FY2010, Oct–Mar: 6 months).
const B: LedgerAsset = {
  acquisitionYen: 1_000_000,
  lifeYears: 10,
  acquiredYear: 2010,
  acquiredMonth: 10
};
// C: ¥3,000,000, 3 years (0.334 → ¥1,002,000), acquired 2015-03-10 (FY2014, March: 1 month).
const C: LedgerAsset = {
  acquisitionYen: 3_000_000,
  lifeYears: 3,
  acquiredYear: 2014,
  acquiredMonth: 3
};
// D: like A but disposed of in FY2016: no longer in the register at the end of FY2017.
const D: LedgerAsset = { ...A, acquiredYear: 1990, disposedYear: 2016 };

describe('straight-line rate (耐用年数省令 別表第十)', () => {
  it('is 1 ÷ life rounded up to three decimals', () => {
    expect(straightLineRate(50)).toBe(0.02);
    expect(straightLineRate(47)).toBe(0.022);
    expect(straightLineRate(38)).toBe(0.027);
    expect(straightLineRate(24)).toBe(0.042);
    expect(straightLineRate(10)).toBe(0.1);
    expect(straightLineRate(3)).toBe(0.334);
    expect(straightLineRate(60)).toBe(0.017);
  });
  it('refuses a life below one year', () => {
    expect(() => straightLineRate(0)).toThrow(RangeError);
  });
});

describe('months of the first fiscal year', () => {
  it('counts from the month acquired to March', () => {
    expect([4, 5, 9, 10, 12, 1, 2, 3].map(monthsInFirstYear)).toEqual([12, 11, 7, 6, 4, 3, 2, 1]);
  });
});

describe('accumulated depreciation (by months in the first year)', () => {
  it('A: ten whole years at ¥200,000', () => {
    expect(accumulatedDepreciation(A, 1999, 'months')).toBe(0);
    expect(accumulatedDepreciation(A, 2000, 'months')).toBe(200_000);
    expect(accumulatedDepreciation(A, 2009, 'months')).toBe(2_000_000);
  });
  it('B: half a first year, then held at ¥1 once past its life', () => {
    expect(accumulatedDepreciation(B, 2010, 'months')).toBe(50_000);
    expect(accumulatedDepreciation(B, 2019, 'months')).toBe(950_000);
    expect(accumulatedDepreciation(B, 2020, 'months')).toBe(999_999);
    expect(accumulatedDepreciation(B, 2040, 'months')).toBe(999_999);
  });
  it('C: one month in its first year (rounded down to the yen), then capped', () => {
    expect(accumulatedDepreciation(C, 2014, 'months')).toBe(83_500);
    expect(accumulatedDepreciation(C, 2015, 'months')).toBe(1_085_500);
    expect(accumulatedDepreciation(C, 2016, 'months')).toBe(2_087_500);
    expect(accumulatedDepreciation(C, 2017, 'months')).toBe(2_999_999);
  });
  it('the other first-year rules: a whole year, or none', () => {
    expect(accumulatedDepreciation(C, 2014, 'full')).toBe(1_002_000);
    expect(accumulatedDepreciation(C, 2014, 'next_year')).toBe(0);
    expect(accumulatedDepreciation(A, 2009, 'next_year')).toBe(1_800_000);
    expect(accumulatedDepreciation(B, 2010, 'full')).toBe(100_000);
  });
});

describe('the ratio over the register as it stood', () => {
  it('FY2017: A ¥3,600,000 + B ¥750,000 + C ¥2,999,999 over ¥14,000,000 (D disposed of)', () => {
    const [p] = depreciationSeries([A, B, C, D], [2017], 'months');
    expect(p).toEqual({
      year: 2017,
      acquisitionYen: 14_000_000,
      accumulatedYen: 7_349_999,
      ratio: 7_349_999 / 14_000_000,
      assets: 3
    });
  });
  it('FY2009: only A and D were held (B, C acquired later)', () => {
    const [p] = depreciationSeries([A, B, C, D], [2009], 'months');
    // A: ¥2,000,000; D (from FY1990): 20 years × ¥200,000 = ¥4,000,000.
    expect(p!.acquisitionYen).toBe(20_000_000);
    expect(p!.accumulatedYen).toBe(6_000_000);
    expect(p!.ratio).toBeCloseTo(0.3, 12);
  });
  it('is null with nothing depreciable held', () => {
    expect(depreciationSeries([A], [1999], 'months')[0]!.ratio).toBeNull();
  });
  it('never passes the 備忘価額: accumulated < acquisition, and grows year by year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 1e10 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('months', 'full', 'next_year' as const),
        (yen, life, month, rule) => {
          const a: LedgerAsset = {
            acquisitionYen: yen,
            lifeYears: life,
            acquiredYear: 2000,
            acquiredMonth: month
          };
          let last = 0;
          for (let y = 2000; y <= 2000 + life + 2; y++) {
            const v = accumulatedDepreciation(a, y, rule);
            if (v < last || v > yen - 1) return false;
            last = v;
          }
          return last === yen - 1;
        }
      )
    );
  });
});

describe('a register row as a ledger asset', () => {
  it('takes the fiscal year and month of 取得年月日, else the year built', () => {
    const row = { acquisitionYen: 1e6, serviceLifeYears: 10, yearBuilt: 1990 };
    expect(ledgerAsset({ ...row, acquiredOn: '1991-02-15' })).toMatchObject({
      acquiredYear: 1990,
      acquiredMonth: 2
    });
    expect(ledgerAsset({ ...row, acquiredOn: null })).toMatchObject({
      acquiredYear: 1990,
      acquiredMonth: null
    });
  });
  it('is null without a value, a life or a year', () => {
    const row = { acquisitionYen: 1e6, serviceLifeYears: 10, yearBuilt: 1990, acquiredOn: null };
    expect(ledgerAsset({ ...row, acquisitionYen: null })).toBeNull();
    expect(ledgerAsset({ ...row, serviceLifeYears: null })).toBeNull();
    expect(ledgerAsset({ ...row, yearBuilt: null })).toBeNull();
  });
});
