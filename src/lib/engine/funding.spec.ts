/**
 * The finance model against cases worked by hand (the bond schedules with a calculator, outside
 * Hozen: Decimal arithmetic, half-up rounding to the yen), and its invariants on random plans.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fundPlan, fundingParamsSchema, repaymentSchedule, type FundingParams } from './funding';
import { DEFAULT_FUNDING } from './funding-defaults';
import { WORK_TYPES } from './work-types';
import { ASSET_CLASSES } from './asset-classes';

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

describe('a ¥100,000,000 bond at 1 % over 20 years with 3 years’ 据置', () => {
  const terms = { rate: 0.01, years: 20, grace: 3 } as const;
  it('元金均等: ¥5,882,352 a year from year 4 (the last ¥5,882,368), interest on what is left', () => {
    const s = repaymentSchedule(100_000_000, { ...terms, method: 'equal_principal' });
    expect(s.principal.slice(0, 5)).toEqual([0, 0, 0, 5_882_352, 5_882_352]);
    expect(s.interest.slice(0, 5)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000, 941_176]);
    expect(s.principal.slice(-2)).toEqual([5_882_352, 5_882_368]);
    expect(s.interest.slice(-2)).toEqual([117_647, 58_824]);
    expect(sum(s.principal)).toBe(100_000_000);
    expect(sum(s.interest)).toBe(12_000_000);
  });
  it('元利均等: ¥6,425,806 a year from year 4, the last year repaying what is left', () => {
    const s = repaymentSchedule(100_000_000, { ...terms, method: 'annuity' });
    expect(s.principal.slice(0, 5)).toEqual([0, 0, 0, 5_425_806, 5_480_064]);
    expect(s.interest.slice(0, 5)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000, 945_742]);
    for (let k = 3; k < 19; k++) expect(s.principal[k]! + s.interest[k]!).toBe(6_425_806);
    expect(s.principal.slice(-2)).toEqual([6_299_192, 6_362_178]);
    expect(s.interest.slice(-2)).toEqual([126_614, 63_622]);
    expect(sum(s.principal)).toBe(100_000_000);
    expect(sum(s.interest)).toBe(12_238_696);
  });
});

/** One kind of work, one class, a plan of `years` years. */
const params = (over: Partial<FundingParams>): FundingParams => ({
  bonds: {
    b: {
      label: 'bond',
      coverage: 0.9,
      allowance: 0.5,
      rate: 0.01,
      years: 20,
      grace: 3,
      method: 'equal_principal',
      source: ''
    }
  },
  rules: [{ assetClass: 'all', measure: 'all', subsidy: 0, bond: null, fund: 0, source: '' }],
  funds: { f: { label: 'fund', opening: 0, deposit: 0 } },
  standardFiscalSize: null,
  existingDebt: null,
  ...over
});

describe('a work split four ways', () => {
  it('¥100M: subsidy 1/3, bond 90 % of the rest, half the remainder from the fund, the rest general', () => {
    const p = params({
      rules: [
        { assetClass: 'all', measure: 'all', subsidy: 1 / 3, bond: 'b', fund: 0.5, source: '' }
      ],
      funds: { f: { label: 'fund', opening: 10_000_000, deposit: 0 } }
    });
    const [y] = fundPlan(
      [{ assetClass: 'building', workType: 'rebuild', perYear: [100_000_000] }],
      2026,
      1,
      p
    ).years;
    // S = 33,333,333.33…; B = 0.9 × 66,666,666.67 = 60,000,000; F = 0.5 × 6,666,666.67; G the same.
    expect(y!.subsidy).toBeCloseTo(33_333_333.333, 2);
    expect(y!.bond).toBeCloseTo(60_000_000, 2);
    expect(y!.fund).toBeCloseTo(3_333_333.333, 2);
    expect(y!.general).toBeCloseTo(3_333_333.333, 2);
    expect(y!.subsidy + y!.bond + y!.fund + y!.general).toBeCloseTo(100_000_000, 4);
    expect(y!.fundClosing).toBeCloseTo(6_666_666.667, 2);
  });
});

