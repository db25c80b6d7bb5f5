/**
 * The budget run's CSV: Engine I's long-format cost rows (here: the money funded), each carrying
 * its year's figures in four more columns, so that one file pivots in a spreadsheet.
 * Header: fiscal_year,asset_class,category,work_type,cost_yen,needed_yen,funded_yen,backlog_yen,backlog_count
 * A year in which nothing is funded still has one row (empty class, category and work type; cost 0).
 */
import type { ProjectionRow } from '../engine/projection';
import type { YearSnapshot } from '../engine/simulate-budget';
import { PROJECTION_CSV_HEADER } from './projection-csv';
import { csvField } from './csv-cell';

export const BUDGET_CSV_HEADER = `${PROJECTION_CSV_HEADER},needed_yen,funded_yen,backlog_yen,backlog_count`;

export function formatBudgetCsv(
  rows: readonly ProjectionRow[],
  years: readonly YearSnapshot[]
): string {
  const lines = [BUDGET_CSV_HEADER];
  for (const year of years) {
    const yearly = `${Math.round(year.needed)},${Math.round(year.funded)},${Math.round(year.backlogYen)},${year.backlogCount}`;
    const own = rows.filter((r) => r.fiscalYear === year.fiscalYear && Math.round(r.cost) !== 0);
    if (own.length === 0) lines.push(`${year.fiscalYear},,,,0,${yearly}`);
    for (const r of own) {
      lines.push(
        `${r.fiscalYear},${csvField(r.assetClass)},${csvField(r.category)},${csvField(r.workType)},${Math.round(r.cost)},${yearly}`
      );
    }
  }
  return lines.join('\n') + '\n';
}
