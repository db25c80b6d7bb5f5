/** Rows edited at the version their editor read (assets, facilities, plan items): optimistic concurrency. */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../db/database';

type VersionedTable = 'assets' | 'facilities' | 'plan_items';

/**
 * Sets a row's columns and raises its version, if it is still at `version`; whether it was
 * (false: someone changed it meanwhile).
 */
export async function updateIfAt<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  id: number,
  version: number,
  set: Updateable<Database[T]>,
  now: string
): Promise<boolean> {
  // Both tables share id, version and updated_at; the columns set are the table's own.
  const row = { ...set, version: version + 1, updated_at: now } as Updateable<
    Database[VersionedTable]
  >;
  const updated = await db
    .updateTable(table as VersionedTable)
    .set(row)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
