/**
 * Backups while Hozen writes, restoring them, and refusing files that must not be restored — on
 * the engine the suite runs on (SQLite files, or pg_dump archives under `npm run test:pg`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  automaticBackup,
  backupTarget,
  checkBackupFile,
  restoreTarget
} from '../../src/lib/server/services/backup.service';
import { checkPostgresBackup } from '../../src/lib/server/services/pg-backup.service';
import { onPostgres, tempDir, testTarget, type TestDatabase } from './helpers/temp-db';

const dir = tempDir();
const extension = onPostgres ? 'dump' : 'sqlite';
const live = await testTarget('live');
const db = await live.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

const checkFile = (file: string) =>
  onPostgres ? checkPostgresBackup(file) : checkBackupFile(file);

/** SHA-256 of every row of every table (timestamps, audit log, accounts included). */
async function fullHash(target: TestDatabase): Promise<string> {
  const other = await target.open();
  try {
    const hash = createHash('sha256');
    const tables = (await other.introspection.getTables()).sort((a, b) =>
      a.name < b.name ? -1 : 1
    );
    for (const table of tables) {
      const columns = table.columns.map((c) => c.name);
      const query = other.selectFrom(table.name as keyof Database).selectAll();
      const rows = await columns.reduce((q, c) => q.orderBy(sql.ref(c)), query).execute();
      hash.update(`${table.name}:${JSON.stringify(rows)}\n`);
    }
    return hash.digest('hex');
  } finally {
    await other.destroy();
  }
}

async function auditCount(target: TestDatabase): Promise<number> {
  const other = await target.open();
  try {
    const row = await other
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await other.destroy();
  }
}

/** A process writing a numbered audit entry every millisecond or so, through the engine's own
 * driver (another process, as a running server would be). */
