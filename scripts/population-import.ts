/**
 * `npm run population:import -- TABLE.csv --boundaries AREAS.geojson --year 2020`
 *
 * Imports the census's small-area table of population by sex and five-year age group (e-Stat,
 * 統計地理情報システム; Shift_JIS or UTF-8) with its boundaries (GeoJSON whose features carry the
 * areas' KEY_CODE — e-Stat's 境界データ converted, e.g. `ogr2ogr -f GeoJSON -t_srs EPSG:4326`) into
 * the database named by HOZEN_DB: the census year's areas are replaced. Areas without a boundary
 * are listed and left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { decodeBytes } from '../src/lib/io/text-encoding';
import { importPopulation } from '../src/lib/server/services/population.service';
import { intFlag, parseFlags, openExistingDatabase, runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  const file = args[0] && !args[0].startsWith('--') ? args.shift()! : null;
  const flags = parseFlags(args, { boundaries: 'string', year: 'string' });
  if (!file)
    throw new UsageError(
      'name the census table: npm run population:import -- TABLE.csv --boundaries AREAS.geojson --year 2020'
    );
  if (flags.boundaries === undefined)
    throw new UsageError(
      '--boundaries AREAS.geojson is required (the areas’ outlines with KEY_CODE)'
    );
  const year = intFlag(flags.year, '--year', 1920, 2100, 0);
  if (!year) throw new UsageError('--year: the census year, e.g. 2020');
  const decoded = decodeBytes(fs.readFileSync(file));
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.reason}`);
  let boundaries: FeatureCollection;
  try {
    boundaries = JSON.parse(fs.readFileSync(String(flags.boundaries), 'utf8')) as FeatureCollection;
    if (!Array.isArray(boundaries.features)) throw new Error('no features');
  } catch (e) {
    throw new UsageError(
      `${String(flags.boundaries)}: not a GeoJSON FeatureCollection (${e instanceof Error ? e.message : e})`
    );
  }
  const db = await openExistingDatabase();
  try {
    const result = await importPopulation(
      db,
      { username: 'cli', now: new Date().toISOString() },
      { text: decoded.text, boundaries, year, source: path.basename(file) }
    );
    for (const p of result.problems) console.error(`hozen: ${p.en}`);
    if (result.unplaced.length)
      console.error(
        `${result.unplaced.length} areas have no boundary and were left out: ${result.unplaced.slice(0, 10).join(', ')}${result.unplaced.length > 10 ? ' …' : ''}`
      );
    if (!result.written) throw new UsageError('nothing imported');
    console.error(
      `imported ${result.areas} areas for ${year} (${result.hidden} hidden by the census, counted as 0)`
    );
  } finally {
    await db.destroy();
  }
});
