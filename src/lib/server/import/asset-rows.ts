/**
 * An asset table's rows read and checked in the compute pool's worker, streamed to the importer
 * in batches while it writes the batches before them: the server's own thread only writes (a
 * 100,000-row CSV is about a second of decoding, parsing and checking that no other user should
 * wait for), and on two cores reading and writing overlap.
 *
 * The worker posts a batch of checked rows (and the problems and skips among them) every
 * BATCH_ROWS rows, and runs at most WINDOW batches ahead of the writer: the importer answers each
 * batch it has taken with `more`, or `stop` when it gives up (the worker then ends at once, as it
 * does when the importer's side of the channel closes). Memory stays bounded however long the
 * file is. The last message is `done`, with what the whole file said (rows, unknown words); the
 * worker ends once every batch and `done` are answered, so none is lost when the channel closes.
 */
import type { AssetField } from '../../io/asset-record';
import { assetLayout } from './asset-layout';
import type { ImportFormat, ImportMapping } from '../../io/import-mapping';
import { AssetRowReader } from '../../io/import-rows';
import type { RowError } from '../../io/row-error';
import type { TextEncoding } from '../../io/text-encoding';
import { csvRecordBatches } from './read-file';

export const BATCH_ROWS = 2_000;
export const WINDOW = 4;

export interface AssetRowsInput {
  /** A CSV in `encoding`, streamed from `path`; or `rows` (a workbook's sheet, read already). */
  kind: 'csv' | 'rows';
  rows?: string[][];
  path: string;
  encoding: TextEncoding | null;
  /** The header as the importer found it, and its row number. */
  header: string[];
  headerRow: number;
  mapping: ImportMapping;
  format: ImportFormat;
  /** The file's name, for the problems' "where". */
  file: string;
  /** The city's facilities by code (a row's facility must be one). */
  facilityIds: ReadonlyMap<string, number>;
  latestYear: number;
  /** The fields the file gives (only those are written: asset-layout.ts). */
  provided: AssetField[];
  /** Whether the valid rows are wanted after a bad one (the user imports the valid rows only). */
  validOnly: boolean;
}

/**
 * A batch of rows, in order: the valid ones (while wanted) as the values of the layout's columns,
 * the problems, the rows skipped.
 */
export interface AssetRowsBatch {
  type: 'rows';
  rows: unknown[][];
  errors: RowError[];
  skipped: Record<string, number>;
  /** Rows read in this batch (header and empty lines not counted), and the valid among them. */
  count: number;
  valid: number;
}

export interface AssetRowsDone {
  type: 'done';
  unknownCategories: Map<string, number>;
  unknownWords: Map<string, Map<string, number>>;
}

export type AssetRowsMessage = AssetRowsBatch | AssetRowsDone;
/** What the importer answers a batch with. */
export type AssetRowsReply = 'more' | 'stop';

/** The table's records in batches: the CSV streamed, or the workbook's sheet as given. */
async function* recordsOf(
  input: AssetRowsInput,
  syntax: (row: number, message: string) => void
): AsyncGenerator<string[][]> {
  if (input.kind === 'csv') yield* csvRecordBatches(input.path, input.encoding ?? 'utf-8', syntax);
  else yield input.rows ?? [];
}

/**
 * The compute task. `post` sends a message to the importer, `receive` waits for its next answer
 * (`stop` as well when the importer has gone).
 */
export async function assetRows(
  input: AssetRowsInput,
  post: (message: AssetRowsMessage) => void,
  receive: () => Promise<unknown>
): Promise<{ stopped: boolean }> {
  const reader = new AssetRowReader(input.header, input.mapping, input.format, input.file, {
    facilityCodes: new Set(input.facilityIds.keys()),
    latestYear: input.latestYear
  });
  const layout = assetLayout(new Set(input.provided), input.facilityIds);
  let batch: AssetRowsBatch = {
    type: 'rows',
    rows: [],
    errors: [],
    skipped: {},
    count: 0,
    valid: 0
  };
  let bad = false;
  let ahead = 0;
  /** Posts the batch; false when the importer said stop. */
  const send = async (): Promise<boolean> => {
    post(batch);
    batch = { type: 'rows', rows: [], errors: [], skipped: {}, count: 0, valid: 0 };
    ahead += 1;
    while (ahead >= WINDOW) {
      if ((await receive()) !== 'more') return false;
      ahead -= 1;
    }
    return true;
  };
  let row = 0;
  const syntax = (record: number, message: string) =>
    batch.errors.push({
      file: input.file,
      row: record,
      column: null,
      value: null,
      reason: `CSV syntax: ${message}`
    });
  for await (const records of recordsOf(input, syntax))
    for (const cells of records) {
      row += 1;
      if (row <= input.headerRow || cells.every((c) => c.trim() === '')) continue;
      const result = reader.read(cells, row, batch.errors);
      batch.count += 1;
      // Once a row is bad (or the CSV broken) the file is not written: its rows need not travel.
      if (batch.errors.length > 0) bad = true;
      if (result && 'skipped' in result)
        batch.skipped[result.skipped] = (batch.skipped[result.skipped] ?? 0) + 1;
      else if (result) {
        batch.valid += 1;
        if (!bad || input.validOnly) batch.rows.push(layout.values(result));
      }
      if (batch.count >= BATCH_ROWS && !(await send())) return { stopped: true };
    }
  post(batch);
  ahead += 1;
  post({
    type: 'done',
    unknownCategories: reader.unknownCategories,
    unknownWords: reader.unknownWords
  });
  // Every batch still unanswered, then `done` itself: the importer has all of them when this ends.
  for (; ahead >= 0; ahead--) if ((await receive()) !== 'more') return { stopped: true };
  return { stopped: false };
}
