/**
 * Read-only links for council: an unguessable token that opens one to four scenarios, side by
 * side, without signing in; revoked links stop working and stay on record.
 * Portable: plain CREATE TABLE on SQLite and PostgreSQL alike.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A surrogate key as the first migration makes them: identity on PostgreSQL, rowid on SQLite.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('share_links')
    .addColumn('id', 'integer', (col) =>
      postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement()
    )
    .addColumn('token', 'text', (col) => col.notNull().unique())
    /** The scenarios it opens, in order: "3,5". */
    .addColumn('scenario_ids', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('share_links').execute();
}
