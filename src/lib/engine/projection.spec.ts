import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILDING_CATEGORIES, BRIDGE_STRUCTURES, SEWER_MATERIALS } from './asset-classes';
import type { EngineAsset } from './engine-asset';
import { projectRenewals, projectionRows } from './projection';
import { summarizeProjection } from './projection-summary';
import { longevity } from './standards/longevity';
import { soumu } from './standards/soumu';

const START = 2026;

const building = fc.record({
  code: fc.uuid(),
  assetClass: fc.constant('building' as const),
  category: fc.constantFrom(...BUILDING_CATEGORIES),
  yearBuilt: fc.option(fc.integer({ min: 1900, max: 2025 }), { nil: null }),
  quantity: fc.double({ min: 0, max: 20_000, noNaN: true }),
  structure: fc.constantFrom('rc', 'src', 'steel', 'wood', 'light_steel', 'block', null),
  material: fc.constant(null),
  diameterMm: fc.constant(null),
  pipeKind: fc.constant(null),
  facilityCode: fc.constantFrom('F1', 'F2', null)
});
const infrastructure = fc.record({
  code: fc.uuid(),
  assetClass: fc.constantFrom(
    'road' as const,
    'bridge' as const,
    'water_pipe' as const,
    'sewer_pipe' as const
  ),
  category: fc.constantFrom('general', 'cycle_pedestrian'),
  yearBuilt: fc.option(fc.integer({ min: 1900, max: 2025 }), { nil: null }),
  quantity: fc.double({ min: 0, max: 5_000, noNaN: true }),
  structure: fc.constantFrom(...BRIDGE_STRUCTURES),
  material: fc.constantFrom(...SEWER_MATERIALS),
  diameterMm: fc.option(fc.integer({ min: 50, max: 3_500 }), { nil: null }),
  pipeKind: fc.constantFrom('conveyance', 'distribution'),
  facilityCode: fc.constant(null)
});
const portfolio = fc
  .array(fc.oneof(building, infrastructure), { maxLength: 40 })
  .map((assets) => assets.map((a, i) => ({ ...a, code: `A${i}` }) as EngineAsset));
const horizon = fc.integer({ min: 1, max: 80 });
const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('projectRenewals (properties)', () => {
  it('never produces a negative cost', () => {
    fc.assert(
      fc.property(
        portfolio,
        horizon,
        fc.constantFrom(soumu, longevity),
        (assets, years, standard) => {
          const result = projectRenewals(assets, standard, { startYear: START, years });
          return result.cells.every((c) => c >= 0);
        }
      )
    );
  });

  it("totals equal the sum of the cells, of the rows and of every asset's works", () => {
    fc.assert(
      fc.property(portfolio, horizon, (assets, years) => {
        const result = projectRenewals(assets, soumu, { startYear: START, years, detail: true });
        const summary = summarizeProjection(result);
        const cells = result.cells.reduce((a, b) => a + b, 0);
        const rows = projectionRows(result).reduce((a, r) => a + r.cost, 0);
        const works = result.works!.reduce((a, w) => a + w.cost, 0);
        const byClass = Object.values(summary.byClass).reduce((a, b) => a + b, 0);
        return (
          close(summary.total, cells) &&
          close(summary.total, rows) &&
          close(summary.total, works) &&
          close(summary.total, byClass)
        );
      })
    );
  });

  it('costs nothing for a portfolio without area or length', () => {
    fc.assert(
      fc.property(portfolio, horizon, (assets, years) => {
        const empty = assets.map((a) => ({ ...a, quantity: 0 }));
        return (
          summarizeProjection(projectRenewals(empty, soumu, { startYear: START, years })).total ===
          0
        );
      })
    );
  });

  it('never has more rebuilds within 40 years under longevity than under soumu', () => {
    fc.assert(
      fc.property(fc.array(building, { maxLength: 40 }), (assets) => {
        const count = (standard: typeof soumu) =>
          projectRenewals(assets, standard, {
            startYear: START,
            years: 40,
            detail: true
          }).works!.filter((w) => w.workType === 'rebuild' || w.workType === 'backlog_rebuild')
            .length;
        return count(longevity) <= count(soumu);
      })
    );
  });

  it('does not depend on the order of the assets', () => {
    const withShuffle = portfolio.chain((assets) =>
      fc.tuple(
        fc.constant(assets),
        fc.shuffledSubarray(assets, { minLength: assets.length, maxLength: assets.length })
      )
    );
    fc.assert(
      fc.property(withShuffle, horizon, ([assets, shuffled], years) => {
        const rowsOf = (list: EngineAsset[]) =>
          new Map(
            projectionRows(projectRenewals(list, soumu, { startYear: START, years })).map((r) => [
              `${r.fiscalYear}|${r.assetClass}|${r.category}|${r.workType}`,
              r.cost
            ])
          );
        const a = rowsOf(assets);
        const b = rowsOf(shuffled);
        return a.size === b.size && [...a].every(([key, cost]) => close(cost, b.get(key) ?? NaN));
      })
    );
  });

  it('scales every cost by (1 + inflation)^k in year S + k', () => {
    fc.assert(
      fc.property(
        portfolio,
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (assets, years, inflation) => {
          const flat = projectRenewals(assets, soumu, { startYear: START, years });
          const inflated = projectRenewals(assets, soumu, { startYear: START, years, inflation });
          return flat.totalsByYear.every((cost, k) =>
            close(inflated.totalsByYear[k]!, cost * Math.pow(1 + inflation, k))
          );
        }
      )
    );
  });
});

