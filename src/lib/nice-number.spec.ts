import { describe, expect, it } from 'vitest';
import { niceCeil, niceStep } from './nice-number';

describe('round axis numbers', () => {
  it('steps of 1, 2 and 5 times a power of ten', () => {
    expect([0.7, 1, 1.5, 3, 7, 12].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20]);
  });
  it('an axis top at or above the value, in about five steps', () => {
    expect(niceCeil(272.2e8)).toBe(300e8);
    expect(niceCeil(1726.92e8)).toBe(2000e8);
    expect(niceCeil(300e8)).toBe(300e8);
    expect(niceCeil(0)).toBe(1);
  });
});
