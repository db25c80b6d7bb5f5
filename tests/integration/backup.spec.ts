/** Backups while Hozen writes, restoring them, and refusing files that must not be restored. */
import SqliteDatabase from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { contentHash, seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  automaticBackup,
  backupDatabase,
  checkBackupFile,
  restoreDatabase
} from '../../src/lib/server/services/backup.service';
import { tempDir } from './helpers/temp-db';

const dir = tempDir();
const live = path.join(dir, 'live.sqlite');
const db = openDatabase(live);
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});
const count = async (file: string) => {
  const other = new SqliteDatabase(file, { readonly: true });
  try {
    return (other.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  } finally {
    other.close();
  }
};
const hashOf = async (file: string) => {
  const other = openDatabase(file);
  try {
    return await contentHash(other);
  } finally {
    await other.destroy();
  }
};

describe('backups', () => {
  it('copies one consistent state while another connection keeps writing, and restores it', async () => {
    const before = await count(live);
    // Another process writes an audit entry every millisecond or so, numbered, meanwhile.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.pragma('busy_timeout = 5000');
         const insert = db.prepare("insert into audit_log (at, username, action, entity, entity_id) values (?, 'writer', 'touch', 'test', ?)");
         let i = 0;
         const tick = () => { insert.run(new Date().toISOString(), String(i++)); if (i % 20 === 0) process.stdout.write(i + '\\n'); setTimeout(tick, 1); };
         tick();`,
        live
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    let written = 0;
    writer.stdout.on(
      'data',
      (chunk: Buffer) => (written = Number(chunk.toString().trim().split('\n').at(-1)))
    );
    const backup = path.join(dir, 'backup.sqlite');
    while (written < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    await backupDatabase(live, backup);
    const afterBackup = written;
    // The writer goes on after the copy, then stops.
    while (written < afterBackup + 40) await new Promise((resolve) => setTimeout(resolve, 5));
    writer.kill();
    await new Promise((resolve) => writer.once('exit', resolve));
    expect(checkBackupFile(backup)).toBeNull();
    const copied = await count(backup);
    expect(copied).toBeGreaterThanOrEqual(before + 40);
    expect(copied).toBeLessThan(await count(live));
    // The entries in the copy are the first ones written, none missing in between.
    const other = new SqliteDatabase(backup, { readonly: true });
    const ids = (
      other.prepare("select entity_id from audit_log where entity = 'test' order by id").all() as {
        entity_id: string;
      }[]
    ).map((r) => Number(r.entity_id));
    other.close();
    expect(ids).toEqual(ids.map((_, i) => i));

    // Restored into another database file, it holds exactly what the backup holds.
    const target = path.join(dir, 'target.sqlite');
    const t = openDatabase(target);
    await migrateToLatest(t);
    await t.destroy();
    const { previous } = await restoreDatabase(backup, target, new Date('2026-11-27T10:00:00Z'));
    expect(previous).toBe(`${target}.before-restore-2026-11-27T10-00-00-000Z`);
    expect(fs.existsSync(previous!)).toBe(true);
    expect(await hashOf(target)).toBe(await hashOf(backup));
    // …and not what was written after it.
    expect(await count(target)).toBe(copied);
    expect(await count(live)).toBeGreaterThan(copied);
  }, 120_000);

  it('refuses what is not a sound Hozen database of this version, and changes nothing', async () => {
    const target = path.join(dir, 'keep.sqlite');
    await backupDatabase(live, target);
    const hash = await hashOf(target);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');
    const foreign = path.join(dir, 'foreign.sqlite');
    new SqliteDatabase(foreign).exec('create table things (id integer)');
    const newer = path.join(dir, 'newer.sqlite');
    await backupDatabase(live, newer);
    const n = new SqliteDatabase(newer);
    n.prepare(
      "insert into kysely_migration (name, timestamp) values ('2099010101_future', 'x')"
    ).run();
    n.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    await backupDatabase(live, damaged);
    // Overwrite pages in the middle of the file (not the header): the B-trees no longer hold.
    const fd = fs.openSync(damaged, 'r+');
    const size = fs.statSync(damaged).size;
    fs.writeSync(fd, Buffer.alloc(4096 * 8, 0x5a), 0, 4096 * 8, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.sqlite'), /no such file/],
      [text, /is not a SQLite database/],
      [foreign, /is not a Hozen database \(no settings, facilities/],
      [newer, /newer version of Hozen \(unknown migration 2099010101_future\)/],
      [damaged, /damaged|malformed|cannot be read/]
    ];
    for (const [file, message] of cases) {
      await expect(restoreDatabase(file, target)).rejects.toThrow(message);
      expect(await hashOf(target)).toBe(hash);
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('keep.sqlite.before-restore'))).toEqual(
      []
    );
  }, 120_000);

  it('makes one automatic backup a day and keeps the newest', async () => {
    const backups = path.join(dir, 'daily');
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 3));
    const first = await automaticBackup(live, backups, 2, day(1));
    expect(first).not.toBeNull();
    // The same day again: nothing new (the last backup is less than a day old by its file time).
    expect(await automaticBackup(live, backups, 2, new Date())).toBeNull();
    // Backdate the files, then three more days: only the newest two stay.
    for (let d = 2; d <= 4; d++) {
      for (const f of fs.readdirSync(backups))
        fs.utimesSync(path.join(backups, f), day(d - 1), day(d - 1));
      expect(await automaticBackup(live, backups, 2, day(d))).not.toBeNull();
    }
    expect(fs.readdirSync(backups).sort()).toEqual([
      'hozen-2026-11-03T03-00-00-000Z.sqlite',
      'hozen-2026-11-04T03-00-00-000Z.sqlite'
    ]);
  }, 120_000);
});
