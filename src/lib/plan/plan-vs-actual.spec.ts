import { describe, expect, it } from 'vitest';
import { planVsActual, type PlannedWork } from './plan-vs-actual';

const work = (
  id: number,
  fiscalYear: number,
  plannedYen: number | null,
  status = 'planned'
): PlannedWork => ({
  id,
  code: `A${id}`,
  name: `asset ${id}`,
  action: 'renovation',
  fiscalYear,
  status,
  plannedYen,
  assetClass: 'building',
  category: id === 3 ? 'civic_culture' : 'school'
});

describe('plan against actual (hand-derived)', () => {
  // Plan: 1 (FY2021, 100), 2 (FY2022, 200), 3 (FY2022, 50), 4 (FY2023, 80, cancelled),
  // 5 (FY2024, unpriced). Done: 1 in FY2021 at 120 (20 % over), 2 in FY2023 at 190 (a year
  // late, under cost), an unplanned repair in FY2022 at 30. Current year FY2025: 3 and 5 overdue.
  const items = [
    work(1, 2021, 100),
    work(2, 2022, 200),
    work(3, 2022, 50),
    work(4, 2023, 80, 'cancelled'),
    work(5, 2024, null)
  ];
  const done = [
    { fiscalYear: 2021, costYen: 120, planItemId: 1, assetClass: 'building', category: 'school' },
    { fiscalYear: 2023, costYen: 190, planItemId: 2, assetClass: 'building', category: 'school' },
    { fiscalYear: 2022, costYen: 30, planItemId: null, assetClass: 'building', category: 'school' }
  ];
  const result = planVsActual(items, done, { from: 2021, to: 2025, currentYear: 2025 });

  it('counts and sums per year', () => {
    expect(result.years).toEqual([
      {
        year: 2021,
        plannedCount: 1,
        plannedYen: 100,
        doneCount: 1,
        actualYen: 120,
        unplannedYen: 0
      },
      {
        year: 2022,
        plannedCount: 2,
        plannedYen: 250,
        doneCount: 1,
        actualYen: 30,
        unplannedYen: 30
      },
      { year: 2023, plannedCount: 0, plannedYen: 0, doneCount: 0, actualYen: 190, unplannedYen: 0 },
      { year: 2024, plannedCount: 1, plannedYen: 0, doneCount: 0, actualYen: 0, unplannedYen: 0 },
      { year: 2025, plannedCount: 0, plannedYen: 0, doneCount: 0, actualYen: 0, unplannedYen: 0 }
    ]);
    expect(result.total).toEqual({
      plannedCount: 4,
      plannedYen: 350,
      doneCount: 2,
      actualYen: 340,
      unplannedYen: 30
    });
    expect(result.unpriced).toBe(1);
    // FY2021–2024, the years closed before FY2025.
    expect(result.toDate).toEqual({
      plannedCount: 4,
      plannedYen: 350,
      doneCount: 2,
      actualYen: 340,
      unplannedYen: 30
    });
    const earlier = planVsActual(items, done, { from: 2021, to: 2025, currentYear: 2023 });
    expect(earlier.toDate).toEqual({
      plannedCount: 3,
      plannedYen: 350,
      doneCount: 2,
      actualYen: 150,
      unplannedYen: 30
    });
  });

  it('by class and category', () => {
    expect(result.groups).toEqual([
      { assetClass: 'building', category: 'civic_culture', plannedYen: 50, actualYen: 0 },
      { assetClass: 'building', category: 'school', plannedYen: 300, actualYen: 340 }
    ]);
  });

  it('names the overdue, the over cost and the late', () => {
    expect(result.overdue.map((i) => i.id)).toEqual([3, 5]);
    expect(result.overruns.map((o) => [o.item.id, o.actualYen])).toEqual([[1, 120]]);
    expect(result.overruns[0]!.over).toBeCloseTo(0.2, 12);
    expect(result.late.map((l) => [l.item.id, l.doneYear])).toEqual([[2, 2023]]);
  });
});
