/**
 * `npm run db:restore -- FILE`: replaces the database with the backup FILE, after checking it (a
 * SQLite file passing `PRAGMA integrity_check`, or a pg_dump archive for DATABASE_URL; a Hozen
 * database; not from a newer Hozen). The database as it was is kept first (SQLite: beside it as
 * `….before-restore-TIMESTAMP`; PostgreSQL: `DATABASE-before-restore-TIMESTAMP.dump` beside FILE). A bad file
 * changes nothing; on PostgreSQL the restore is one transaction.
 */
import { databaseTargetFromEnv, targetLabel } from '../src/lib/server/db/connection';
import { BackupError, restoreTarget } from '../src/lib/server/services/backup.service';
import { runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('--'))
    throw new UsageError('usage: npm run db:restore -- FILE');
  const target = databaseTargetFromEnv();
  try {
    const { previous } = await restoreTarget(args[0]!, target);
    console.log(`${args[0]} → ${targetLabel(target)}: restored`);
    if (previous) console.log(`  the database as it was: ${previous}`);
  } catch (e) {
    if (e instanceof BackupError) throw new UsageError(e.message);
    throw e;
  }
});
