import { describe, expect, it } from 'vitest';
import { completeness } from './completeness';
import type { EngineAsset } from './engine-asset';
import { projectRenewals } from './projection';
import { soumu } from './standards/soumu';

const asset = (
  a: Partial<EngineAsset> & Pick<EngineAsset, 'code' | 'assetClass'>
): EngineAsset => ({
  category: 'school',
  yearBuilt: 1980,
  quantity: 1000,
  structure: 'rc',
  material: null,
  diameterMm: null,
  pipeKind: null,
  facilityCode: null,
  conditionGrade: 'B',
  ...a
});

describe('completeness', () => {
  const assets = [
    asset({ code: 'B1', assetClass: 'building' }),
    asset({
      code: 'B2',
      assetClass: 'building',
      yearBuilt: null,
      structure: null,
      conditionGrade: null
    }),
    asset({ code: 'B3', assetClass: 'building', quantity: 0, conditionGrade: null }),
    asset({
      code: 'S1',
      assetClass: 'sewer_pipe',
      category: 'other',
      quantity: 120,
      structure: null,
      material: null,
      diameterMm: 300,
      conditionGrade: null
    })
  ];
  const placed = new Set(['B1', 'B3']);
  const horizon = { startYear: 2026, years: 40 };
  const result = completeness(assets, (c) => placed.has(c), soumu, horizon);

  it('counts per class what the register says', () => {
    expect(result.classes).toEqual([
      {
        assetClass: 'building',
        assets: 3,
        yearBuilt: 2,
        quantity: 2,
        build: 2,
        position: 2,
        condition: 1
      },
      {
        assetClass: 'sewer_pipe',
        assets: 1,
        yearBuilt: 1,
        quantity: 1,
        build: 0,
        position: 0,
        condition: 0
      }
    ]);
  });

  it('reports the yen resting on the unknown-year rule: that asset projected alone', () => {
    const alone = projectRenewals([assets[1]!], soumu, horizon);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(result.costOnUnknownYear).toBeGreaterThan(0);
    expect(result.costOnUnknownYear).toBeCloseTo(sum(alone.totalsByYear), 2);
    expect(result.totalCost).toBeCloseTo(
      sum(projectRenewals(assets, soumu, horizon).totalsByYear),
      2
    );
  });

  it('lists the assets lacking the most first, an inspection alone being no gap', () => {
    expect(result.gaps.map((g) => [g.code, g.missing])).toEqual([
      ['B2', ['yearBuilt', 'build', 'position', 'condition']],
      ['S1', ['build', 'position']],
      ['B3', ['quantity', 'condition']]
    ]);
    expect(result.gaps.find((g) => g.code === 'B3')!.cost).toBe(0);
  });
});
