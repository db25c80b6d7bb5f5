/**
 * Hozen on PostgreSQL: `DATABASE_URL=postgres://…` opens the same schema through Kysely's
 * Postgres dialect over a `pg` pool. The checks before opening never write (a wrong URL or a
 * database from a newer Hozen is refused with the reason), and numbers come back as numbers:
 * `count(*)` is a bigint and `sum` of integers a numeric on PostgreSQL, which `pg` would otherwise
 * hand over as strings.
 */
import type pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely';
import type { Database } from './database';
import { migrations } from '../../../../db/migrations/index';
import { DatabaseFileError } from './connection-error';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * The `pg` package, loaded when PostgreSQL is first used: on SQLite (the default) its 60 ms of
 * loading would be paid by every start of the server and every command.
 */
async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

/** Type parsers of this pool only (the process-wide `pg.types` is left alone). */
const typesOf = (driver: typeof pg) =>
  ({
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      return driver.types.getTypeParser(oid, format);
    }
  }) as pg.CustomTypesConfig;

/** Whether `url` names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Checks the URL's shape; throws `DatabaseFileError` naming DATABASE_URL and the problem. */
export function checkPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseFileError(
      `DATABASE_URL ${redactUrl(url)}: is not a URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)`
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new DatabaseFileError(
      `DATABASE_URL ${redactUrl(url)}: only postgres:// URLs are supported (for SQLite set HOZEN_DB to a file)`
    );
  if (!parsed.hostname && !parsed.searchParams.get('host'))
    throw new DatabaseFileError(`DATABASE_URL ${redactUrl(url)}: names no host`);
  if (parsed.pathname.replace(/^\//, '') === '')
    throw new DatabaseFileError(`DATABASE_URL ${redactUrl(url)}: names no database`);
}

async function pool(url: string, max: number): Promise<pg.Pool> {
  const driver = await loadPg();
  const created = new driver.Pool({
    connectionString: url,
    max,
    types: typesOf(driver),
    connectionTimeoutMillis: 10_000
  });
  // An idle connection the server ends (a restart, a failover, an administrator) must not end
  // Hozen: unheard, the pool's 'error' event would throw. The pool drops that connection and the
  // next query opens a new one.
  created.on('error', (error) =>
    console.error(`PostgreSQL (${redactUrl(url)}): an idle connection ended: ${error.message}`)
  );
  return created;
}

/** A one-line reason for a failed connection, from `pg`'s error codes. */
function connectionProblem(url: string, error: unknown): DatabaseFileError {
  const e = error as { code?: string; message?: string };
  const where = `DATABASE_URL ${redactUrl(url)}`;
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'nothing answers at that host and port (is PostgreSQL running?)'
      : e.code === 'ENOTFOUND'
        ? 'the host name is not known'
        : e.code === '28P01' || e.code === '28000'
          ? 'the user name or password is refused'
          : e.code === '3D000'
            ? 'the database does not exist (create it first: createdb NAME)'
            : (e.message ?? String(error));
  return new DatabaseFileError(`${where}: ${reason}`);
}

export type PostgresState = 'empty' | 'postgres';

/**
 * Connects once without writing: the server answers, the credentials are accepted, and the
 * database holds no migration this Hozen does not know. 'empty' when Hozen has never migrated it.
 */
export async function preflightPostgres(url: string): Promise<PostgresState> {
  checkPostgresUrl(url);
  const probe = await pool(url, 1);
  try {
    let names: string[];
    try {
      const exists = await probe.query<{ t: string | null }>(
        "select to_regclass('kysely_migration')::text as t"
      );
      if (!exists.rows[0]?.t) return 'empty';
      names = (await probe.query<{ name: string }>('select name from kysely_migration')).rows.map(
        (row) => row.name
      );
    } catch (error) {
      throw connectionProblem(url, error);
    }
    const unknown = names.filter((name) => !(name in migrations));
    if (unknown.length > 0)
      throw new DatabaseFileError(
        `DATABASE_URL ${redactUrl(url)}: the database schema is newer than this version of Hozen ` +
          `(unknown migration ${unknown.join(', ')}); upgrade Hozen or use another database`
      );
    return 'postgres';
  } finally {
    await probe.end();
  }
}

/** A Kysely instance over a pool of `max` connections to `url` (no connection is made yet). */
export function openPostgres(url: string, max = 10): Kysely<Database> {
  checkPostgresUrl(url);
  // The pool (and `pg`) is made when the first query needs a connection.
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: () => pool(url, max) }) });
}

/** Whether `db` speaks to PostgreSQL (rather than SQLite). */
export function isPostgres(db: Pick<Kysely<Database>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * After a bulk write (the demo city, an import): on PostgreSQL, refresh the planner's statistics
 * at once, so that lookups use their indexes now rather than after autovacuum's next round (the
 * record card's queries took twice as long until then). Nothing to do on SQLite.
 */
export async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  if (isPostgres(db)) await sql`analyze`.execute(db);
}
