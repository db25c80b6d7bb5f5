/**
 * `npm start` and `npm run migrate` given bad input: one clear error line, a non-zero exit, and no
 * file damaged or created.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/database';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { tempDir, testTarget } from './helpers/temp-db';

const dir = tempDir();

function run(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    encoding: 'utf8',
    timeout: 60_000
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

/** The tables, their columns and the migrations recorded: what a refused start must not touch. */
async function fingerprint(db: Kysely<Database>): Promise<string> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const recorded = (await sql`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows;
  return JSON.stringify([tables.map((t) => [t.name, t.columns.map((c) => c.name)]), recorded]);
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hozen: /);
  expect(lines[0]).toMatch(pattern);
}

describe('start-up with bad input', () => {
  it('refuses a local basemap (HOZEN_MBTILES) that is not MBTiles, before creating anything', () => {
    const basemap = path.join(dir, 'basemap.mbtiles');
    fs.writeFileSync(basemap, 'tiles, honestly\n');
    const db = path.join(dir, 'never-created.sqlite');
    let result = run('scripts/start.ts', { HOZEN_DB: db, HOZEN_MBTILES: basemap });
    expect(result.status).toBe(1);
    expectOneLineError(
      result.stderr,
      /HOZEN_MBTILES .*basemap\.mbtiles: not an MBTiles file \(not a SQLite database\)/
    );
    result = run('scripts/start.ts', {
      HOZEN_DB: db,
      HOZEN_MBTILES: path.join(dir, 'missing.mbtiles')
    });
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, /missing\.mbtiles: no such file/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('refuses a HOZEN_DB that is not a SQLite database and leaves it untouched', () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'これはデータベースではありません\n'.repeat(100));
    const before = sha(file);
    for (const script of ['scripts/start.ts', 'scripts/migrate.ts', 'scripts/seed-demo.ts']) {
      const { status, stderr } = run(script, { HOZEN_DB: file });
      expect(status).toBe(1);
      expectOneLineError(stderr, /notes\.txt: is not a SQLite database/);
    }
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('notes.txt'))).toEqual(['notes.txt']);
  });

  it('refuses a HOZEN_DB that is a folder, or under a file, or unwritable', () => {
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    let result = run('scripts/start.ts', { HOZEN_DB: folder });
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr, /a-folder: is a folder, not a database file/);

    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    result = run('scripts/start.ts', { HOZEN_DB: path.join(file, 'hozen.sqlite') });
    expect(result.status).toBe(1);
    expectOneLineError(
      result.stderr,
      /plain-file is a file, not a folder|a part of the path is a file/
    );

    // A read-only folder (root can write anywhere, so only checkable as another user).
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o500 });
      result = run('scripts/start.ts', { HOZEN_DB: path.join(locked, 'hozen.sqlite') });
      expect(result.status).toBe(1);
      expectOneLineError(result.stderr, /not writable/);
    }
  });

  it('refuses a database from a newer schema and leaves it untouched', async () => {
    const future = await testTarget('future');
    let db = await future.open();
    await migrateToLatest(db);
    await db
      .insertInto('kysely_migration' as never)
      .values({
        name: '2099010101_from_the_future',
        timestamp: '2099-01-01T00:00:00.000Z'
      } as never)
      .execute();
    const before = await fingerprint(db);
    await db.destroy();
    const fileBefore = future.target.kind === 'sqlite' ? sha(future.target.file) : null;
    for (const script of ['scripts/start.ts', 'scripts/migrate.ts']) {
      const { status, stderr } = run(script, future.env);
      expect(status).toBe(1);
      expectOneLineError(
        stderr,
        /schema is newer than this version of Hozen \(unknown migration 2099010101_from_the_future\)/
      );
    }
    if (future.target.kind === 'sqlite') expect(sha(future.target.file)).toBe(fileBefore);
    db = await future.open();
    expect(await fingerprint(db)).toBe(before);
    await db.destroy();
  });

  it('reports a port in use before creating anything', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const file = path.join(dir, 'never-created.sqlite');
    const { status, stderr } = run('scripts/start.ts', { HOZEN_DB: file, PORT: String(port) });
    await new Promise((resolve) => blocker.close(resolve));
    expect(status).toBe(1);
    expectOneLineError(stderr, new RegExp(`port ${port} is already in use`));
    expect(fs.existsSync(file)).toBe(false);
  });

  it('rejects a PORT that is not a port number', () => {
    const { status, stderr } = run('scripts/start.ts', {
      HOZEN_DB: path.join(dir, 'x.sqlite'),
      PORT: 'eighty'
    });
    expect(status).toBe(1);
    expectOneLineError(stderr, /PORT must be an integer from 0 to 65535, got "eighty"/);
  });

  it('rejects unknown options and bad seeds on the command line', () => {
    const result = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/seed-demo.ts', '--seed', 'many'],
      {
        env: { ...process.env, HOZEN_DB: path.join(dir, 'seed-flag.sqlite') },
        encoding: 'utf8'
      }
    );
    expect(result.status).toBe(1);
    expectOneLineError(result.stderr.trim(), /--seed must be an integer/);
    expect(fs.existsSync(path.join(dir, 'seed-flag.sqlite'))).toBe(false);
  });
});

describe('start-up with a bad DATABASE_URL', () => {
  it('refuses a URL that is not postgres://, naming DATABASE_URL, before creating anything', () => {
    const file = path.join(dir, 'not-used.sqlite');
    for (const script of ['scripts/start.ts', 'scripts/migrate.ts']) {
      const { status, stderr } = run(script, {
        HOZEN_DB: file,
        DATABASE_URL: 'mysql://hozen:pw@127.0.0.1/hozen'
      });
      expect(status).toBe(1);
      expectOneLineError(stderr, /^hozen: DATABASE_URL mysql:.*only postgres:\/\/ URLs/);
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it('says nothing answers at a closed port, and never prints the password', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { status, stderr, stdout } = run('scripts/start.ts', {
      DATABASE_URL: `postgres://hozen:Secret-Pw-123@127.0.0.1:${port}/hozen`
    });
    expect(status).toBe(1);
    expectOneLineError(
      stderr,
      new RegExp(
        `DATABASE_URL postgres://hozen:\\*\\*\\*@127\\.0\\.0\\.1:${port}/hozen: nothing answers`
      )
    );
    expect(stderr + stdout).not.toContain('Secret-Pw-123');
  });
});
