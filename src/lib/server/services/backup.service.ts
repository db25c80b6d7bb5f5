/**
 * Backups of the database, and restoring one. On PostgreSQL, `pg-backup.service.ts` (pg_dump and
 * pg_restore); on SQLite, here:
 *
 * - A backup is SQLite's `VACUUM INTO`, made in one read transaction: the copy is one state of
 *   the database while Hozen keeps reading and writing (the page-by-page backup API would start
 *   over at every write from another connection, and never end on a busy server).
 * - Restoring first checks the file: it must be a SQLite database passing `PRAGMA
 *   integrity_check`, hold Hozen's tables and migrations, and not come from a newer Hozen. The
 *   current database is then backed up beside itself (`….before-restore-TIMESTAMP`) and the
 *   backup copied into it with the same API, so a running server sees the restored data.
 * - Automatic backups (HOZEN_BACKUP_DIR): one a day, the newest HOZEN_BACKUP_KEEP kept (either
 *   database).
 */
import SqliteDatabase from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../../../db/migrations/index';
import { hasSqliteHeader, type DatabaseTarget } from '../db/connection';
import { BackupError, HOZEN_TABLES, stamp } from './backup-common';
import { backupPostgres, restorePostgres } from './pg-backup.service';

export { BackupError };

/** A consistent copy of the target's database in `file` (a new file), while in use. */
export async function backupTarget(
  target: DatabaseTarget,
  file: string
): Promise<{ bytes: number }> {
  return target.kind === 'sqlite'
    ? await backupDatabase(target.file, file)
    : backupPostgres(target.url, file);
}

/** Restores `file` (a backup of the same kind) into the target's database, after its checks;
 * returns where the database as it was is kept. */
export async function restoreTarget(
  file: string,
  target: DatabaseTarget,
  now = new Date()
): Promise<{ previous: string | null }> {
  return target.kind === 'sqlite'
    ? await restoreDatabase(file, target.file, now)
    : await restorePostgres(file, target.url, now);
}

/** Copies the database at `source` to `target` (a new file), consistently, while in use. */
export async function backupDatabase(source: string, target: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(source)) throw new BackupError(`${source}: no such database`);
  if (fs.existsSync(target))
    throw new BackupError(`${target}: already exists; choose a new file name`);
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new BackupError(`${dir}: no such folder`);
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(path.resolve(target));
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw new BackupError(`${target}: the backup failed: ${(e as Error).message}`);
  } finally {
    db.close();
  }
  return { bytes: fs.statSync(target).size };
}

/**
 * Why `file` cannot be restored, or null: not SQLite, damaged, not Hozen's, or from a newer
 * version of Hozen.
 */
export function checkBackupFile(file: string): string | null {
  if (!fs.existsSync(file)) return `${file}: no such file`;
  if (!hasSqliteHeader(file)) return `${file}: is not a SQLite database`;
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: false }) as {
      integrity_check: string;
    }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length)
      return `${file}: the database is damaged (integrity check: ${problems.slice(0, 3).join('; ')})`;
    const tables = new Set(
      (
        db.prepare("select name from sqlite_master where type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name)
    );
    const missing = HOZEN_TABLES.filter((t) => !tables.has(t));
    if (missing.length || !tables.has('kysely_migration'))
      return `${file}: is not a Hozen database (no ${[...missing, ...(tables.has('kysely_migration') ? [] : ['kysely_migration'])].join(', ')} table)`;
    const applied = (
      db.prepare('select name from kysely_migration').all() as { name: string }[]
    ).map((r) => r.name);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length)
      return `${file}: comes from a newer version of Hozen (unknown migration ${unknown.join(', ')}); upgrade Hozen first`;
    return null;
  } catch (e) {
    return `${file}: cannot be read as a database: ${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

/**
 * Restores `backup` into the database at `target`, after checking it; the database as it was is
 * kept as a backup beside it (its path returned).
 */
export async function restoreDatabase(
  backup: string,
  target: string,
  now = new Date()
): Promise<{ previous: string | null }> {
  const problem = checkBackupFile(backup);
  if (problem) throw new BackupError(problem);
  let previous: string | null = null;
  if (fs.existsSync(target) && fs.statSync(target).size > 0) {
    previous = `${target}.before-restore-${stamp(now)}`;
    await backupDatabase(target, previous);
  }
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    // Nothing writes the backup file: the page copy runs to its end, all pages in one step.
    await source.backup(target, { progress: () => 1_000_000 });
  } finally {
    source.close();
  }
  return { previous };
}

/** The automatic backups in `dir`, oldest first. */
function automaticBackups(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^hozen-\d{4}-\d{2}-\d{2}T[\d-]+Z\.(sqlite|dump)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Today's automatic backup, if none was made in the last 24 hours; then only the newest `keep`
 * are kept. Returns the file written, or null.
 */
export async function automaticBackup(
  source: DatabaseTarget,
  dir: string,
  keep: number,
  now = new Date()
): Promise<string | null> {
  fs.mkdirSync(dir, { recursive: true });
  const existing = automaticBackups(dir);
  const last = existing.at(-1);
  if (last && now.getTime() - fs.statSync(last).mtimeMs < 24 * 3600 * 1000) return null;
  const extension = source.kind === 'sqlite' ? 'sqlite' : 'dump';
  const file = path.join(dir, `hozen-${stamp(now)}.${extension}`);
  await backupTarget(source, file);
  for (const old of automaticBackups(dir).slice(0, -keep)) fs.rmSync(old);
  return file;
}
