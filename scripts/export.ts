/**
 * `npm run export -- assets.csv|assets.xlsx|assets.geojson|projection.csv|projection.xlsx [--out FILE]
 *   [--class CLASS] [--standard KEY] [--start YEAR] [--years N] [--lang ja|en] [--budget YEN]`
 *
 * With --budget, the projection exports are the budget run under that flat yearly budget: the
 * money funded, the yearly needed/funded/backlog, each work's outcome and the key figures.
 *
 * Writes an export of the database named by HOZEN_DB to FILE (default: stdout for text, the
 * export's name for the workbook). The same exports the web app serves under /export/….
 */
import fs from 'node:fs';
import {
  assetsCsv,
  assetsGeoJson,
  assetsXlsx,
  parseAssetClass,
  projectionCsv,
  projectionXlsx
} from '../src/lib/server/services/export.service';
import { intFlag, parseFlags, openExistingDatabase, runCli, UsageError } from './lib/cli';

const WHAT = ['assets.csv', 'assets.xlsx', 'assets.geojson', 'projection.csv', 'projection.xlsx'];

runCli(async () => {
  const args = process.argv.slice(2);
  const what = args[0] && !args[0].startsWith('--') ? args.shift()! : null;
  const flags = parseFlags(args, {
    out: 'string',
    class: 'string',
    standard: 'string',
    start: 'string',
    years: 'string',
    lang: 'string',
    budget: 'string'
  });
  if (!what || !WHAT.includes(what))
    throw new UsageError(`name the export: ${WHAT.join(', ')}${what ? ` (got "${what}")` : ''}`);
  const lang = String(flags.lang ?? 'ja');
  if (lang !== 'ja' && lang !== 'en')
    throw new UsageError(`--lang must be ja or en, got "${lang}"`);
  const db = await openExistingDatabase();
  try {
    const options = {
      standard: flags.standard !== undefined ? String(flags.standard) : 'soumu',
      start: flags.start !== undefined ? intFlag(flags.start, '--start', 1900, 2200, 0) : null,
      years: intFlag(flags.years, '--years', 1, 200, 40),
      lang: lang as 'ja' | 'en',
      budget: flags.budget !== undefined ? intFlag(flags.budget, '--budget', 0, 1e15, 0) : null
    };
    const assetClass = parseAssetClass(flags.class !== undefined ? String(flags.class) : null);
    const body =
      what === 'assets.csv'
        ? await assetsCsv(db, assetClass)
        : what === 'assets.xlsx'
          ? await assetsXlsx(db, assetClass)
          : what === 'assets.geojson'
            ? await assetsGeoJson(db, assetClass)
            : what === 'projection.csv'
              ? await projectionCsv(db, options)
              : await projectionXlsx(db, options);
    const out =
      flags.out !== undefined ? String(flags.out) : what.endsWith('.xlsx') ? `hozen-${what}` : null;
    if (out) {
      fs.writeFileSync(out, body);
      console.error(`wrote ${out}`);
    } else process.stdout.write(body);
  } finally {
    await db.destroy();
  }
});
