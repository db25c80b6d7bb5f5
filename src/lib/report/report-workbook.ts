/**
 * Every table of the plan report in one workbook (.xlsx): a sheet per table, its title on the
 * first row, the header on the second, the footnote under the rows. Numbers are numbers (no
 * formulas); money is written in yen (the document shows 億円) with the unit in the header.
 */
import ExcelJS from 'exceljs';
import type { Lang } from '../i18n/messages';
import type { Report, ReportTable } from './report-sections';
import { reportTables } from './report-sections';

/** A column's header in the workbook: money columns name 円 (the values are in yen). */
function header(lang: Lang, t: ReportTable, k: number): string {
  const c = t.columns[k]!;
  if (c.kind !== 'oku') return c.label;
  if (/億円/.test(c.label)) return c.label.replace('億円', '円');
  if (/100M yen/.test(c.label)) return c.label.replace('100M yen', 'yen');
  return `${c.label}${lang === 'ja' ? '（円）' : ' (yen)'}`;
}

/** Excel's sheet names: ≤ 31 characters, none of : \ / ? * [ ]. */
const sheetName = (id: string) => id.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

export async function reportWorkbook(lang: Lang, report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  for (const t of reportTables(report)) {
    const sheet = workbook.addWorksheet(sheetName(t.id));
    const title = sheet.addRow([t.title.replace(/（億円）|\(100M yen\)/, '')]);
    title.font = { bold: true };
    const head = sheet.addRow(t.columns.map((_, k) => header(lang, t, k)));
    head.font = { bold: true };
    t.rows.forEach((row) => {
      const added = sheet.addRow(
        row.map((v, k) =>
          typeof v === 'number' && t.columns[k]?.kind === 'oku' ? Math.round(v) : (v ?? null)
        )
      );
      row.forEach((v, k) => {
        if (typeof v !== 'number') return;
        const kind = t.columns[k]?.kind;
        added.getCell(k + 1).numFmt =
          kind === 'pct'
            ? '0.0'
            : kind === 'oku' || kind === 'area' || kind === 'count'
              ? '#,##0'
              : 'General';
      });
    });
    sheet.addRow([]);
    sheet.addRow([t.footnote]).font = { italic: true, size: 9 };
    sheet.columns.forEach((col, k) => (col.width = k === 0 ? 28 : 16));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
