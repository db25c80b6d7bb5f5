import { describe, expect, it } from 'vitest';
import { parseActualsCsv } from './actuals-csv';

const TODAY = '2026-03-31';

describe('a CSV of works done, as a city keeps it', () => {
  it('reads Japanese headers, 和暦 dates with full-width digits, costs with units and commas', () => {
    const text =
      '\uFEFF工事名,資産コード,工事種別,竣工日,契約金額,請負者\r\n' +
      '体育館屋根改修,F0001-01,大規模改修,令和５年３月２０日,"12,345,000",○○建設\n' +
      '橋梁補修,BR-0002,補修,R6.2.1,"4,500千円",－\r\n' +
      '管更生,SP-10,更新,2025/06/30,９８７６５４３,△△工業\n';
    const result = parseActualsCsv(text, 'r5.csv', TODAY);
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          assetCode: 'F0001-01',
          workType: 'renovation',
          completedOn: '2023-03-20',
          fiscalYear: 2022,
          costYen: 12_345_000,
          contractor: '○○建設',
          note: '体育館屋根改修',
          planItemId: null,
          row: 2
        },
        {
          assetCode: 'BR-0002',
          workType: 'repair',
          completedOn: '2024-02-01',
          fiscalYear: 2023,
          costYen: 4_500_000,
          contractor: null,
          note: '橋梁補修',
          planItemId: null,
          row: 3
        },
        {
          assetCode: 'SP-10',
          workType: 'replacement',
          completedOn: '2025-06-30',
          fiscalYear: 2025,
          costYen: 9_876_543,
          contractor: '△△工業',
          note: '管更生',
          planItemId: null,
          row: 4
        }
      ]
    });
  });

  it('names the file, row, column and value of every bad cell', () => {
    const text =
      'asset_code,work_type,completed_on,cost_yen\n' +
      'A1,painting,2024-01-01,100\n' +
      ',repair,2024-13-01,12,5\n' +
      'A3,repair,2027-01-01,100\n';
    const result = parseActualsCsv(text, 'bad.csv', TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.row} ${e.column} ${e.value}: ${e.reason}`)).toEqual([
      '2 work_type painting: is not a work type (rebuild, replacement, life_extension, renovation, repair, demolition)',
      '3 asset_code : is empty',
      '3 completed_on 2024-13-01: is not a date',
      '4 completed_on 2027-01-01: is in the future'
    ]);
    expect(result.errors[0]!.reasonJa).toContain('工事種別ではありません');
  });

  it('refuses a file without the columns it needs, saying which', () => {
    const result = parseActualsCsv('資産コード,金額\nA1,100\n', 'x.csv', TODAY);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ row: 0, reasonJa: '列がありません：工事種別、完了日' }]
    });
  });
});
