import { describe, expect, it } from 'vitest';
import { planConflicts, planToScenario, type PlanItem } from './plan';

let next = 1;
const item = (p: Partial<PlanItem> & Pick<PlanItem, 'action' | 'fiscalYear'>): PlanItem => ({
  id: next++,
  facilityCode: null,
  assetCode: null,
  costYen: null,
  status: 'planned',
  intoFacility: null,
  reason: null,
  ...p
});
const buildingsOf = new Map([
  ['F1', ['F1-01', 'F1-02']],
  ['F2', ['F2-01']],
  ['F3', ['F3-01']]
]);
const known = new Set(['F1-01', 'F1-02', 'F2-01', 'F3-01', 'B1']);

describe('plan conflicts', () => {
  it('finds two actions on one asset in one year, through the facility', () => {
    const a = item({ facilityCode: 'F1', action: 'life_extension', fiscalYear: 2028 });
    const b = item({ assetCode: 'F1-02', action: 'repair', fiscalYear: 2028 });
    const c = item({ assetCode: 'F1-01', action: 'repair', fiscalYear: 2029 });
    expect(planConflicts([a, b, c], buildingsOf, known)).toEqual([
      { kind: 'same_year', itemIds: [b.id, a.id], code: 'F1-02', year: 2028 }
    ]);
  });

  it('finds work after closure, but not the demolition that follows it', () => {
    const close = item({ facilityCode: 'F2', action: 'closure', fiscalYear: 2030 });
    const work = item({ assetCode: 'F2-01', action: 'renovation', fiscalYear: 2032 });
    const demolish = item({ facilityCode: 'F2', action: 'demolition', fiscalYear: 2031 });
    const before = item({ assetCode: 'F2-01', action: 'repair', fiscalYear: 2027 });
    expect(planConflicts([close, work, demolish, before], buildingsOf, known)).toEqual([
      { kind: 'after_end', itemIds: [work.id, close.id], code: 'F2-01', year: 2032 }
    ]);
  });

  it('finds a consolidation into a facility that closes earlier', () => {
    const into = item({ facilityCode: 'F3', action: 'closure', fiscalYear: 2029 });
    const joins = item({
      facilityCode: 'F1',
      action: 'consolidation',
      fiscalYear: 2031,
      intoFacility: 'F3'
    });
    const fine = item({
      facilityCode: 'F2',
      action: 'consolidation',
      fiscalYear: 2028,
      intoFacility: 'F3'
    });
    expect(planConflicts([into, joins, fine], buildingsOf, known)).toEqual([
      { kind: 'joins_closed', itemIds: [joins.id, into.id], code: 'F3', year: 2031 }
    ]);
  });

  it('ignores cancelled items and names targets the register lacks', () => {
    const a = item({ assetCode: 'B1', action: 'repair', fiscalYear: 2028 });
    const cancelled = item({
      assetCode: 'B1',
      action: 'renovation',
      fiscalYear: 2028,
      status: 'cancelled'
    });
    const ghost = item({ assetCode: 'NOPE', action: 'repair', fiscalYear: 2028 });
    expect(planConflicts([a, cancelled, ghost], buildingsOf, known)).toEqual([
      { kind: 'unknown_target', itemIds: [ghost.id], code: 'NOPE', year: 2028 }
    ]);
  });
});

describe('the plan as a scenario takes it', () => {
  const options = {
    startYear: 2026,
    demolitionCostPerM2: 30_000,
    plannedFacilities: new Map([
      ['N1', { code: 'N1', category: 'civic_culture', areaM2: 1_200, structure: 'rc' }]
    ])
  };

  it('commits works on every building of a facility, extends lives, closes and builds', () => {
    const items = [
      item({ facilityCode: 'F1', action: 'life_extension', fiscalYear: 2028 }),
      item({ assetCode: 'B1', action: 'repair', fiscalYear: 2027 }),
      item({ facilityCode: 'F2', action: 'consolidation', fiscalYear: 2030, intoFacility: 'N1' }),
      item({ facilityCode: 'F3', action: 'transfer', fiscalYear: 2029 }),
      item({ facilityCode: 'N1', action: 'new_building', fiscalYear: 2030 })
    ];
    expect(planToScenario(items, buildingsOf, options)).toEqual({
      committed: [
        { assetCode: 'B1', year: 2027 },
        { assetCode: 'F1-01', year: 2028 },
        { assetCode: 'F1-02', year: 2028 }
      ],
      overrides: [
        { kind: 'life_extension', assetCodes: ['F1-01', 'F1-02'] },
        { kind: 'close', assetCodes: ['F3-01'], year: 2029 },
        { kind: 'close', assetCodes: ['F2-01'], year: 2030, demolitionCostPerM2: 30_000 },
        {
          kind: 'new_building',
          code: 'N1-NEW',
          category: 'civic_culture',
          area: 1_200,
          year: 2030,
          structure: 'rc',
          facilityCode: 'N1'
        }
      ]
    });
  });

  it('leaves out done, cancelled and past items, and commits an asset once (its earliest)', () => {
    const items = [
      item({ assetCode: 'B1', action: 'renovation', fiscalYear: 2031 }),
      item({ assetCode: 'B1', action: 'repair', fiscalYear: 2027 }),
      item({ assetCode: 'F2-01', action: 'repair', fiscalYear: 2027, status: 'done' }),
      item({ assetCode: 'F3-01', action: 'repair', fiscalYear: 2028, status: 'cancelled' }),
      item({ assetCode: 'F1-01', action: 'repair', fiscalYear: 2025 })
    ];
    expect(planToScenario(items, buildingsOf, options)).toEqual({
      committed: [{ assetCode: 'B1', year: 2027 }],
      overrides: []
    });
  });
});
