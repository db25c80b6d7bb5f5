/**
 * `npm run seed:demo [-- --seed N]`: migrate the database (HOZEN_DB) and write the synthetic demo
 * city into it. Refuses a database that already holds facilities or assets.
 */
import { databasePathFromEnv, openDatabase } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { contentHash, seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import { DEFAULT_DEMO_SEED } from '../src/lib/server/seed/demo-city';
import { intFlag, parseFlags, runCli } from './lib/cli';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { seed: 'string' });
  const seed = intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1, DEFAULT_DEMO_SEED);
  const file = databasePathFromEnv();
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const report = await seedDemoCity(db, { seed });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${file}: seeded the synthetic demo city (seed ${seed}) in ${seconds} s`);
    console.log(
      `  facilities ${report.facilities}, assets ${JSON.stringify(report.assets)}, inspections ${report.inspections}, hazard zones ${report.hazardZones}`
    );
    console.log(`  content hash ${await contentHash(db)}`);
  } finally {
    await db.destroy();
  }
});
