/**
 * `npm run seed:demo [-- --seed N] [--assets N]`: migrate the database (DATABASE_URL or HOZEN_DB) and write the
 * synthetic demo city into it — or, with `--assets`, a synthetic metropolis of demo-city districts
 * with at least that many assets (the map benchmark's 200k city). Refuses a database that already
 * holds facilities or assets.
 */
import { openFromEnv } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { contentHash, seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import { DEFAULT_DEMO_SEED } from '../src/lib/demo-city/demo-city';
import { generateSyntheticMetro } from '../src/lib/demo-city/synthetic-metro';
import { intFlag, parseFlags, runCli } from './lib/cli';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { seed: 'string', assets: 'string' });
  const seed = intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1, DEFAULT_DEMO_SEED);
  const assets =
    flags.assets === undefined ? null : intFlag(flags.assets, '--assets', 1, 5_000_000, 0);
  const { db, label: file } = await openFromEnv();
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const city = assets === null ? undefined : generateSyntheticMetro(assets, seed);
    const report = await seedDemoCity(db, { seed, city });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const what = city
      ? `a synthetic metropolis of ${city.assets.length} assets`
      : 'the synthetic demo city';
    console.log(`${file}: seeded ${what} (seed ${seed}) in ${seconds} s`);
    console.log(
      `  facilities ${report.facilities}, assets ${JSON.stringify(report.assets)}, inspections ${report.inspections}, hazard zones ${report.hazardZones}`
    );
    console.log(`  content hash ${await contentHash(db)}`);
  } finally {
    await db.destroy();
  }
});
