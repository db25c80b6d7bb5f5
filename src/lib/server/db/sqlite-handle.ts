/**
 * The better-sqlite3 handle under a Kysely instance, for the few bulk writes where Kysely's
 * per-statement compile and prepare cost more than the write itself (an import of 100,000 rows).
 * A transaction shares its database's adapter, so the handle is found from either; statements run
 * on it take part in the open transaction (one connection, used synchronously).
 */
import type SqliteDatabase from 'better-sqlite3';

const handles = new WeakMap<object, SqliteDatabase.Database>();

/** A Kysely instance or transaction, as far as finding its handle goes. */
interface Executes {
  getExecutor(): { readonly adapter: object };
}

/** Records that `db` runs over `sqlite` (called once, where the database is opened). */
export function registerSqliteHandle(db: Executes, sqlite: SqliteDatabase.Database): void {
  handles.set(db.getExecutor().adapter, sqlite);
}

/** The better-sqlite3 handle under `db` or one of its transactions; null for PostgreSQL. */
export function sqliteHandle(db: Executes): SqliteDatabase.Database | null {
  return handles.get(db.getExecutor().adapter) ?? null;
}