describe('a fund drawn below zero', () => {
  it('draws what it holds, moves the rest to general revenue and flags the year', () => {
    const p = params({
      rules: [{ assetClass: 'all', measure: 'all', subsidy: 0, bond: null, fund: 1, source: '' }],
      funds: { f: { label: 'fund', opening: 30_000_000, deposit: 10_000_000 } }
    });
    const r = fundPlan(
      [
        {
          assetClass: 'building',
          workType: 'renovation',
          perYear: [25_000_000, 25_000_000, 5_000_000]
        }
      ],
      2026,
      3,
      p
    );
    // 2026: 30M + 10M, draws 25M → 15M. 2027: 15M + 10M = 25M, draws 25M → 0.
    // 2028: 0 + 10M, draws 5M → 5M. No shortfall yet.
    expect(r.years.map((y) => y.fundClosing)).toEqual([15_000_000, 0, 5_000_000]);
    expect(r.shortfallYears).toEqual([]);
    const short = fundPlan(
      [{ assetClass: 'building', workType: 'renovation', perYear: [25_000_000, 40_000_000, 0] }],
      2026,
      3,
      p
    );
    // 2027: 15M + 10M = 25M held, 40M wanted: 25M drawn, 15M to general revenue.
    expect(short.years[1]).toMatchObject({
      fund: 25_000_000,
      fundShortfall: 15_000_000,
      general: 15_000_000,
      fundClosing: 0
    });
    expect(short.shortfallYears).toEqual([2027]);
    expect(short.years[2]!.fundClosing).toBe(10_000_000);
  });
});

describe('two funds', () => {
  it('each rule draws from its own fund; a short fund is named, the other untouched', () => {
    const p = params({
      rules: [
        {
          assetClass: 'building',
          category: 'school',
          measure: 'all',
          subsidy: 0,
          bond: null,
          fund: 1,
          fundFrom: 'school',
          source: ''
        },
        { assetClass: 'all', measure: 'all', subsidy: 0, bond: null, fund: 1, source: '' }
      ],
      funds: {
        f: { label: '公共施設整備基金', opening: 50_000_000, deposit: 0 },
        school: { label: '学校施設整備基金', opening: 10_000_000, deposit: 5_000_000 }
      }
    });
    const r = fundPlan(
      [
        { assetClass: 'building', category: 'school', workType: 'renovation', perYear: [30e6, 0] },
        { assetClass: 'building', category: 'park', workType: 'renovation', perYear: [20e6, 0] }
      ],
      2026,
      2,
      p
    );
    // School: 10M + 5M held, 30M wanted → 15M drawn, 15M to general revenue. Park: 20M of 50M.
    expect(r.years[0]!.funds).toEqual({
      f: { opening: 50e6, deposit: 0, drawn: 20e6, shortfall: 0, closing: 30e6 },
      school: { opening: 10e6, deposit: 5e6, drawn: 15e6, shortfall: 15e6, closing: 0 }
    });
    expect(r.years[0]).toMatchObject({ fund: 35e6, general: 15e6, fundClosing: 30e6 });
    expect(r.fundShortfallYears).toEqual({ f: [], school: [2026] });
    expect(r.years[1]!.funds.school!.closing).toBe(5e6);
  });
  it('reads a model saved with one fund as its first fund', () => {
    const old: Record<string, unknown> = {
      ...params({}),
      fund: { label: '', opening: 1, deposit: 2 }
    };
    delete old.funds;
    delete old.existingDebt;
    const read = fundingParamsSchema.parse(old);
    expect(read.funds).toEqual({
      facilities: { label: '公共施設整備基金', opening: 1, deposit: 2 }
    });
    expect(read.existingDebt).toBeNull();
  });
  it('refuses a rule naming a fund that is not there', () => {
    const p = params({
      rules: [
        {
          assetClass: 'all',
          measure: 'all',
          subsidy: 0,
          bond: null,
          fund: 1,
          fundFrom: 'x',
          source: ''
        }
      ]
    });
    expect(fundingParamsSchema.safeParse(p).success).toBe(false);
  });
});

