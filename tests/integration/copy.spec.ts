/**
 * Moving a city between engines: `db:copy` from a SQLite file into the suite's engine (a new
 * PostgreSQL database under `npm run test:pg`) and back into a SQLite file keeps every row of
 * every table, and the copy goes on numbering new rows after the ids it brought.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { openDatabase } from '../../src/lib/server/db/connection';
import { prepareDatabase } from '../../src/lib/server/services/database.service';
import { COPY_ORDER, copyDatabase } from '../../src/lib/server/services/copy.service';
import { createFromPreset } from '../../src/lib/server/services/scenarios.service';
import { runScenario } from '../../src/lib/server/services/scenario-runs.service';
import { tempDir, testTarget } from './helpers/temp-db';

const dir = tempDir();
const sourceFile = path.join(dir, 'city.sqlite');
let source: Kysely<Database>;

/** Every row of every table, in key order. */
async function everything(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { table, key } of COPY_ORDER)
    out[table] = await db.selectFrom(table).selectAll().orderBy(sql.ref(key)).execute();
  return out;
}

beforeAll(async () => {
  const prepared = await prepareDatabase(sourceFile, { seedIfEmpty: true });
  source = prepared.db;
  const who = { username: 'finance', now: '2026-11-27T09:00:00Z' };
  await runScenario(source, await createFromPreset(source, 'capped', who));
  await createFromPreset(source, 'longevity', who);
});
afterAll(() => source.destroy());

describe('db:copy', () => {
  it('copies every row of every table into an empty database and back, ids kept', async () => {
    const before = await everything(source);
    expect(before.assets!.length).toBeGreaterThan(30_000);
    expect(before.scenario_runs!.length).toBe(1);
    expect(before.users!.length).toBe(1);

    const copy = await testTarget('copy');
    const target = await copy.open();
    const report = await copyDatabase(source, target);
    expect(report.rows.assets).toBe(before.assets!.length);
    expect(await everything(target)).toEqual(before);
    // The source was only read.
    expect(await everything(source)).toEqual(before);

    // A new row after the copy gets the next id (PostgreSQL's identity sequence was moved on).
    const maxId = Math.max(...before.facilities!.map((f) => (f as { id: number }).id));
    const added = await target
      .insertInto('facilities')
      .values({
        code: 'NEW-1',
        name: '新しい施設',
        category: 'other',
        created_at: 'now',
        updated_at: 'now'
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBe(maxId + 1);
    await target.deleteFrom('facilities').where('code', '=', 'NEW-1').execute();

    // …and back into a SQLite file: the same rows again.
    const back = openDatabase(path.join(dir, 'back.sqlite'));
    await copyDatabase(target, back);
    expect(await everything(back)).toEqual(before);
    await Promise.all([back.destroy(), target.destroy()]);
  }, 180_000);

  it('refuses a target that holds data, and changes neither database', async () => {
    const copy = await testTarget('full');
    const target = await copy.open();
    await copyDatabase(source, target);
    const held = await everything(target);
    await expect(copyDatabase(source, target)).rejects.toThrow(
      /already holds data \(table settings\); copy only into a new, empty database/
    );
    expect(await everything(target)).toEqual(held);
    await target.destroy();
  }, 180_000);

  it('on the command line: names what is wrong, and copies', async () => {
    const run = (args: string[]) => {
      const r = spawnSync(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'scripts/db-copy.ts', ...args],
        { encoding: 'utf8' }
      );
      return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
    };
    expect(run([sourceFile]).stderr).toBe(
      'hozen: usage: npm run db:copy -- FROM TO (each a SQLite file or a postgres:// URL)'
    );
    const nothing = path.join(dir, 'nothing.sqlite');
    expect(run([nothing, path.join(dir, 'x.sqlite')]).stderr).toBe(
      `hozen: ${nothing}: no Hozen database there to copy`
    );
    const copy = await testTarget('cli');
    const to = copy.target.kind === 'sqlite' ? copy.target.file : copy.target.url;
    const ok = run([sourceFile, to]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/assets: \d{5} rows/);
    expect(ok.stdout).toMatch(/rows copied in [\d.]+ s$/);
  }, 180_000);
});

describe('first start', () => {
  it('opens the demo city with four scenarios to compare: national method, life extension, the cap, the plan', async () => {
    // The source was prepared as `npm start` prepares a fresh database (the first four; two
    // more were made above).
    const names = (
      await source.selectFrom('scenarios').select('name').orderBy('id').limit(4).execute()
    ).map((s) => s.name);
    expect(names).toEqual([
      '総務省の方法（予算制約なし）',
      '長寿命化',
      '直近の投資額で予算制約',
      '複合化・統廃合の計画'
    ]);
  });
});
