/**
 * Failed sign-ins kept in the database (they were in the server's memory): the limits then hold
 * across restarts and across several Hozen servers sharing one PostgreSQL database.
 * Portable: plain CREATE TABLE on SQLite and PostgreSQL alike.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', (col) =>
      postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement()
    )
    /** "user:NAME" (lower case) or "addr:IP". */
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_key_idx')
    .on('login_failures')
    .columns(['key', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