describe('the ratios with the city’s existing debt', () => {
  // 標準財政規模 ¥100億; 地方債現在高 ¥30億 repaid at ¥5億 a year, half returned through 交付税.
  const existingDebt = { outstanding: 3e9, service: 5e8, allowance: 0.5 };
  const size = 10e9;
  it('without works: the existing debt runs off at ¥5億 a year; the plan adds nothing', () => {
    const r = fundPlan([], 2026, 8, params({ standardFiscalSize: size, existingDebt }));
    expect(r.years.map((y) => y.existingService)).toEqual([5e8, 5e8, 5e8, 5e8, 5e8, 5e8, 0, 0]);
    expect(r.years.map((y) => y.existingOutstanding)).toEqual([
      2.5e9, 2e9, 1.5e9, 1e9, 5e8, 0, 0, 0
    ]);
    // (5億 − 2.5億) ÷ (100億 − 2.5億); (25億 × (1 − 0.5) − 0) ÷ the same.
    expect(r.years[0]!.debtServiceRatioTotal).toBeCloseTo(2.5e8 / 9.75e9, 12);
    expect(r.years[0]!.futureBurdenRatioTotal).toBeCloseTo(1.25e9 / 9.75e9, 12);
    expect(r.years[6]!.debtServiceRatioTotal).toBe(0);
    for (const y of r.years) {
      expect(y.debtServiceRatio).toBeCloseTo(0, 12);
      expect(y.futureBurdenRatio).toBeCloseTo(0, 12);
    }
  });
  it('with a ¥1億 bond from 2026: its contribution is the ratio with it less the ratio without', () => {
    const p = params({
      rules: [{ assetClass: 'all', measure: 'all', subsidy: 0, bond: 'b', fund: 0, source: '' }],
      standardFiscalSize: size,
      existingDebt
    });
    const r = fundPlan(
      [{ assetClass: 'building', workType: 'rebuild', perYear: [1e8 / 0.9, 0] }],
      2026,
      2,
      p
    );
    // 2027: the bond's interest ¥100万 (half returned); the existing ¥5億 (half returned).
    const withPlan = (5e8 + 1e6 - 2.5e8 - 0.5e6) / (10e9 - 2.5e8 - 0.5e6);
    const without = (5e8 - 2.5e8) / (10e9 - 2.5e8);
    expect(r.years[1]!.debtServiceRatioTotal).toBeCloseTo(withPlan, 12);
    expect(r.years[1]!.debtServiceRatio).toBeCloseTo(withPlan - without, 12);
    // Owed at the end of 2027: 20億 × 0.5 existing + 1億 × 0.5 the bond's, no fund.
    const futureWith = (1e9 + 0.5e8) / (10e9 - 2.5e8 - 0.5e6);
    expect(r.years[1]!.futureBurdenRatioTotal).toBeCloseTo(futureWith, 9);
    expect(r.years[1]!.futureBurdenRatio).toBeCloseTo(futureWith - 1e9 / 9.75e9, 9);
  });
});

describe('debt service in the plan', () => {
  it('a bond issued in 2026 is repaid from 2027; 交付税措置 at half; indicators against the 標準財政規模', () => {
    const p = params({
      rules: [{ assetClass: 'all', measure: 'all', subsidy: 0, bond: 'b', fund: 0, source: '' }],
      standardFiscalSize: 30_000_000_000
    });
    const r = fundPlan(
      [{ assetClass: 'building', workType: 'rebuild', perYear: [100_000_000 / 0.9, 0, 0, 0, 0] }],
      2026,
      5,
      p
    );
    expect(r.years.map((y) => y.bond)).toEqual([expect.closeTo(100_000_000, 4), 0, 0, 0, 0]);
    expect(r.years.map((y) => y.interest)).toEqual([0, 1_000_000, 1_000_000, 1_000_000, 1_000_000]);
    expect(r.years.map((y) => y.principal)).toEqual([0, 0, 0, 0, 5_882_352]);
    expect(r.years.map((y) => Math.round(y.outstanding))).toEqual([
      100_000_000, 100_000_000, 100_000_000, 100_000_000, 94_117_648
    ]);
    expect(r.years[4]!.allowance).toBe((5_882_352 + 1_000_000) / 2);
    // 公債費 6,882,352 − 交付税措置 3,441,176 over 300億 − 3,441,176.
    expect(r.years[4]!.debtServiceRatio).toBeCloseTo(3_441_176 / (30e9 - 3_441_176), 12);
    // What is still owed after the horizon: the schedule's remaining years.
    const s = repaymentSchedule(Math.round(100_000_000), p.bonds.b!);
    expect(r.debtAfterHorizon).toBeCloseTo(sum(s.principal.slice(4)) + sum(s.interest.slice(4)), 0);
  });
});

