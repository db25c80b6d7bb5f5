/**
 * The importer's side of `asset-rows.ts`: the checked rows of an asset table as they come from
 * the compute pool, batch by batch. Each batch taken is answered `more` (the worker runs a few
 * batches ahead, no further); a reader that stops early (the writing failed) answers `stop`, so
 * the worker never waits for a writer that has gone. Returns what the whole file said.
 */
import { compute } from '../compute/pool';
import type { ImportOptions, ImportReport } from './import-report';
import type {
  AssetRowsBatch,
  AssetRowsDone,
  AssetRowsInput,
  AssetRowsMessage,
  AssetRowsReply
} from './asset-rows';

export async function* checkedAssetRows(
  input: AssetRowsInput,
  owner: string | null | undefined
): AsyncGenerator<AssetRowsBatch, AssetRowsDone> {
  const queue: AssetRowsMessage[] = [];
  let wake: (() => void) | null = null;
  // How to answer the worker (known once its first message has come).
  let reply: (message: AssetRowsReply) => void = () => {};
  let failure: { error: unknown } | null = null;
  let ended = false;
  let gone = false;
  const task = compute('assetRows', input, {
    owner,
    onProgress: (message, answer) => {
      // Stopped before this batch came: the worker is told at once.
      if (gone) return answer('stop');
      reply = answer;
      queue.push(message as AssetRowsMessage);
      wake?.();
    }
  });
  task.then(
    () => {
      ended = true;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      wake?.();
    }
  );
  let finished = false;
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw (failure as { error: unknown }).error;
        // The worker waits for `done` to be answered before it ends: ended without it, it failed.
        if (ended) throw new Error('the row reader ended without its last message');
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const message = queue.shift()!;
      if (message.type === 'done') {
        finished = true;
        // Answered, so that the worker ends only once this side has every message (the task's
        // result travels on another channel, and the port closes with it).
        reply('more');
        return message;
      }
      yield message;
      reply('more');
    }
  } finally {
    gone = !finished;
    if (!finished) reply('stop');
  }
}

/**
 * A batch counted into the report (its problems, valid rows and skips; progress every 10,000
 * rows, `rows` being those read so far with it); its rows, when they may be written.
 */
export function takeBatch(
  report: ImportReport,
  options: ImportOptions,
  batch: AssetRowsBatch,
  rows: number
): unknown[][] {
  if (Math.floor(rows / 10_000) > Math.floor((rows - batch.count) / 10_000))
    options.onProgress?.('validate', rows);
  report.valid += batch.valid;
  for (const error of batch.errors) report.errors.push(error);
  for (const [why, n] of Object.entries(batch.skipped))
    report.skipped[why] = (report.skipped[why] ?? 0) + n;
  return report.errors.length === 0 || options.validOnly ? batch.rows : [];
}
