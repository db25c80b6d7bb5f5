import { describe, expect, it } from 'vitest';
import { asOfYearOf } from './settings.repository';

describe('the fiscal year the data describes', () => {
  it('is the setting, else the fiscal year of today (April to March)', () => {
    expect(asOfYearOf({ data_as_of_year: '2026' }, new Date(2030, 5, 1))).toBe(2026);
    // February 2027 is still FY2026; April 2027 is FY2027.
    expect(asOfYearOf({}, new Date(2027, 1, 10))).toBe(2026);
    expect(asOfYearOf({}, new Date(2027, 3, 1))).toBe(2027);
    expect(asOfYearOf({ data_as_of_year: '' }, new Date(2027, 3, 1))).toBe(2027);
  });
});
