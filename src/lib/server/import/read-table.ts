/** Reading a table for the import: its records (CSV or a workbook's first sheet), header, rows. */
import { said } from '../../i18n/said';
import type { AssetField } from '../../io/asset-record';
import { ASSET_FIELDS } from '../../io/asset-record';
import type { ImportMapping } from '../../io/import-mapping';
import type { AssetRowReader, FacilityRowReader } from '../../io/import-rows';
import type { RowError } from '../../io/row-error';
import { BusyError, compute, ComputeLimitError } from '../compute/pool';
import { fileError, type ImportOptions, type ImportReport } from './import-report';
import { checkEncoding, csvRecordBatches, sniffEncoding, toAsync } from './read-file';

/** A table's records in batches (one await per batch: a large file reads faster). */
export type Records = (validating?: boolean) => AsyncIterable<string[][]>;

/**
 * A table's records: a CSV streamed in its encoding (detected, or the user's, checked), or the
 * first sheet of a workbook (read in the compute pool). Null when the file cannot be read (the
 * report says why).
 */
export async function openTable({
  options,
  report
}: {
  options: ImportOptions;
  report: ImportReport;
}): Promise<Records | null> {
  if (report.kind === 'xlsx') {
    try {
      const read = await compute(
        'xlsxRecords',
        { path: options.path },
        { owner: options.username }
      );
      if ('tooLarge' in read) {
        fileError(
          report,
          said(
            `ブックが大きすぎます：${read.tooLarge}`,
            `the workbook is too large: ${read.tooLarge}`
          )
        );
        return null;
      }
      const rows = read.rows;
      return () => toAsync([rows]);
    } catch (error) {
      if (error instanceof BusyError) throw error;
      fileError(
        report,
        error instanceof ComputeLimitError
          ? said(
              `ブックが大きすぎます：${error.said.ja}`,
              `the workbook is too large: ${error.said.en}`
            )
          : said(
              `.xlsx ブックとして読めません（${(error as Error).message}）`,
              `not a readable .xlsx workbook (${(error as Error).message})`
            )
      );
      return null;
    }
  }
  const encoding = options.encoding ?? 'auto';
  if (encoding === 'auto') {
    const found = await sniffEncoding(options.path);
    if (!found.ok) {
      fileError(report, found.reasonJa ? said(found.reasonJa, found.reason) : found.reason);
      return null;
    }
    report.encoding = found.encoding;
  } else {
    const checked = await checkEncoding(options.path, encoding);
    if (!checked.ok) {
      fileError(
        report,
        said(
          `${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} として正しくありません（${checked.line} 行目）。もう一方の文字コードではありませんか`,
          `not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} (line ${checked.line}); is it in the other encoding?`
        )
      );
      return null;
    }
    report.encoding = encoding;
  }
  const chosen = report.encoding;
  // Syntax errors (an unclosed quote …) are reported by the validating pass only.
  return (validating = false) =>
    csvRecordBatches(options.path, chosen, (record, message) => {
      if (validating)
        report.errors.push({
          file: report.file,
          row: record,
          column: null,
          value: null,
          reason: `CSV syntax: ${message}`
        });
    });
}

/** The header: the first record that is not empty, and its row number; null when none is. */
export async function tableHeader(
  records: Records
): Promise<{ header: string[]; row: number } | null> {
  let row = 0;
  for await (const batch of records())
    for (const record of batch) {
      row += 1;
      if (record.some((c) => c.trim() !== ''))
        return { header: record.map((h) => h.replace(/^\uFEFF/, '').trim()), row };
    }
  return null;
}

/** The fields a table gives: by a column of its header, or by a constant of the mapping. */
export function providedFields(header: readonly string[], mapping: ImportMapping): Set<AssetField> {
  const provided = new Set<AssetField>(
    ASSET_FIELDS.filter(
      (f) =>
        f === 'class' ||
        f === 'category' ||
        f === 'unit' ||
        mapping.values[f] !== undefined ||
        (Array.isArray(mapping.columns[f])
          ? (mapping.columns[f] as string[])
          : [mapping.columns[f] ?? '']
        ).some((n) => header.includes(n))
    )
  );
  if (provided.has('lon') || provided.has('lat')) provided.add('geometry');
  // A year built written as a date (取得年月日 of a fixed-asset register) gives the date too.
  if (provided.has('year_built')) provided.add('acquired_on');
  return provided;
}

/** A table's rows read by its reader, a batch at a time (null: a bad row, its errors listed). */
export async function* rowsOf<R extends AssetRowReader | FacilityRowReader>(
  records: Records,
  headerRow: number,
  reader: R,
  errors: RowError[],
  validating: boolean
): AsyncGenerator<ReturnType<R['read']>[]> {
  let row = 0;
  for await (const batch of records(validating)) {
    const results: ReturnType<R['read']>[] = [];
    for (const cells of batch) {
      row += 1;
      if (row <= headerRow || cells.every((c) => c.trim() === '')) continue;
      results.push(reader.read(cells, row, errors) as ReturnType<R['read']>);
    }
    yield results;
  }
}
