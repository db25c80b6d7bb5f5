/**
 * A per-year budget file: CSV with the header `fiscal_year,budget_yen` (any order, extra columns
 * ignored), one row per fiscal year of the horizon. Pure: text in, amounts or row errors out.
 */
import Papa from 'papaparse';
import type { RowError } from './row-error';
import { unifyLineBreaks } from './csv-cell';

export function parseBudgetFile(
  text: string,
  file: string,
  startYear: number,
  years: number
): { ok: true; amounts: number[] } | { ok: false; errors: RowError[] } {
  const rows = Papa.parse<string[]>(unifyLineBreaks(text.replace(/^\uFEFF/, '')), {
    skipEmptyLines: 'greedy',
    newline: '\n'
  }).data;
  const errors: RowError[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const yearCol = header.indexOf('fiscal_year');
  const budgetCol = header.indexOf('budget_yen');
  if (yearCol < 0 || budgetCol < 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          row: 1,
          column: null,
          value: null,
          reason: 'the header must name fiscal_year and budget_yen'
        }
      ]
    };
  }
  const amounts = new Array<number | undefined>(years).fill(undefined);
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const yearText = (cells[yearCol] ?? '').trim();
    const budgetText = (cells[budgetCol] ?? '').trim().replace(/,/g, '');
    const year = Number(yearText);
    const amount = Number(budgetText);
    if (!/^\d{4}$/.test(yearText))
      errors.push({
        file,
        row,
        column: 'fiscal_year',
        value: yearText,
        reason: 'must be a fiscal year such as 2026'
      });
    else if (year < startYear || year >= startYear + years)
      errors.push({
        file,
        row,
        column: 'fiscal_year',
        value: yearText,
        reason: `is outside the horizon ${startYear}–${startYear + years - 1}`
      });
    else if (amounts[year - startYear] !== undefined)
      errors.push({ file, row, column: 'fiscal_year', value: yearText, reason: 'appears twice' });
    if (budgetText === '' || !Number.isFinite(amount) || amount < 0)
      errors.push({
        file,
        row,
        column: 'budget_yen',
        value: budgetText,
        reason: 'must be an amount of yen ≥ 0'
      });
    else if (/^\d{4}$/.test(yearText) && year >= startYear && year < startYear + years)
      amounts[year - startYear] = amount;
  });
  amounts.forEach((a, t) => {
    if (a === undefined)
      errors.push({
        file,
        row: 0,
        column: null,
        value: null,
        reason: `no budget for fiscal year ${startYear + t}`
      });
  });
  return errors.length ? { ok: false, errors } : { ok: true, amounts: amounts as number[] };
}
