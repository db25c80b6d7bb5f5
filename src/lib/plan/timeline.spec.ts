import { describe, expect, it } from 'vitest';
import { planTimeline, type TimelineItem } from './timeline';

const item = (id: number, code: string, fiscalYear: number, status = 'planned'): TimelineItem => ({
  id,
  facilityCode: code,
  assetCode: null,
  name: `施設${code}`,
  action: 'life_extension',
  fiscalYear,
  status
});

describe('the plan timeline', () => {
  it('puts each facility on a row and each action under its year, earliest rows first', () => {
    const t = planTimeline(
      [
        item(1, 'F2', 2029),
        item(2, 'F1', 2028),
        item(3, 'F2', 2028),
        item(4, 'F3', 2030, 'cancelled')
      ],
      { maxRows: 10, maxYears: 40 }
    );
    expect(t.years).toEqual([2028, 2029]);
    expect(t.rows.map((r) => [r.code, r.cells.map((c) => c.map((x) => x.id))])).toEqual([
      ['F1', [[2], []]],
      ['F2', [[3], [1]]]
    ]);
    expect(t.more).toBe(0);
  });

  it('bounds the rows and years shown, and says how many rows are left out', () => {
    const items = Array.from({ length: 30 }, (_, k) => item(k + 1, `F${k}`, 2026 + k * 3));
    const t = planTimeline(items, { maxRows: 5, maxYears: 10 });
    expect(t.years).toEqual(Array.from({ length: 10 }, (_, k) => 2026 + k));
    expect(t.rows.length).toBe(4); // F0, F1, F2, F3 fall within 2026–2035
    expect(planTimeline(items, { maxRows: 5, maxYears: 100 }).more).toBe(25);
  });
});
