/**
 * Facilities' use year by year as cities keep it (利用者数・利用実績): a CSV with the facility
 * (its code, else its name), the fiscal year (西暦 or 和暦: 令和5年度, R5, ２０２３), and any of
 * users, yearly cost, capacity (定員) and enrolled (在籍者数・児童数). Headers in Japanese or
 * English, any order, extra columns ignored; numbers with commas, full-width digits or units
 * (人, 千円); "—" and blanks are nothing. Pure: text in, rows or row errors out.
 */
import { fileError, readCsvTable } from './csv-table';
import { cellValue } from './empty-words';
import { identifierProblem, readNumber } from './number-text';
import type { RowError } from './row-error';
import { parseJapaneseYear } from './wareki';

export interface UsageInput {
  code: string | null;
  name: string | null;
  fiscalYear: number;
  users: number | null;
  costYen: number | null;
  capacity: number | null;
  enrolled: number | null;
  /** The file's line. */
  row: number;
}

type Column = 'code' | 'name' | 'fiscal_year' | 'users' | 'cost_yen' | 'capacity' | 'enrolled';

const HEADERS: Record<Column, string[]> = {
  code: ['code', 'facility_code', '施設コード', '施設番号', '施設id'],
  name: ['name', 'facility_name', '施設名', '施設名称', '名称'],
  fiscal_year: ['fiscal_year', 'year', '年度', '会計年度'],
  users: [
    'users',
    'yearly_users',
    '利用者数',
    '年間利用者数',
    '利用者数(人)',
    '延べ利用者数',
    '延利用者数',
    '来館者数',
    '入館者数'
  ],
  cost_yen: [
    'cost_yen',
    'cost',
    '年間経費',
    '経費',
    '維持管理費',
    '管理運営費',
    '運営費',
    '経費(円)'
  ],
  capacity: ['capacity', '定員', '収容定員', '利用定員'],
  enrolled: [
    'enrolled',
    '在籍者数',
    '児童数',
    '生徒数',
    '児童生徒数',
    '園児数',
    '利用登録者数',
    '入所者数'
  ]
};
/** Each column's name in the messages. */
export const USAGE_COLUMN_NAMES: Record<Column, string> = {
  code: '施設コード',
  name: '施設名',
  fiscal_year: '年度',
  users: '利用者数',
  cost_yen: '年間経費',
  capacity: '定員',
  enrolled: '在籍者数'
};

export const MAX_USAGE_ROWS = 100_000;
/** No facility has more: a bound against a misplaced column of identifiers. */
const MAX_PEOPLE = 1e8;

/** A header cell as written: NFKC, trimmed, lower case, units in brackets kept out of the match. */
const headerKey = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\((人|円|千円|万円|名)\)$/, '');

/** What a header's unit multiplies the column's plain numbers by: 年間経費（千円） → 1,000. */
const headerFactor = (h: string) => {
  const unit = /\((千円|万円)\)\s*$/.exec(h.normalize('NFKC').trim())?.[1];
  return unit === '千円' ? 1e3 : unit === '万円' ? 1e4 : 1;
};

export function parseUsageCsv(
  text: string,
  file: string,
  lastYear: number
): { ok: true; rows: UsageInput[] } | { ok: false; errors: RowError[] } {
  const read = readCsvTable(text, file, MAX_USAGE_ROWS);
  if (!read.ok) return read;
  const table = read.rows;
  const header = table[0]!.map(headerKey);
  const costFactor = (index: number) => (index >= 0 ? headerFactor(table[0]![index]!) : 1);
  const at = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[])
    at[column] = header.findIndex((h) => HEADERS[column].map(headerKey).includes(h));
  const missing: string[] = [];
  if (at.code < 0 && at.name < 0) missing.push('施設コード（または施設名）');
  if (at.fiscal_year < 0) missing.push('年度');
  if (at.users < 0 && at.cost_yen < 0 && at.capacity < 0 && at.enrolled < 0)
    missing.push('利用者数・年間経費・定員・在籍者数のいずれか');
  if (missing.length)
    return fileError(
      file,
      `missing columns: ${missing.join(', ')}`,
      `列がありません：${missing.join('、')}`
    );
  const errors: RowError[] = [];
  const rows: UsageInput[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column) => (at[c] >= 0 ? cellValue(cells[at[c]] ?? '') : '');
    const problem = (column: Column, value: string, reason: string, reasonJa: string) =>
      errors.push({ file, row, column, value, reason, reasonJa });
    const code = cell('code').normalize('NFKC') || null;
    const mangled = code === null ? null : identifierProblem(code);
    if (mangled) problem('code', code!, mangled.en, mangled.ja);
    const name = cell('name') || null;
    if (!code && !name) problem(at.code >= 0 ? 'code' : 'name', '', 'is empty', '空です');
    const yearText = cell('fiscal_year');
    const fiscalYear = parseJapaneseYear(yearText);
    if (fiscalYear === null)
      problem('fiscal_year', yearText, 'is not a fiscal year', '年度ではありません');
    else if (fiscalYear < 1950 || fiscalYear > lastYear)
      problem(
        'fiscal_year',
        yearText,
        `must be from 1950 to ${lastYear}`,
        `1950〜${lastYear} 年度で入力してください`
      );
    const amount = (column: Column, max: number, factor = 1): number | null => {
      const text = cell(column);
      if (text === '') return null;
      const n = readNumber(text);
      if (!n.ok) {
        problem(column, text, n.reason.en, n.reason.ja);
        return null;
      }
      if (n.value === null) return null;
      // A unit in the cell (千円) is read by readNumber; else the header's unit applies.
      const value = /\d\s*$/.test(text.normalize('NFKC')) ? n.value * factor : n.value;
      if (value < 0 || value > max) {
        problem(column, text, `must be 0 to ${max}`, `0〜${max} の数で入力してください`);
        return null;
      }
      return value;
    };
    const users = amount('users', MAX_PEOPLE);
    const costYen = amount('cost_yen', 1e13, costFactor(at.cost_yen));
    const capacity = amount('capacity', MAX_PEOPLE);
    const enrolled = amount('enrolled', MAX_PEOPLE);
    if (errors.some((e) => e.row === row)) return;
    if (users === null && costYen === null && capacity === null && enrolled === null) return;
    const key = `${code ?? `name:${name}`}|${fiscalYear}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem(
        'fiscal_year',
        yearText,
        `repeats row ${earlier} (the same facility and year)`,
        `${earlier} 行目と同じ施設・年度です`
      );
      return;
    }
    seen.set(key, row);
    rows.push({ code, name, fiscalYear: fiscalYear!, users, costYen, capacity, enrolled, row });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
