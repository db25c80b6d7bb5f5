/**
 * Sign-in throttling by account and address: a failure's key is now a SHA-256 (of the account
 * and address together, or of the address alone), never the raw text a client sent, and the
 * account's hash is kept beside it so that an administrator can lift the throttle of one
 * account. Rows of the old kind ("user:NAME", "addr:IP") are dropped: they were at most 15
 * minutes of throttling. Expired rows are purged by time, hence the index on `at`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_failures').execute();
  await db.schema.alterTable('login_failures').addColumn('account', 'text').execute();
  await db.schema.createIndex('login_failures_at_idx').on('login_failures').column('at').execute();
  await db.schema
    .createIndex('login_failures_account_idx')
    .on('login_failures')
    .column('account')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('login_failures_account_idx').execute();
  await db.schema.dropIndex('login_failures_at_idx').execute();
  await db.schema.alterTable('login_failures').dropColumn('account').execute();
}
