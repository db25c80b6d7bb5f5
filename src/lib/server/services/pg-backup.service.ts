/**
 * Backups of a PostgreSQL database, and restoring one, with PostgreSQL's own programs.
 *
 * - A backup is `pg_dump --format=custom`: one snapshot of the database (pg_dump reads in one
 *   repeatable-read transaction) while Hozen keeps reading and writing.
 * - Restoring first checks the file with `pg_restore --list`: it must be a pg_dump archive holding
 *   Hozen's tables and migrations, none from a newer Hozen. The database as it is is dumped
 *   beside the backup (`DATABASE-before-restore-TIMESTAMP.dump`); then, in ONE transaction (psql
 *   --single-transaction), Hozen's tables are dropped and the archive's restored: a failure
 *   anywhere rolls everything back and leaves the database as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../../../db/migrations/index';
import { connectionArgs, requireProgram } from '../db/pg-tools';
import { redactUrl } from '../db/postgres';
import { BackupError, HOZEN_TABLES, stamp } from './backup-common';

/** The first line of the programs' output that says "error", else the first line. */
function firstError(output: string): string {
  const lines = output.trim().split('\n');
  return lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '';
}

/** Dumps the database at `url` into `file` (a new file). */
export function backupPostgres(url: string, file: string): { bytes: number } {
  if (fs.existsSync(file)) throw new BackupError(`${file}: already exists; choose a new file name`);
  const { dbname, env } = connectionArgs(url);
  const result = spawnSync(
    requireProgram('pg_dump'),
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`],
    { env, encoding: 'utf8' }
  );
  if (result.status !== 0) {
    fs.rmSync(file, { force: true });
    throw new BackupError(
      `${redactUrl(url)}: the backup failed: ${(result.stderr || String(result.error)).trim()}`
    );
  }
  return { bytes: fs.statSync(file).size };
}

/** The migration names recorded in the archive's kysely_migration table. */
function archivedMigrations(file: string): string[] {
  const result = spawnSync(
    requireProgram('pg_restore'),
    ['--data-only', '--table=kysely_migration', '--file=-', file],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  );
  if (result.status !== 0)
    throw new BackupError(
      `${file}: the backup is damaged (pg_restore: ${result.stderr.trim().split('\n')[0]})`
    );
  const lines = result.stdout.split('\n');
  const start = lines.findIndex((l) => /^COPY .*kysely_migration/.test(l));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    names.push(line.split('\t')[0]!);
  }
  return names;
}

/** Why `file` cannot be restored, or null: not a pg_dump archive, not Hozen's, or newer. */
export function checkPostgresBackup(file: string): string | null {
  if (!fs.existsSync(file)) return `${file}: no such file`;
  const list = spawnSync(requireProgram('pg_restore'), ['--list', file], { encoding: 'utf8' });
  if (list.status !== 0)
    return `${file}: is not a PostgreSQL backup made by pg_dump --format=custom (${list.stderr.trim().split('\n')[0]})`;
  const tables = new Set(
    [...list.stdout.matchAll(/ TABLE (?:DATA )?\S+ (\w+) /g)].map((m) => m[1]!)
  );
  const missing = [...HOZEN_TABLES, 'kysely_migration'].filter((t) => !tables.has(t));
  if (missing.length) return `${file}: is not a Hozen database (no ${missing.join(', ')} table)`;
  let archived: string[];
  try {
    archived = archivedMigrations(file);
  } catch (e) {
    return (e as Error).message;
  }
  if (archived.length === 0) return `${file}: is not a Hozen database (no migrations recorded)`;
  const unknown = archived.filter((name) => !(name in migrations));
  if (unknown.length)
    return `${file}: comes from a newer version of Hozen (unknown migration ${unknown.join(', ')}); upgrade Hozen first`;
  return null;
}

/** The tables now in the database's schema (Hozen's and Kysely's). */
async function currentTables(url: string): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'select tablename as name from pg_tables where schemaname = current_schema()'
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Restores the archive `file` into the database at `url`, after checking it, all or nothing; the
 * database as it was is dumped first (its file returned).
 */
export async function restorePostgres(
  file: string,
  url: string,
  now = new Date()
): Promise<{ previous: string }> {
  const problem = checkPostgresBackup(file);
  if (problem) throw new BackupError(problem);
  const database = new URL(url).pathname.replace(/^\//, '') || 'hozen';
  const previous = path.join(
    path.dirname(path.resolve(file)),
    `${database}-before-restore-${stamp(now)}.dump`
  );
  backupPostgres(url, previous);
  const drop = (await currentTables(url)).map((t) => `"${t.replace(/"/g, '""')}"`);
  const { dbname, env } = connectionArgs(url);
  const psql = spawn(
    requireProgram('psql'),
    [
      '--no-psqlrc',
      '--quiet',
      '--single-transaction',
      '-v',
      'ON_ERROR_STOP=1',
      `--dbname=${dbname}`
    ],
    { env, stdio: ['pipe', 'ignore', 'pipe'] }
  );
  const restore = spawn(
    requireProgram('pg_restore'),
    ['--no-owner', '--no-privileges', '--file=-', file],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let errors = '';
  psql.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  restore.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  if (drop.length) psql.stdin.write(`DROP TABLE IF EXISTS ${drop.join(', ')} CASCADE;\n`);
  restore.stdout.pipe(psql.stdin);
  const exit = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const [restored, applied] = await Promise.all([exit(restore), exit(psql)]);
  if (restored !== 0 || applied !== 0)
    throw new BackupError(
      `${file}: the restore failed and was rolled back, nothing changed: ${firstError(errors)}`
    );
  return { previous };
}
