/**
 * Reading numbers and dates from what people type, strictly: `Number()` alone takes `0x10` as
 * 16, `1e3` as 1000 and ` ` as 0, and `Date.parse` takes 2026-02-30 as 2 March. Full-width digits
 * (１２３) and thousands separators (1,234.5) are what Japanese users type, and are read.
 */

/** A plain decimal number ("1,234.5", "-3", "１２"), or null for anything else. */
export function parseDecimal(text: string): number | null {
  const written = text.normalize('NFKC').trim();
  // A comma only groups thousands: "30,5" is a slip, not 305.
  if (written.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(written)) return null;
  const plain = written.replace(/,/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

/** The earliest date Hozen takes from a form (an inspection, a filter). */
export const EARLIEST_DATE = '1900-01-01';

/** Whether `text` is a real calendar date YYYY-MM-DD from 1900-01-01 to `latest` (inclusive). */
export function isCalendarDate(text: string, latest = '2200-12-31'): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && text >= EARLIEST_DATE && text <= latest;
}
