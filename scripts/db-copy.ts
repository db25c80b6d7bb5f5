/**
 * `npm run db:copy -- FROM TO`: copies a whole Hozen database into a new, empty one — each a
 * SQLite file or a postgres:// URL — row for row, ids kept, in one transaction. The way to move a
 * city from SQLite to PostgreSQL (or back). The source is only read.
 */
import {
  DatabaseFileError,
  openTarget,
  preflightTarget,
  targetLabel,
  targetOf,
  type DatabaseTarget
} from '../src/lib/server/db/connection';
import { CopyError, copyDatabase } from '../src/lib/server/services/copy.service';
import { runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 2 || args.some((a) => a.startsWith('--')))
    throw new UsageError(
      'usage: npm run db:copy -- FROM TO (each a SQLite file or a postgres:// URL)'
    );
  const [from, to] = args.map(targetOf) as [DatabaseTarget, DatabaseTarget];
  const fromState = await preflightTarget(from);
  if (fromState === 'missing' || fromState === 'empty')
    throw new UsageError(`${targetLabel(from)}: no Hozen database there to copy`);
  await preflightTarget(to);
  const source = await openTarget(from, { skipPreflight: true });
  const target = await openTarget(to, { skipPreflight: true });
  try {
    const started = performance.now();
    const report = await copyDatabase(source, target, (table, rows) =>
      console.log(`  ${table}: ${rows} rows`)
    );
    const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${targetLabel(from)} → ${targetLabel(to)}: ${total} rows copied in ${seconds} s`);
  } catch (e) {
    if (e instanceof CopyError || e instanceof DatabaseFileError)
      throw new UsageError(`${targetLabel(to)}: ${e.message}`);
    throw e;
  } finally {
    await Promise.all([source.destroy(), target.destroy()]);
  }
});
