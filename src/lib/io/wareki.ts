/**
 * Dates as Japanese registers write them, 西暦 or 和暦, to a calendar date and a fiscal year.
 *
 * Accepted: 2021-04-01, 2021/4/1, 2021.4.1, 20210401, 2021年4月1日; 昭和52年4月1日, 平成元年5月1日,
 * S52.4.1, H7/4/1, R4.4.1, s52-4-1 (and full-width digits and 元年). A year and month without a
 * day (昭和52年4月, 2021/4) is read as the 1st. Eras: 明治 M 1868, 大正 T 1912, 昭和 S 1926,
 * 平成 H 1989, 令和 R 2019 (year 1 of an era = its first calendar year; a date before an era's
 * first day, e.g. 平成元年1月1日, is refused).
 */
import { fiscalYearOf } from '../engine/asset-classes';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ERAS: Record<string, { start: number; first: [number, number] }> = {
  明治: { start: 1868, first: [1, 1] },
  大正: { start: 1912, first: [7, 30] },
  昭和: { start: 1926, first: [12, 25] },
  平成: { start: 1989, first: [1, 8] },
  令和: { start: 2019, first: [5, 1] }
};
const ERA_LETTERS: Record<string, string> = {
  M: '明治',
  T: '大正',
  S: '昭和',
  H: '平成',
  R: '令和'
};

/** Full-width digits and separators to ASCII; trims. */
function normalize(text: string): string {
  return (
    text
      // Full-width digits and era letters (Ｈ５, Ｓ５８) as ASCII.
      .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[．。・]/g, '.')
      .replace(/[／]/g, '/')
      .replace(/[－ー‐]/g, '-')
      .trim()
  );
}

function valid(year: number, month: number, day: number): CalendarDate | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** A date from 西暦 or 和暦 text, or null when it is not one. */
export function parseJapaneseDate(text: string): CalendarDate | null {
  const s = normalize(text);
  if (s === '') return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
  m =
    /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(元|\d{1,2})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?$/.exec(
      s
    );
  if (!m) return null;
  const eraName = ERA_LETTERS[m[1]!.toUpperCase()] ?? m[1]!;
  const era = ERAS[eraName]!;
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (eraYear < 1) return null;
  const date = valid(era.start + eraYear - 1, Number(m[3]), Number(m[4] ?? 1));
  if (!date) return null;
  if (eraYear === 1) {
    const [fm, fd] = era.first;
    if (date.month < fm || (date.month === fm && date.day < fd)) return null;
  }
  return date;
}

/** The fiscal year (April–March) of a 西暦 or 和暦 date, or null. */
export function fiscalYearOfText(text: string): number | null {
  const date = parseJapaneseDate(text);
  return date ? fiscalYearOf(date.year, date.month) : null;
}

/** The last year of each era but the current one (昭和64年 = 1989). */
const ERA_LAST: Record<string, number> = { 明治: 45, 大正: 15, 昭和: 64, 平成: 31 };

/**
 * A year written alone, as registers write a year built: 昭和58年, 平成５年, 平成14年度, H14,
 * S58, R4, 令和元年, 平成元年度, 1983, １９８３年, 1983年度 — as that fiscal year (a year without
 * a month is taken as the fiscal year of that number: registers give no month to place it by).
 * Null when the text is not a year alone (a full date is `fiscalYearOfText`'s) or the era has no
 * such year (昭和65年).
 */
export function parseJapaneseYear(text: string): number | null {
  const s = normalize(text);
  let m = /^(\d{4})\s*(?:年度?)?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(元|\d{1,2})\s*(?:年度?)?$/.exec(s);
  if (!m) return null;
  const eraName = ERA_LETTERS[m[1]!.toUpperCase()] ?? m[1]!;
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (eraYear < 1 || eraYear > (ERA_LAST[eraName] ?? 99)) return null;
  return ERAS[eraName]!.start + eraYear - 1;
}
