import { describe, expect, it } from 'vitest';
import { fiscalYearRanges } from './messages';

describe('fiscalYearRanges', () => {
  it('writes consecutive years as one span, the rest one by one', () => {
    expect(fiscalYearRanges('ja', [2026, 2027, 2028, 2031, 2033, 2034])).toBe(
      '2026年度〜2028年度、2031年度、2033年度〜2034年度'
    );
    expect(fiscalYearRanges('en', [2026, 2027, 2040])).toBe('FY2026–FY2027, FY2040');
    expect(fiscalYearRanges('ja', [])).toBe('');
  });
});
