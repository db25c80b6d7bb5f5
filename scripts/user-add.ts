/**
 * `npm run user:add -- NAME --role ROLE [--name "表示名"]`: adds an account to the database
 * (DATABASE_URL or HOZEN_DB, migrated first) and prints its password, generated and shown only this once. The
 * audit log records the command's user ($USER).
 */
import { openFromEnv } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import {
  AuthError,
  createUser,
  randomPassword,
  ROLES
} from '../src/lib/server/services/auth.service';
import { parseFlags, runCli, UsageError } from './lib/cli';

runCli(async () => {
  const [username, ...rest] = process.argv.slice(2);
  if (!username || username.startsWith('--'))
    throw new UsageError(
      `usage: npm run user:add -- NAME --role ${ROLES.join('|')} [--name "Display name"]`
    );
  const flags = parseFlags(rest, { role: 'string', name: 'string' });
  if (typeof flags.role !== 'string')
    throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
  const { db, label: file } = await openFromEnv();
  try {
    await migrateToLatest(db);
    const password = randomPassword();
    await createUser(
      db,
      {
        username,
        displayName: typeof flags.name === 'string' ? flags.name : username,
        role: flags.role,
        password
      },
      { username: process.env.USER ?? null, now: new Date().toISOString() }
    );
    console.log(`${file}: added ${username} (${flags.role})`);
    console.log(`  password: ${password}`);
    console.log('  (shown only this once: hand it over safely; it can be reset under 管理)');
  } catch (e) {
    if (e instanceof AuthError) throw new UsageError(e.message);
    throw e;
  } finally {
    await db.destroy();
  }
});
