import { describe, expect, it } from 'vitest';
import { newBuilding } from './test-factories';
import { simulateBudget, type Budget } from './simulate-budget';
import { soumu } from './standards/soumu';
import { buildingsAfter, stockAreaByYear } from './stock-after';
import type { Override } from './overrides';

describe('buildingsAfter', () => {
  // S1 school built 1966: rebuild due 2026. S2 built 2000: nothing restarts its life by 2035.
  // S3 closed from 2030. N1 a planned building of 2030.
  const assets = [
    newBuilding('S1', 'school', 1966, 100),
    newBuilding('S2', 'school', 2000, 100),
    newBuilding('S3', 'park', 1990, 50)
  ];
  const overrides: Override[] = [
    { kind: 'floor_reduction', percent: 20 },
    { kind: 'close', assetCodes: ['S3'], year: 2030 },
    { kind: 'new_building', code: 'N1', category: 'school', area: 200, year: 2030 }
  ];
  const run = (budget: Budget) =>
    simulateBudget(assets, soumu, { startYear: 2026, years: 10, budget, overrides });

  it('starts a new life at a funded rebuild, shrinks it, and drops what closed', () => {
    const rows = buildingsAfter(run({ kind: 'none' }), overrides, 2035);
    expect(rows).toEqual([
      { yearBuilt: 2026, category: 'school', area: 80 },
      { yearBuilt: 2000, category: 'school', area: 100 },
      { yearBuilt: 2030, category: 'school', area: 200 }
    ]);
  });

  it('keeps the old life of a rebuild the budget did not fund', () => {
    const rows = buildingsAfter(run({ kind: 'flat', amount: 0 }), overrides, 2035);
    expect(rows[0]).toEqual({ yearBuilt: 1966, category: 'school', area: 100 });
  });

  it('counts only what happened by the year asked', () => {
    const rows = buildingsAfter(run({ kind: 'none' }), overrides, 2029);
    // S3 still stands in 2029; N1 is not built yet.
    expect(rows.map((r) => r.area)).toEqual([80, 100, 50]);
  });
});

describe('stockAreaByYear', () => {
  it('is, for every year, the total of the stock buildingsAfter gives', () => {
    const assets = [
      newBuilding('S1', 'school', 1966, 100),
      newBuilding('S2', 'school', 1985, 100),
      newBuilding('S3', 'park', 1990, 50),
      newBuilding('S4', 'park', 2027, 30)
    ];
    const overrides: Override[] = [
      { kind: 'floor_reduction', percent: 20 },
      { kind: 'close', assetCodes: ['S3'], year: 2030 },
      { kind: 'new_building', code: 'N1', category: 'school', area: 200, year: 2030 }
    ];
    for (const budget of [{ kind: 'none' }, { kind: 'flat', amount: 20_000_000 }] as Budget[]) {
      const run = simulateBudget(assets, soumu, { startYear: 2026, years: 40, budget, overrides });
      const byYear = stockAreaByYear(run, overrides, 2026, 40);
      expect(byYear).toHaveLength(40);
      byYear.forEach((area, t) =>
        expect(area).toBeCloseTo(
          buildingsAfter(run, overrides, 2026 + t).reduce((s, b) => s + b.area, 0),
          9
        )
      );
    }
  });
});
