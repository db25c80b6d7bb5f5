/**
 * `npm run user:unlock -- NAME`: lifts the sign-in throttle of an account (its failed sign-ins
 * from every address are forgotten) in the database of DATABASE_URL or HOZEN_DB. Audited.
 */
import { resetLoginLimits } from '../src/lib/server/services/auth.service';
import { writeAudit } from '../src/lib/server/repositories/audit.repository';
import { withAccount } from './lib/account';
import { runCli } from './lib/cli';

runCli(() =>
  withAccount('user:unlock', async (db, user, label) => {
    const lifted = await resetLoginLimits(db, user.username);
    await writeAudit(
      db,
      { username: process.env.USER ?? null, now: new Date().toISOString() },
      { action: 'unlock', entity: 'user', entityId: user.username, before: null, after: null }
    );
    console.log(
      `${label}: ${user.username} may sign in again (${lifted} failed sign-in(s) forgotten)`
    );
  })
);
