/**
 * `npm run db:backup -- FILE`: a consistent copy of the database in FILE while Hozen may keep
 * running and writing: SQLite's `VACUUM INTO` for HOZEN_DB, `pg_dump --format=custom` for
 * DATABASE_URL.
 */
import { databaseTargetFromEnv, targetLabel } from '../src/lib/server/db/connection';
import { backupTarget, BackupError } from '../src/lib/server/services/backup.service';
import { runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('--'))
    throw new UsageError('usage: npm run db:backup -- FILE');
  const source = databaseTargetFromEnv();
  try {
    const started = performance.now();
    const { bytes } = await backupTarget(source, args[0]!);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${targetLabel(source)} → ${args[0]}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds} s`
    );
  } catch (e) {
    if (e instanceof BackupError) throw new UsageError(e.message);
    throw e;
  }
});