describe('summarizeProjection', () => {
  const assets: EngineAsset[] = [
    {
      code: 'R',
      assetClass: 'road',
      category: 'general',
      yearBuilt: null,
      quantity: 1500,
      structure: null,
      material: null,
      diameterMm: null,
      pipeKind: null,
      facilityCode: null
    }
  ];

  it('gives the total, the annual average, the ratio to the reference investment and the present value', () => {
    // 1,500 ㎡ × 4,700 円 ÷ 15 = 470,000 a year.
    const result = projectRenewals(assets, soumu, { startYear: START, years: 2 });
    const summary = summarizeProjection(result, { discount: 0.1, referenceInvestment: 235_000 });
    expect(summary.total).toBe(940_000);
    expect(summary.annualAverage).toBe(470_000);
    expect(summary.ratioToReference).toBe(2);
    expect(summary.presentValue).toBeCloseTo(470_000 + 470_000 / 1.1, 6);
    expect(summary.peakYear).toBe(START);
  });
});

describe('projectRenewals with a life scale (the stochastic mode’s drawn lives)', () => {
  const pipe: EngineAsset = {
    code: 'W1',
    assetClass: 'water_pipe',
    category: 'water_pipe',
    yearBuilt: 2000,
    quantity: 100,
    structure: null,
    material: null,
    diameterMm: 150,
    pipeKind: 'distribution',
    facilityCode: null
  };
  const works = (scale: number) =>
    projectRenewals([pipe], soumu, {
      startYear: 2026,
      years: 60,
      detail: true,
      lifeScale: Float64Array.of(scale)
    }).works!.map((w) => `${w.workType}@${w.dueYear}`);

  it('moves every replacement by the scaled cycle: 40 years × f, rounded to whole years', () => {
    expect(works(1)).toEqual(['replacement@2040', 'replacement@2080']);
    // 40 × 1.25 = 50: due 2050, then 2100 (past the horizon).
    expect(works(1.25)).toEqual(['replacement@2050']);
    // 40 × 0.5 = 20: already 26 years old in 2026, so a backlog replacement, then every 20 years
    // (2086 is past the horizon's end, 2085).
    expect(works(0.5)).toEqual([
      'backlog_replacement@2026',
      'replacement@2046',
      'replacement@2066'
    ]);
    // 40 × 0.6 = 24 → 2024 < 2026: backlog too; 40 × 0.66 = 26.4 → 26: due 2026 exactly.
    expect(works(0.6)[0]).toBe('backlog_replacement@2026');
    expect(works(0.66)[0]).toBe('replacement@2026');
  });

  it('scales a building’s rebuild age and work ages alike', () => {
    const school: EngineAsset = {
      ...pipe,
      code: 'S1',
      assetClass: 'building',
      category: 'school',
      structure: 'rc',
      yearBuilt: 2010,
      diameterMm: null,
      pipeKind: null
    };
    const at = (scale: number) =>
      projectRenewals([school], soumu, {
        startYear: 2026,
        years: 40,
        detail: true,
        lifeScale: Float64Array.of(scale)
      }).works!.map((w) => `${w.workType}@${w.dueYear}`);
    // soumu: renovation at 30 (backlog window 31–50), rebuild at 60 → 2040, then 2070 (past 2065).
    // × 0.5: renovation at 15, window 16–25 (15.5 rounds to 16), rebuild at 30. Built 2010, the
    // school is 16 in 2026: inside the window, a backlog renovation; rebuild 2040; its next
    // renovation 2055; the next rebuild 2070 is past the horizon.
    expect(at(1)).toEqual(['renovation@2040']);
    expect(at(0.5)).toEqual(['backlog_renovation@2026', 'rebuild@2040', 'renovation@2055']);
  });
});