describe('invariants on random plans', () => {
  const arbitraryPlan = fc.record({
    costs: fc.array(
      fc.record({
        assetClass: fc.constantFrom(...ASSET_CLASSES),
        workType: fc.constantFrom(...WORK_TYPES),
        perYear: fc.array(fc.integer({ min: 0, max: 5e9 }), { minLength: 12, maxLength: 12 })
      }),
      { maxLength: 6 }
    ),
    subsidy: fc.double({ min: 0, max: 1, noNaN: true }),
    fund: fc.double({ min: 0, max: 1, noNaN: true }),
    opening: fc.integer({ min: 0, max: 1e10 }),
    deposit: fc.integer({ min: 0, max: 1e9 }),
    method: fc.constantFrom('annuity' as const, 'equal_principal' as const),
    rate: fc.double({ min: 0, max: 0.05, noNaN: true }),
    withBonds: fc.boolean()
  });
  it('shares sum to the cost every year; debt never negative; fund never below zero', () => {
    fc.assert(
      fc.property(arbitraryPlan, (a) => {
        const p = params({
          bonds: {
            b: {
              label: 'b',
              coverage: 0.9,
              allowance: 0.3,
              rate: a.rate,
              years: 10,
              grace: 2,
              method: a.method,
              source: ''
            }
          },
          rules: [
            {
              assetClass: 'all',
              measure: 'all',
              subsidy: a.subsidy,
              bond: a.withBonds ? 'b' : null,
              fund: a.fund,
              source: ''
            }
          ],
          funds: { f: { label: 'f', opening: a.opening, deposit: a.deposit } }
        });
        const r = fundPlan(a.costs, 2026, 12, p);
        return r.years.every(
          (y, t) =>
            Math.abs(
              y.subsidy + y.bond + y.fund + y.general - sum(a.costs.map((c) => c.perYear[t]!))
            ) <=
              1e-6 * Math.max(1, y.cost) &&
            y.outstanding >= -1e-6 &&
            y.fundClosing >= -1e-6 &&
            (a.withBonds || (y.principal === 0 && y.interest === 0 && y.outstanding === 0))
        );
      })
    );
  });
});

describe('the default rules', () => {
  it('pass their own schema and name only defined bonds', () => {
    expect(fundingParamsSchema.safeParse(DEFAULT_FUNDING).success).toBe(true);
    expect(
      fundingParamsSchema.safeParse({
        ...DEFAULT_FUNDING,
        rules: [{ ...DEFAULT_FUNDING.rules[0]!, bond: 'nope' }]
      }).success
    ).toBe(false);
  });
});

describe('a rule limited to one use', () => {
  it('applies to that use’s buildings only; the next rule takes the rest', () => {
    const p = params({
      rules: [
        {
          assetClass: 'building',
          category: 'school',
          measure: 'renewal',
          subsidy: 1 / 3,
          bond: null,
          fund: 0,
          source: ''
        },
        { assetClass: 'all', measure: 'all', subsidy: 0, bond: null, fund: 0, source: '' }
      ]
    });
    const [y] = fundPlan(
      [
        { assetClass: 'building', category: 'school', workType: 'rebuild', perYear: [30_000_000] },
        { assetClass: 'building', category: 'park', workType: 'rebuild', perYear: [30_000_000] },
        { assetClass: 'building', category: 'school', workType: 'demolition', perYear: [3_000_000] }
      ],
      2026,
      1,
      p
    ).years;
    expect(y!.subsidy).toBeCloseTo(10_000_000, 6);
    expect(y!.general).toBeCloseTo(53_000_000, 6);
  });
});
