/** `npm run migrate`: bring the database (DATABASE_URL, or HOZEN_DB, default db/hozen.sqlite) to the
 * latest schema. */
import { openFromEnv } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { parseFlags, runCli } from './lib/cli';

runCli(async () => {
  parseFlags(process.argv.slice(2), {});
  const { db, label: file } = await openFromEnv();
  try {
    const { applied, latest } = await migrateToLatest(db);
    console.log(
      applied.length > 0
        ? `${file}: applied ${applied.length} migration(s): ${applied.join(', ')}`
        : `${file}: already at the latest schema (${latest})`
    );
  } finally {
    await db.destroy();
  }
});
