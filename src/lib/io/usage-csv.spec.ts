/** Facilities' yearly use as cities write it: 和暦 years, full-width digits, units, blanks, damage. */
import { describe, expect, it } from 'vitest';
import { parseUsageCsv } from './usage-csv';

describe('a use table as a city keeps it', () => {
  // A CRLF header, then LF rows; 和暦 and full-width years; units in the header and in cells.
  const text =
    '施設名,年度,利用者数（人）,年間経費（千円）,定員,児童数\r\n' +
    '中央公民館,令和5年度,"12,345",8500,,—\n' +
    '中央公民館,R4,１１，０００人,"8,200",－,\n' +
    '"さくら\n保育園",２０２２,,"3,000千円",90,84\n' +
    '空の行,令和5年度,,,,\n';
  const parsed = parseUsageCsv(text, 'riyou.csv', 2026);

  it('reads every row with its fiscal year and amounts', () => {
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toEqual([
      {
        code: null,
        name: '中央公民館',
        fiscalYear: 2023,
        users: 12_345,
        costYen: 8_500_000,
        capacity: null,
        enrolled: null,
        row: 2
      },
      {
        code: null,
        name: '中央公民館',
        fiscalYear: 2022,
        users: 11_000,
        costYen: 8_200_000,
        capacity: null,
        enrolled: null,
        row: 3
      },
      {
        code: null,
        name: 'さくら\n保育園',
        fiscalYear: 2022,
        users: null,
        // A unit in the cell wins over the header's: 3,000千円, not 3,000千円 × 1,000.
        costYen: 3_000_000,
        capacity: 90,
        enrolled: 84,
        row: 4
      }
    ]);
  });

  it('refuses, naming row and column, a year that is none or to come, a negative count and a repeat', () => {
    const bad = parseUsageCsv(
      '施設コード,年度,利用者数\n' +
        'F1,令和9年度,10\n' +
        'F1,来年,10\n' +
        'F2,2024,-5\n' +
        'F3,2024,12,5\n' +
        'F4,2024,1\nF4,令和6年度,2\n' +
        '4.00E+12,2024,1\n',
      'bad.csv',
      2026
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.row, e.column, e.reasonJa])).toEqual([
      [2, 'fiscal_year', '1950〜2026 年度で入力してください'],
      [3, 'fiscal_year', '年度ではありません'],
      [4, 'users', '0〜100000000 の数で入力してください'],
      [7, 'fiscal_year', '6 行目と同じ施設・年度です'],
      [8, 'code', expect.stringContaining('丸められた数値')]
    ]);
  });

  it('names the columns it needs when they are missing', () => {
    const none = parseUsageCsv('名前,年\nA,2020\n', 'x.csv', 2026);
    expect(none.ok).toBe(false);
    if (none.ok) return;
    expect(none.errors[0]!.reasonJa).toBe(
      '列がありません：施設コード（または施設名）、年度、利用者数・年間経費・定員・在籍者数のいずれか'
    );
  });
});
