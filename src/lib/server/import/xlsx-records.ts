/**
 * The first worksheet of an .xlsx file as rows of text, read in the compute pool's worker. Only
 * the cells that exist are visited: a workbook with one cell at A1 and one at XFD1048576 is two
 * cells, not 17 billion. Bounded: at most MAX_XLSX_COLUMNS columns and MAX_XLSX_CELLS cells (a
 * register larger than that is refused with a message saying so).
 */
import ExcelJS from 'exceljs';

/** Wider than any register; Excel itself allows 16,384. */
export const MAX_XLSX_COLUMNS = 1_000;
/** Cells holding a value: 200,000 rows of 50 columns. */
export const MAX_XLSX_CELLS = 10_000_000;

class XlsxLimitError extends Error {}

/** A cell of a workbook as text: numbers in full, dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

const columnName = (n: number): string =>
  n <= 0 ? '' : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * Row 1 first; a row with no cells is `['']` (as an empty CSV line is). A sheet past the limits
 * gives `{ tooLarge }` with what to do (a workbook that is not one throws).
 */
export async function xlsxRecords(
  path: string
): Promise<{ rows: string[][] } | { tooLarge: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [] };
  const rows: string[][] = [];
  let cells = 0;
  try {
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const text = cellText(cell.value);
        if (text === '') return;
        if (c > MAX_XLSX_COLUMNS)
          throw new XlsxLimitError(
            `cell ${columnName(c)}${r} lies beyond column ${columnName(MAX_XLSX_COLUMNS)}; Hozen reads at most ${MAX_XLSX_COLUMNS.toLocaleString('en')} columns — delete what is to the right of the table`
          );
        if (++cells > MAX_XLSX_CELLS)
          throw new XlsxLimitError(
            `the sheet holds more than ${MAX_XLSX_CELLS.toLocaleString('en')} cells; split it, or save it as CSV`
          );
        while (values.length < c - 1) values.push('');
        values.push(text);
      });
      while (rows.length < r - 1) rows.push(['']);
      rows.push(values.length ? values : ['']);
    });
  } catch (e) {
    if (e instanceof XlsxLimitError) return { tooLarge: e.message };
    throw e;
  }
  return { rows };
}
