/**
 * `npm run user:reset-password -- NAME`: gives an account a new random password, printed only
 * this once; its sessions end and its sign-in throttle is lifted (and a deactivated account is
 * active again). For the administrator who can no longer sign in. Audited (without the password).
 */
import { AuthError, randomPassword, updateUser } from '../src/lib/server/services/auth.service';
import { withAccount } from './lib/account';
import { runCli, UsageError } from './lib/cli';

runCli(() =>
  withAccount('user:reset-password', async (db, user, label) => {
    const password = randomPassword();
    await updateUser(
      db,
      user.id,
      user.version,
      { password, active: true },
      { username: process.env.USER ?? null, now: new Date().toISOString() }
    ).catch((e: unknown) => {
      throw e instanceof AuthError ? new UsageError(e.message) : e;
    });
    console.log(
      `${label}: new password for ${user.username}${user.active ? '' : ' (reactivated)'}`
    );
    console.log(`  password: ${password}`);
    console.log('  (shown only this once: hand it over safely)');
  })
);
