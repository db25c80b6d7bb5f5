/** For the account commands (`user:unlock`, `user:reset-password`): one NAME, its account. */
import type { Kysely } from 'kysely';
import { openFromEnv } from '../../src/lib/server/db/connection';
import type { Database } from '../../src/lib/server/db/database';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { listUsers, type User } from '../../src/lib/server/services/auth.service';
import { UsageError } from './cli';

/**
 * Reads the command's one argument (an account name, any case), opens and migrates the database
 * of DATABASE_URL or HOZEN_DB, and runs `work` on the account; a missing account is a UsageError.
 */
export async function withAccount(
  command: string,
  work: (db: Kysely<Database>, user: User, label: string) => Promise<void>
): Promise<void> {
  const [username, ...rest] = process.argv.slice(2);
  if (!username || username.startsWith('--') || rest.length)
    throw new UsageError(`usage: npm run ${command} -- NAME`);
  const { db, label } = await openFromEnv();
  try {
    await migrateToLatest(db);
    const user = (await listUsers(db)).find(
      (u) => u.username.toLowerCase() === username.toLowerCase()
    );
    if (!user) throw new UsageError(`${label}: no account "${username}"`);
    await work(db, user, label);
  } finally {
    await db.destroy();
  }
}
