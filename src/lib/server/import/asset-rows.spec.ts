import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyMapping, mergeMapping, presetOf } from '../../io/import-mapping';
import {
  assetRows,
  BATCH_ROWS,
  WINDOW,
  type AssetRowsInput,
  type AssetRowsMessage
} from './asset-rows';

const HEADER =
  'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A CSV of `n` buildings, row `bad` (1-based data row) with a year that is no year. */
function csv(n: number, bad: number | null = null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-asset-rows-'));
  dirs.push(dir);
  const file = path.join(dir, 'a.csv');
  const lines = [HEADER];
  for (let k = 1; k <= n; k++)
    lines.push(
      `B${k},建物${k},building,school,${k === bad ? 'いつか' : 1970 + (k % 50)},100,m2,rc,,,`
    );
  fs.writeFileSync(file, lines.join('\r\n'));
  return file;
}

const input = (file: string, validOnly = false): AssetRowsInput => ({
  kind: 'csv',
  path: file,
  encoding: 'utf-8',
  header: HEADER.split(','),
  headerRow: 1,
  mapping: mergeMapping(presetOf('hozen'), null) ?? emptyMapping('assets'),
  format: 'hozen',
  file: 'a.csv',
  facilityIds: new Map(),
  latestYear: 2026,
  provided: ['code', 'name', 'class', 'category', 'year_built', 'quantity', 'unit', 'structure'],
  validOnly
});

/** A scripted importer: answers `more` to the first `answers` waits, then `stop`. */
function importer(answers: number) {
  const posted: AssetRowsMessage[] = [];
  let given = 0;
  const waits: number[] = []; // messages posted at each wait
  return {
    posted,
    waits,
    post: (m: AssetRowsMessage) => posted.push(m),
    receive: async () => {
      waits.push(posted.length);
      return given++ < answers ? 'more' : 'stop';
    }
  };
}

describe('assetRows (the worker side of a streamed import)', () => {
  it('runs at most WINDOW batches ahead of the importer, and ends on stop', async () => {
    const file = csv(BATCH_ROWS * (WINDOW + 3));
    const side = importer(0);
    expect(await assetRows(input(file), side.post, side.receive)).toEqual({ stopped: true });
    // Never answered: it posted WINDOW batches, asked once, was told to stop.
    expect(side.posted).toHaveLength(WINDOW);
    expect(side.waits).toEqual([WINDOW]);
    expect(side.posted.every((m) => m.type === 'rows' && m.rows.length === BATCH_ROWS)).toBe(true);
  });

  it('streams every row in order, then done, and ends once all are answered', async () => {
    const n = BATCH_ROWS * 2 + 17;
    const side = importer(Number.POSITIVE_INFINITY);
    expect(await assetRows(input(csv(n)), side.post, side.receive)).toEqual({ stopped: false });
    const batches = side.posted.filter((m) => m.type === 'rows');
    expect(batches.map((b) => b.count)).toEqual([BATCH_ROWS, BATCH_ROWS, 17]);
    const codes = batches.flatMap((b) => b.rows.map((r) => r[0]));
    expect(codes).toEqual(Array.from({ length: n }, (_, k) => `B${k + 1}`));
    expect(side.posted.at(-1)!.type).toBe('done');
    // Three batches and done answered before it returned.
    expect(side.waits).toHaveLength(4);
  });

  it('after a bad row sends no more rows (the file is not written) but counts the valid ones', async () => {
    const n = BATCH_ROWS + 10;
    const side = importer(Number.POSITIVE_INFINITY);
    await assetRows(input(csv(n, 5)), side.post, side.receive);
    const batches = side.posted.filter((m) => m.type === 'rows');
    expect(batches.flatMap((b) => b.rows.map((r) => r[0]))).toEqual(['B1', 'B2', 'B3', 'B4']);
    expect(batches.reduce((s, b) => s + b.valid, 0)).toBe(n - 1);
    expect(batches.flatMap((b) => b.errors)).toMatchObject([
      { row: 6, column: 'year_built', value: 'いつか' }
    ]);
    // Importing only the valid rows: every valid row travels.
    const valid = importer(Number.POSITIVE_INFINITY);
    await assetRows(input(csv(n, 5), true), valid.post, valid.receive);
    expect(
      valid.posted.flatMap((m) => (m.type === 'rows' ? m.rows : [])).map((r) => r[0])
    ).toHaveLength(n - 1);
  });
});
