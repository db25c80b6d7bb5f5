import { describe, expect, it } from 'vitest';
import { referenceIndex } from './comparison';
import { presetDefinition } from './scenario';

const city = { startYear: 2026, referenceInvestment: 7.5e9 };
const preset = (p: Parameters<typeof presetDefinition>[0]) => presetDefinition(p, city);

describe('the reference of a comparison', () => {
  it('is the national method as it is: no cap, no plan applied — whatever the order', () => {
    const list = [
      preset('consolidation'),
      preset('capped'),
      preset('longevity'),
      preset('baseline')
    ];
    expect(referenceIndex(list)).toBe(3);
    const withCommitted = {
      ...preset('baseline'),
      params: { ...preset('baseline').params, committed: [{ assetCode: 'B1', year: 2027 }] }
    };
    expect(referenceIndex([withCommitted, preset('consolidation')])).toBe(0);
  });
  it('falls back to a scenario without a cap, then to the first', () => {
    expect(referenceIndex([preset('capped'), preset('longevity')])).toBe(1);
    expect(referenceIndex([preset('capped')])).toBe(0);
  });
});
