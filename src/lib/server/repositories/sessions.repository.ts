/** Sessions (by their token's hash) and the failed sign-ins that throttle guessing. */
import type { Kysely } from 'kysely';
import type { Database, NewSessionRow } from '../db/database';

export async function insertSession(db: Kysely<Database>, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A session's user and expiry, by the token's hash, or undefined. */
export function sessionWithUser(db: Kysely<Database>, hash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.is_active',
      'users.version',
      'sessions.expires_at',
      'sessions.ends_at'
    ])
    .where('sessions.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}

/** Ends every session of an account (deactivated, or its password changed). */
export async function deleteSessionsOf(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function extendSession(
  db: Kysely<Database>,
  hash: string,
  expiresAt: string
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt })
    .where('token_hash', '=', hash)
    .execute();
}

/** The failures under `key` since `since` (ISO), and the time of the last (ms; 0: none). */
export async function failuresSince(db: Kysely<Database>, key: string, since: string) {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), last: row.last ? Date.parse(String(row.last)) : 0 };
}

/**
 * Records a failed sign-in under its keys (account and address, address alone), purging what
 * has left the window (`before`, ISO), whoever it was about.
 */
export async function insertFailures(
  db: Kysely<Database>,
  rows: { key: string; account: string | null }[],
  at: string,
  before: string
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_failures').where('at', '<=', before).execute();
    await trx
      .insertInto('login_failures')
      .values(rows.map((r) => ({ ...r, at })))
      .execute();
  });
}

/** Deletes failures by key, by account, or (neither) all; how many. */
export async function deleteFailures(
  db: Kysely<Database>,
  where: { key?: string; account?: string }
): Promise<number> {
  let query = db.deleteFrom('login_failures');
  if (where.key !== undefined) query = query.where('key', '=', where.key);
  if (where.account !== undefined) query = query.where('account', '=', where.account);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
