/**
 * The projection's long-format CSV: one row per non-zero cell, costs rounded to the nearest yen.
 * Header: fiscal_year,asset_class,category,work_type,cost_yen
 */
import type { ProjectionRow } from '../engine/projection';
import { csvField } from './csv-cell';

export const PROJECTION_CSV_HEADER = 'fiscal_year,asset_class,category,work_type,cost_yen';

export function formatProjectionCsv(rows: readonly ProjectionRow[]): string {
  const lines = [PROJECTION_CSV_HEADER];
  for (const row of rows) {
    const yen = Math.round(row.cost);
    if (yen === 0) continue;
    lines.push(
      `${row.fiscalYear},${csvField(row.assetClass)},${csvField(row.category)},${csvField(row.workType)},${yen}`
    );
  }
  return lines.join('\n') + '\n';
}
