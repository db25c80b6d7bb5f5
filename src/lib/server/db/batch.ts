import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './database';

/** SQLite allows 32,766 bound variables per statement; stay well below it. */
const MAX_VARIABLES = 30_000;

/**
 * Inserts rows in batches sized to the number of columns, inside the caller's transaction.
 * (STACK.md: one `values([...])` per batch inside one transaction is fast on SQLite.)
 */
export async function insertInBatches<T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[]
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(MAX_VARIABLES / columns));
  for (let start = 0; start < rows.length; start += size) {
    // Kysely cannot narrow a generic table name's insert type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size) as never)
      .execute();
  }
}
