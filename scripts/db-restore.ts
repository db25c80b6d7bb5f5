/**
 * `npm run db:restore -- FILE`: replaces the database (HOZEN_DB) with the backup FILE, after
 * checking it (SQLite, `PRAGMA integrity_check`, a Hozen database, not from a newer Hozen). The
 * database as it was is kept beside it as `….before-restore-TIMESTAMP`. A bad file changes nothing.
 */
import { databasePathFromEnv } from '../src/lib/server/db/connection';
import { BackupError, restoreDatabase } from '../src/lib/server/services/backup.service';
import { runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('--'))
    throw new UsageError('usage: npm run db:restore -- FILE');
  const target = databasePathFromEnv();
  try {
    const { previous } = await restoreDatabase(args[0]!, target);
    console.log(`${args[0]} → ${target}: restored`);
    if (previous) console.log(`  the database as it was: ${previous}`);
  } catch (e) {
    if (e instanceof BackupError) throw new UsageError(e.message);
    throw e;
  }
});
