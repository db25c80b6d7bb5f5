import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseDecimal } from './strict-input';

describe('parseDecimal', () => {
  it('reads what people type, and nothing JavaScript would guess', () => {
    expect(parseDecimal('1,234.5')).toBe(1234.5);
    expect(parseDecimal('１２')).toBe(12);
    expect(parseDecimal(' 3 ')).toBe(3);
    expect(parseDecimal('-2')).toBe(-2);
    expect(parseDecimal('.5')).toBe(0.5);
    // Before: Number('0x10') was 16 億円.
    for (const bad of ['0x10', '1e3', '', ' ', 'Infinity', 'NaN', '0b1', '1.2.3', '+-1', '--1'])
      expect(parseDecimal(bad)).toBeNull();
  });
  it('takes a comma only between groups of three digits', () => {
    expect(parseDecimal('12,345,678')).toBe(12345678);
    expect(parseDecimal('１，２３４')).toBe(1234);
    // A decimal comma or a slip would have read as 305 or 12345.
    for (const bad of ['30,5', '1,23', '12,3456', ',123', '1,,234', '1234,567'])
      expect(parseDecimal(bad)).toBeNull();
  });
});

describe('isCalendarDate', () => {
  it('takes real dates only, from 1900 to the latest given', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('1800-01-01')).toBe(false);
    expect(isCalendarDate('1900-01-01')).toBe(true);
    expect(isCalendarDate('2026-12-03', '2026-12-02')).toBe(false);
    expect(isCalendarDate('2026-1-1')).toBe(false);
  });
});
