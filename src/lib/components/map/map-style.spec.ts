import { describe, expect, it } from 'vitest';
import { assetColour, legendOf } from './map-style';
import { PLAN_ACTION_COLORS } from '../../plan/plan';

describe('colouring by the plan', () => {
  it('colours by the next planned action, grey where the plan has none', () => {
    const expression = assetColour('plan', 'buildings', 2026) as unknown[];
    expect(expression.slice(0, 2)).toEqual(['match', ['coalesce', ['get', 'pa'], '']]);
    expect(expression).toContain(PLAN_ACTION_COLORS.life_extension);
    expect(legendOf('plan', 2026).map((e) => e.key)).toContain('life_extension');
  });

  it("colours by the planned action's year in the next work's bands (FY2026: ≤2026, 2027–30 …)", () => {
    const byPlan = JSON.stringify(assetColour('planYear', 'buildings', 2026));
    const byNext = JSON.stringify(assetColour('next', 'buildings', 2026));
    expect(byPlan).toBe(byNext.replaceAll('"n"', '"py"'));
    expect(legendOf('planYear', 2026)[1]!.years).toEqual([2027, 2030]);
  });
});