function startWriter(target: TestDatabase) {
  const insert =
    "insert into audit_log (at, username, action, entity, entity_id) values ($1, 'writer', 'touch', 'test', $2)";
  const code =
    target.target.kind === 'sqlite'
      ? `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.pragma('busy_timeout = 5000');
         const insert = db.prepare(${JSON.stringify(insert.replace(/\$\d/g, '?'))});
         let i = 0;
         const tick = () => { insert.run(new Date().toISOString(), String(i++)); if (i % 20 === 0) process.stdout.write(i + '\\n'); setTimeout(tick, 1); };
         tick();`
      : `const client = new (require('pg').Client)({ connectionString: process.argv[1] });
         let i = 0;
         const tick = async () => { await client.query(${JSON.stringify(insert)}, [new Date().toISOString(), String(i++)]); if (i % 20 === 0) process.stdout.write(i + '\\n'); setTimeout(tick, 1); };
         client.connect().then(tick);`;
  const where = target.target.kind === 'sqlite' ? target.target.file : target.target.url;
  const writer = spawn(process.execPath, ['-e', code, where], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const state = { written: 0 };
  writer.stdout.on(
    'data',
    (chunk: Buffer) => (state.written = Number(chunk.toString().trim().split('\n').at(-1)))
  );
  const until = async (n: number) => {
    while (state.written < n) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const stop = async () => {
    writer.kill();
    await new Promise((resolve) => writer.once('exit', resolve));
  };
  return { state, until, stop };
}

describe('backups', () => {
  it('copies one consistent state while another process keeps writing, and restores it', async () => {
    const before = await auditCount(live);
    const writer = startWriter(live);
    const backup = path.join(dir, `backup.${extension}`);
    await writer.until(40);
    await backupTarget(live.target, backup);
    const afterBackup = writer.state.written;
    // The writer goes on after the copy, then stops.
    await writer.until(afterBackup + 40);
    await writer.stop();
    expect(checkFile(backup)).toBeNull();

    // Restored into another database, it holds what the backup holds…
    const target = await testTarget('target');
    const t = await target.open();
    await migrateToLatest(t);
    await t.destroy();
    const when = new Date('2026-11-27T10:00:00Z');
    const { previous } = await restoreTarget(backup, target.target, when);
    expect(previous).toBe(
      target.target.kind === 'sqlite'
        ? `${target.target.file}.before-restore-2026-11-27T10-00-00-000Z`
        : path.join(
            dir,
            `${new URL(target.target.url).pathname.slice(1)}-before-restore-2026-11-27T10-00-00-000Z.dump`
          )
    );
    expect(fs.existsSync(previous!)).toBe(true);
    const copied = await auditCount(target);
    expect(copied).toBeGreaterThanOrEqual(before + 40);
    // …the entries in it are the first ones written, none missing in between…
    const restored = await target.open();
    const ids = (
      await restored
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity', '=', 'test')
        .orderBy('id')
        .execute()
    ).map((r) => Number(r.entity_id));
    await restored.destroy();
    expect(ids).toEqual(ids.map((_, i) => i));
    // …and not what was written after it: without those, the live database has the same content
    // hash, row for row (timestamps, audit and accounts included).
    expect(await auditCount(live)).toBeGreaterThan(copied);
    const after = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'test')
      .orderBy('id')
      .offset(ids.length)
      .limit(1_000_000)
      .execute();
    await db
      .deleteFrom('audit_log')
      .where(
        'id',
        'in',
        after.map((r) => r.id)
      )
      .execute();
    expect(await fullHash(target)).toBe(await fullHash(live));
  }, 120_000);

  it('refuses what is not a sound Hozen database of this version, and changes nothing', async () => {
    const target = await testTarget('keep');
    const keep = path.join(dir, `keep.${extension}`);
    await backupTarget(live.target, keep);
    await restoreTarget(keep, target.target);
    const hash = await fullHash(target);
    const listing = () => fs.readdirSync(dir).sort();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');

    // A database of something else, and one from a newer Hozen, backed up by the same means.
    const foreign = await testTarget('foreign');
    const f = await foreign.open();
    await sql`create table things (id integer)`.execute(f);
    await f.destroy();
    const foreignFile = path.join(dir, `foreign.${extension}`);
    if (foreign.target.kind === 'sqlite') fs.copyFileSync(foreign.target.file, foreignFile);
    else await backupTarget(foreign.target, foreignFile);
    const newer = await testTarget('newer');
    const n = await newer.open();
    await migrateToLatest(n);
    await sql`insert into kysely_migration (name, timestamp) values ('2099010101_future', 'x')`.execute(
      n
    );
    await n.destroy();
    const newerFile = path.join(dir, `newer.${extension}`);
    await backupTarget(newer.target, newerFile);

    // A damaged copy: bytes overwritten in the middle (SQLite: whole pages, the B-trees no
    // longer hold; pg_dump: inside the assets' compressed data — the check passes, the restore
    // fails half-way and must leave nothing of itself).
    const damaged = path.join(dir, `damaged.${extension}`);
    fs.copyFileSync(keep, damaged);
    const size = fs.statSync(damaged).size;
    const fd = fs.openSync(damaged, 'r+');
    const [length, at] = onPostgres
      ? [4096, Math.floor(size / 2)]
      : [4096 * 8, Math.floor(size / 2 / 4096) * 4096];
    fs.writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, at);
    fs.closeSync(fd);

    const cases: [string, RegExp][] = [
      [path.join(dir, `missing.${extension}`), /no such file/],
      [text, onPostgres ? /is not a PostgreSQL backup/ : /is not a SQLite database/],
      [foreignFile, /is not a Hozen database \(no settings, facilities/],
      [newerFile, /newer version of Hozen \(unknown migration 2099010101_future\)/],
      [damaged, onPostgres ? /rolled back, nothing changed/ : /damaged|malformed|cannot be read/]
    ];
    const files = listing();
    for (const [file, message] of cases) {
      await expect(restoreTarget(file, target.target)).rejects.toThrow(message);
      expect(await fullHash(target)).toBe(hash);
    }
    // Refused before anything was done: no copy of the database as it was was needed — but for
    // the cut archive on PostgreSQL, whose restore was tried (and rolled back) after one was made.
    const made = listing().filter((f) => !files.includes(f) && f.includes('before-restore'));
    expect(made).toHaveLength(onPostgres ? 1 : 0);
  }, 180_000);

  it('makes one automatic backup a day and keeps the newest', async () => {
    const backups = path.join(dir, 'daily');
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 3));
    const first = await automaticBackup(live.target, backups, 2, day(1));
    expect(first).not.toBeNull();
    expect(checkFile(first!)).toBeNull();
    // The same day again: nothing new (the last backup is less than a day old by its file time).
    expect(await automaticBackup(live.target, backups, 2, new Date())).toBeNull();
    // Backdate the files, then three more days: only the newest two stay.
    for (let d = 2; d <= 4; d++) {
      for (const f of fs.readdirSync(backups))
        fs.utimesSync(path.join(backups, f), day(d - 1), day(d - 1));
      expect(await automaticBackup(live.target, backups, 2, day(d))).not.toBeNull();
    }
    expect(fs.readdirSync(backups).sort()).toEqual([
      `hozen-2026-11-03T03-00-00-000Z.${extension}`,
      `hozen-2026-11-04T03-00-00-000Z.${extension}`
    ]);
  }, 120_000);
});
