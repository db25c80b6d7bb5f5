/**
 * Signing in: sessions kept in the database (the cookie holds a random token; the table only its
 * SHA-256, so a copy of the database opens no session), with their expiry.
 * Portable: plain CREATE TABLE on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('created_at', 'text', (col) => col.notNull())
    /** The session ends at `expires_at` (idle) and in any case at `ends_at` (absolute). */
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
}
