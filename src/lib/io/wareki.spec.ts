import { describe, expect, it } from 'vitest';
import { fiscalYearOfText, parseJapaneseDate, parseJapaneseYear } from './wareki';

describe('Japanese dates', () => {
  it.each([
    ['昭和52年4月1日', 1977, 4, 1],
    ['S52.4.1', 1977, 4, 1],
    ['s52-4-1', 1977, 4, 1],
    ['H7/4/1', 1995, 4, 1],
    ['R4.4.1', 2022, 4, 1],
    ['平成元年5月1日', 1989, 5, 1],
    ['令和元年5月1日', 2019, 5, 1],
    ['昭和５２年４月１日', 1977, 4, 1],
    ['昭和52年4月', 1977, 4, 1],
    ['2021-04-01', 2021, 4, 1],
    ['2021/4/1', 2021, 4, 1],
    ['2021年4月1日', 2021, 4, 1],
    ['20210401', 2021, 4, 1],
    ['M45.7.29', 1912, 7, 29],
    ['大正15年12月24日', 1926, 12, 24]
  ])('%s → %d-%d-%d', (text, year, month, day) => {
    expect(parseJapaneseDate(text)).toEqual({ year, month, day });
  });

  it.each([
    '',
    'S52',
    '昭和52年13月1日',
    '平成元年1月1日',
    '令和元年4月30日',
    '2021-02-30',
    'X5.1.1',
    'abc'
  ])('refuses %j', (text) => expect(parseJapaneseDate(text)).toBeNull());

  it('gives the fiscal year (April–March)', () => {
    expect(fiscalYearOfText('昭和52年4月1日')).toBe(1977);
    expect(fiscalYearOfText('S53.3.31')).toBe(1977);
    expect(fiscalYearOfText('H7/4/1')).toBe(1995);
    expect(fiscalYearOfText('R4.3.1')).toBe(2021);
    expect(fiscalYearOfText('?')).toBeNull();
  });
});

describe('a year alone', () => {
  it('reads the years registers write without a date', () => {
    const cases: [string, number][] = [
      ['昭和58年', 1983],
      ['平成５年', 1993],
      ['平成14年度', 2002],
      ['H14', 2002],
      ['S58', 1983],
      ['s58', 1983],
      ['R4', 2022],
      ['令和元年', 2019],
      ['平成元年度', 1989],
      ['昭和64年', 1989],
      ['大正15年', 1926],
      ['1983', 1983],
      ['１９８３年', 1983],
      ['1983年度', 1983],
      ['昭和 58 年', 1983]
    ];
    for (const [text, year] of cases) expect(parseJapaneseYear(text), text).toBe(year);
  });

  it('refuses what is not a year alone, or a year the era did not have', () => {
    for (const text of ['昭和65年', '平成32年', 'S0', '昭和58年4月1日', 'X58', '58', '年', ''])
      expect(parseJapaneseYear(text), text).toBeNull();
  });
});
