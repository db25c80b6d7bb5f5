/** `npm run migrate`: bring the database (HOZEN_DB, default db/hozen.sqlite) to the latest schema. */
import { databasePathFromEnv, openDatabase } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { parseFlags, runCli } from './lib/cli';

runCli(async () => {
  parseFlags(process.argv.slice(2), {});
  const file = databasePathFromEnv();
  const db = openDatabase(file);
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
