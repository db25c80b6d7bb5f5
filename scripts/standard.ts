/**
 * `npm run standard -- show KEY` prints a standard as JSON (every number with its source);
 * `npm run standard -- save FILE.json [--based-on KEY]` stores an edited copy in the database
 * (DATABASE_URL or HOZEN_DB) under the `key` the file gives, after checking every field; `npm run standard -- list`.
 * Use: show soumu > my.json, change `key`, the names and any number, then save my.json.
 */
import fs from 'node:fs';
import { openFromEnv } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import {
  ensureBuiltinStandards,
  getStandard,
  listStandardKeys,
  saveCustomStandard
} from '../src/lib/server/repositories/standards.repository';
import { parseFlags, runCli, UsageError } from './lib/cli';

runCli(async () => {
  const [command, argument, ...rest] = process.argv.slice(2);
  const flags = parseFlags(rest, { 'based-on': 'string' });
  if (!command || !['show', 'save', 'list'].includes(command))
    throw new UsageError('usage: standard list | show KEY | save FILE.json [--based-on KEY]');
  const { db } = await openFromEnv();
  try {
    await migrateToLatest(db);
    await ensureBuiltinStandards(db, new Date().toISOString());
    if (command === 'list') {
      console.log((await listStandardKeys(db)).join('\n'));
    } else if (command === 'show') {
      if (!argument) throw new UsageError('usage: standard show KEY');
      const standard = await getStandard(db, argument);
      if (!standard) throw new UsageError(`unknown standard "${argument}"`);
      console.log(JSON.stringify(standard, null, 2));
    } else {
      if (!argument) throw new UsageError('usage: standard save FILE.json [--based-on KEY]');
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(argument, 'utf8'));
      } catch (error) {
        throw new UsageError(`${argument}: ${(error as Error).message}`);
      }
      const saved = await saveCustomStandard(db, data, {
        basedOn: String(flags['based-on'] ?? 'soumu'),
        now: new Date().toISOString(),
        username: process.env.USER ?? null
      });
      console.log(`saved standard "${saved.key}" (${saved.nameJa} / ${saved.nameEn})`);
    }
  } finally {
    await db.destroy();
  }
});
