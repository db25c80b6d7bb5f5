import type { Insertable, Kysely, Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from './database';
import { sqliteHandle } from './sqlite-handle';

/** SQLite allows 32,766 bound variables per statement; stay well below it. */
const MAX_VARIABLES = 30_000;

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Inserts rows in batches sized to the number of columns, inside the caller's transaction.
 * Every row names the same columns. On SQLite one prepared single-row statement is run per row
 * (Kysely would compile and prepare a statement per batch: at 100,000 rows that cost more than
 * the writing); on PostgreSQL one `values([...])` per batch.
 */
export async function insertInBatches<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[]
): Promise<void> {
  if (rows.length === 0) return;
  const writer = rowWriter(db, table);
  for (const row of rows) await writer.add(row as Record<string, unknown>);
  await writer.flush();
}

/** Rows written as they come, in the caller's transaction (see `insertInBatches`). */
export interface RowWriter {
  add(row: Record<string, unknown>): Promise<void> | void;
  /** Writes what is still held (PostgreSQL batches); call once after the last row. */
  flush(): Promise<void>;
}

/**
 * A writer of rows into `table` whose columns are those of the first row (each later row must
 * name the same ones: one lacking a column is refused; one function should build them all).
 */
export function rowWriter<T extends keyof Database & string>(db: Executor, table: T): RowWriter {
  const sqlite = sqliteHandle(db);
  return sqlite ? sqliteRowWriter(sqlite, table) : batchedRowWriter(db, table);
}

function sqliteRowWriter(sqlite: SqliteDatabase.Database, table: string): RowWriter {
  let columns: string[] | null = null;
  let insert: SqliteDatabase.Statement | null = null;
  const values: unknown[] = [];
  return {
    add(row) {
      if (!columns) {
        columns = Object.keys(row);
        insert = sqlite.prepare(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`
        );
      }
      for (let k = 0; k < columns.length; k++) {
        const value = row[columns[k]!];
        if (value === undefined && !(columns[k]! in row)) notTheColumns(columns, row);
        values[k] = value;
      }
      insert!.run(values);
    },
    async flush() {}
  };
}

/** Rows given as the values of `columns`, in that order (see `rowWriter`). */
export interface ValuesWriter {
  /**
   * A row: its values (a promise where the writing is asynchronous: PostgreSQL). The array is
   * held until its statement runs: it must not change after.
   */
  add(values: readonly unknown[]): Promise<void> | void;
  flush(): Promise<void>;
}

/** Rows per INSERT on SQLite: one statement for 16 rows runs about a third faster than 16. */
const ROWS_PER_INSERT = 16;

/**
 * A writer of rows into `table` given as values in the order of `columns`, each followed by the
 * values of `tail` (the same for every row: the times of a load …). On SQLite the rows are bound
 * 16 at a time to one prepared statement (no object per row); on PostgreSQL batched.
 */
export function valuesWriter<T extends keyof Database & string>(
  db: Executor,
  table: T,
  columns: readonly string[],
  tail: readonly unknown[] = []
): ValuesWriter {
  const given = columns.length - tail.length;
  const sqlite = sqliteHandle(db);
  if (sqlite) {
    const names = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
    // The tail is written into the statement (bound for every row, it cost a fifth of the insert).
    const row = `(${[...Array<string>(given).fill('?'), ...tail.map(sqlLiteral)].join(', ')})`;
    const one = sqlite.prepare(names + row);
    const many = sqlite.prepare(names + Array<string>(ROWS_PER_INSERT).fill(row).join(', '));
    // The rows held for the next statement (better-sqlite3 binds arrays given one after another
    // as one list of values: no copy of each value into one array).
    const held: (readonly unknown[])[] = [];
    return {
      add(values) {
        if (values.length !== given)
          throw new Error(`row of ${values.length} values; expected ${columns.join(', ')}`);
        if (held.push(values) === ROWS_PER_INSERT) {
          many.run(...held);
          held.length = 0;
        }
      },
      async flush() {
        for (const values of held) one.run(values);
        held.length = 0;
      }
    };
  }
  const rows = batchedRowWriter(db, table);
  return {
    add(values) {
      const row: Record<string, unknown> = {};
      for (let k = 0; k < given; k++) row[columns[k]!] = values[k];
      for (let k = 0; k < tail.length; k++) row[columns[given + k]!] = tail[k];
      return rows.add(row);
    },
    flush: rows.flush
  };
}

/** A value as SQL text: a finite number, text (quotes doubled) or null. */
function sqlLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no SQL literal for ${typeof value} ${String(value)}`);
}

function batchedRowWriter(db: Executor, table: keyof Database & string): RowWriter {
  let held: Record<string, unknown>[] = [];
  let size = 0;
  const flush = async () => {
    if (held.length === 0) return;
    const rows = held;
    held = [];
    // Kysely cannot narrow a generic table name's insert type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  };
  return {
    async add(row) {
      if (size === 0)
        size = Math.max(1, Math.floor(MAX_VARIABLES / (Object.keys(row).length || 1)));
      held.push(row);
      if (held.length >= size) await flush();
    },
    flush
  };
}

/** Every row of one write names the same columns (a row that does not is a programming error). */
function notTheColumns(columns: readonly string[], row: Record<string, unknown>): never {
  throw new Error(
    `row with columns ${Object.keys(row).join(', ')}; expected ${columns.join(', ')}`
  );
}

/**
 * Runs `load` (rows written into the empty `table`, in the caller's transaction) the way SQLite
 * loads fastest: the table's own indexes (not its primary key or unique constraints) dropped for
 * the load and built again after it from the sorted rows, with a larger page cache meanwhile.
 * DDL is part of the transaction: a load that fails leaves the indexes as they were. On
 * PostgreSQL `load` just runs.
 */
export async function bulkLoad<R>(
  db: Executor,
  table: keyof Database & string,
  load: () => Promise<R>
): Promise<R> {
  const sqlite = sqliteHandle(db);
  if (!sqlite) return load();
  const indexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null"
    )
    .all(table) as { name: string; sql: string }[];
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -131072'); // 128 MB while loading
  try {
    for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
    const result = await load();
    for (const index of indexes) sqlite.exec(index.sql);
    return result;
  } finally {
    sqlite.pragma(`cache_size = ${cache}`);
  }
}
