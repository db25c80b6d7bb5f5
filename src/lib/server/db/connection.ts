/**
 * Opening Hozen's database: a SQLite file (`HOZEN_DB`, the default) or PostgreSQL
 * (`DATABASE_URL`, see `postgres.ts`). Checks that never write come first (so a wrong setting
 * damages nothing), then a Kysely instance — over better-sqlite3 with WAL and foreign keys on.
 */
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';
import { migrations } from '../../../../db/migrations/index';
import { DatabaseFileError } from './connection-error';
import { registerSqliteHandle } from './sqlite-handle';
import { isPostgresUrl, openPostgres, preflightPostgres, redactUrl } from './postgres';

export { DatabaseFileError };

/** Default location of the database, relative to the working directory. */
export const DEFAULT_DATABASE_PATH = 'db/hozen.sqlite';

/** The database path from `HOZEN_DB`, or the default, resolved against the working directory. */
export function databasePathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.HOZEN_DB?.trim();
  return path.resolve(configured ? configured : DEFAULT_DATABASE_PATH);
}

/** Where Hozen's data lives: a SQLite file, or a PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * The database from the environment: `DATABASE_URL` (postgres://…) when set, else the SQLite file
 * `HOZEN_DB` (default `db/hozen.sqlite`).
 * @throws DatabaseFileError when DATABASE_URL is set to something else than a postgres:// URL.
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url))
      throw new DatabaseFileError(
        `DATABASE_URL ${redactUrl(url)}: only postgres:// URLs are supported (for SQLite set HOZEN_DB to a file and leave DATABASE_URL unset)`
      );
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', file: databasePathFromEnv(env) };
}

/** The database a command-line argument names: a postgres:// URL, else a SQLite file path. */
export function targetOf(where: string): DatabaseTarget {
  return isPostgresUrl(where)
    ? { kind: 'postgres', url: where }
    : { kind: 'sqlite', file: path.resolve(where) };
}

/** How the target is named in messages (a URL's password hidden). */
export function targetLabel(target: DatabaseTarget): string {
  return target.kind === 'sqlite' ? target.file : redactUrl(target.url);
}

export type TargetState = DatabaseFileState | 'postgres';

/** The checks that never write, for either kind of database ('missing'/'empty' = new to Hozen). */
export async function preflightTarget(target: DatabaseTarget): Promise<TargetState> {
  return target.kind === 'sqlite'
    ? preflightDatabaseFile(target.file)
    : await preflightPostgres(target.url);
}

/** Opens the target's database (after its checks, unless told they have just run). */
export async function openTarget(
  target: DatabaseTarget,
  options: OpenOptions = {}
): Promise<Kysely<Database>> {
  if (target.kind === 'sqlite') return openDatabase(target.file, options);
  if (!options.skipPreflight) await preflightPostgres(target.url);
  return openPostgres(target.url);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the existing file `file` begins as every SQLite database does (read-only check). */
export function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.equals(SQLITE_HEADER);
}

export type DatabaseFileState = 'missing' | 'empty' | 'sqlite';

/**
 * Checks, without writing anything, that `file` can hold Hozen's database: either it does not exist
 * yet (and its folder can be created and written), or it is an empty file, or it is a SQLite
 * database whose schema is not newer than this version of Hozen.
 * @throws DatabaseFileError naming the file and the reason.
 */
export function preflightDatabaseFile(file: string): DatabaseFileState {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR')
      throw new DatabaseFileError(`${file}: a part of the path is a file, not a folder`);
    if (code === 'EACCES') throw new DatabaseFileError(`${file}: permission denied`);
    if (code !== 'ENOENT') throw new DatabaseFileError(`${file}: ${(error as Error).message}`);
  }

  if (!stat) {
    checkFolderWritable(path.dirname(file), file);
    return 'missing';
  }
  if (stat.isDirectory()) throw new DatabaseFileError(`${file}: is a folder, not a database file`);
  if (!stat.isFile()) throw new DatabaseFileError(`${file}: is not a regular file`);

  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new DatabaseFileError(`${file}: the database file is not writable`);
  }
  checkFolderWritable(path.dirname(file), file);
  if (stat.size === 0) return 'empty';

  if (!hasSqliteHeader(file)) {
    throw new DatabaseFileError(`${file}: is not a SQLite database (unexpected file header)`);
  }

  const unknown = unknownMigrations(file);
  if (unknown.length > 0) {
    throw new DatabaseFileError(
      `${file}: the database schema is newer than this version of Hozen ` +
        `(unknown migration ${unknown.join(', ')}); upgrade Hozen or use another database`
    );
  }
  return 'sqlite';
}

function checkFolderWritable(folder: string, file: string): void {
  // The nearest existing ancestor must be a writable folder (missing folders are created on open).
  let current = folder;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(current);
  } catch (error) {
    throw new DatabaseFileError(
      `${file}: cannot use folder ${current}: ${(error as Error).message}`
    );
  }
  if (!stat.isDirectory()) {
    throw new DatabaseFileError(`${file}: ${current} is a file, not a folder`);
  }
  try {
    fs.accessSync(current, fs.constants.W_OK);
  } catch {
    throw new DatabaseFileError(`${file}: the folder ${current} is not writable`);
  }
}

/** Names of migrations recorded in the database file that this Hozen does not know. Read-only. */
function unknownMigrations(file: string): string[] {
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const table = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get();
    if (!table) return [];
    const rows = sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[];
    return rows.map((row) => row.name).filter((name) => !(name in migrations));
  } catch (error) {
    throw new DatabaseFileError(
      `${file}: cannot be read as a SQLite database: ${(error as Error).message}`
    );
  } finally {
    sqlite?.close();
  }
}

export interface OpenOptions {
  /** Skip the preflight checks (the caller has just run them). */
  skipPreflight?: boolean;
}

/**
 * Opens (creating if needed) the database at `file` with WAL journaling, foreign keys and a busy
 * timeout. Runs `preflightDatabaseFile` first unless told otherwise.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Kysely<Database> {
  if (!options.skipPreflight) preflightDatabaseFile(file);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new DatabaseFileError(`${file}: cannot create its folder: ${(error as Error).message}`);
  }
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new DatabaseFileError(`${file}: cannot be opened: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerSqliteHandle(db, sqlite);
  return db;
}

/** The database named by the environment (DATABASE_URL or HOZEN_DB), checked and opened, with
 * its name for messages. */
export async function openFromEnv(): Promise<{
  db: Kysely<Database>;
  target: DatabaseTarget;
  label: string;
  state: TargetState;
}> {
  const target = databaseTargetFromEnv();
  const state = await preflightTarget(target);
  const db = await openTarget(target, { skipPreflight: true });
  return { db, target, label: targetLabel(target), state };
}
