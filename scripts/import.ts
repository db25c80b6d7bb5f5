/**
 * `npm run import -- FILE [--format hozen|koukyou-shisetsu|kotei-shisan|geojson|xlsx]
 *   [--mapping FILE.json] [--crs EPSG:6676] [--encoding auto|utf-8|shift_jis] [--target assets|hazards]
 *   [--layer NAME (a GeoPackage's or zipped Shapefiles' layer)]
 *   [--dry-run] [--valid-only]`
 *
 * Imports a file into the database named by HOZEN_DB (created and migrated if missing). The format
 * is detected from the header (or the file's kind) when not given. Exit 0 when imported (or, with
 * --dry-run, when it would import); 2 with one line per problem when the file has bad rows (nothing
 * is written); 1 for a bad flag or an unreadable file.
 */
import fs from 'node:fs';
import { openFromEnv } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { importFile } from '../src/lib/server/services/import.service';
import { closePool, warmPool } from '../src/lib/server/compute/pool';
import {
  IMPORT_FORMATS,
  retarget,
  type ImportFormat,
  type ImportMapping
} from '../src/lib/io/import-mapping';
import { formatRowError } from '../src/lib/io/row-error';
import { parseFlags, runCli, UsageError } from './lib/cli';

runCli(async () => {
  const args = process.argv.slice(2);
  const file = args[0] && !args[0].startsWith('--') ? args.shift()! : null;
  const flags = parseFlags(args, {
    format: 'string',
    mapping: 'string',
    crs: 'string',
    layer: 'string',
    encoding: 'string',
    target: 'string',
    'dry-run': 'boolean',
    'valid-only': 'boolean'
  });
  if (!file) throw new UsageError('name the file to import: npm run import -- FILE [options]');
  let format = flags.format as string | undefined;
  if (format === 'xlsx') format = undefined; // a workbook is recognised by its content
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `--format must be one of ${[...IMPORT_FORMATS, 'xlsx'].join(', ')}, got "${format}"`
    );
  const encoding = (flags.encoding ?? 'auto') as string;
  if (!['auto', 'utf-8', 'shift_jis'].includes(encoding))
    throw new UsageError(`--encoding must be auto, utf-8 or shift_jis, got "${encoding}"`);
  let mapping: ImportMapping | null = null;
  if (flags.mapping !== undefined) {
    const mappingFile = String(flags.mapping);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(mappingFile, 'utf8'));
    } catch (error) {
      throw new UsageError(
        `--mapping ${mappingFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(error as Error).message})`}`
      );
    }
    // The schema (and zod) loaded only for a mapping given: an import without one starts sooner.
    const { parseMapping } = await import('../src/lib/io/mapping-schema');
    const parsed = parseMapping(data);
    if (!parsed.ok) throw new UsageError(`--mapping ${mappingFile}: ${parsed.errors.join('; ')}`);
    mapping = parsed.mapping;
  }
  if (flags.target !== undefined) {
    const target = String(flags.target);
    if (!['assets', 'hazards'].includes(target))
      throw new UsageError(`--target must be assets or hazards, got "${target}"`);
    mapping = retarget(mapping, target as 'assets' | 'hazards');
  }

  // The worker loads the code that will read the file while the database opens.
  void warmPool(
    ...(/\.(zip|shp|gpkg|geojson|json)$/i.test(file)
      ? (['gisLayer'] as const)
      : /\.xlsx$/i.test(file)
        ? (['xlsxRecords', 'assetRows'] as const)
        : (['assetRows'] as const))
  );
  const { db, label: dbFile } = await openFromEnv();
  // The worker is stopped as soon as the import is done, while the database closes.
  let poolClosed: Promise<void> = Promise.resolve();
  try {
    await migrateToLatest(db);
    const started = Date.now();
    const report = await importFile(db, {
      path: file,
      format: format as ImportFormat | undefined,
      mapping,
      crs: flags.crs !== undefined ? String(flags.crs) : null,
      layer: flags.layer !== undefined ? String(flags.layer) : null,
      encoding: encoding as 'auto' | 'utf-8' | 'shift_jis',
      dryRun: flags['dry-run'] === true,
      validOnly: flags['valid-only'] === true,
      username: process.env.USER ?? null,
      onProgress: (phase, rows) => {
        if (process.stderr.isTTY)
          process.stderr.write(`\r${phase === 'validate' ? 'checking' : 'writing'} ${rows} rows…`);
      }
    });
    poolClosed = closePool();
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    for (const error of report.errors) console.error(formatRowError(error));
    if (report.dictionaryTemplate) {
      console.error(
        `hozen: ${report.unknownWords.length} word(s) no rule knows (${report.unknownWords
          .slice(0, 5)
          .map((u) => `${u.field} "${u.value}" ×${u.rows}`)
          .join(
            ', '
          )}${report.unknownWords.length > 5 ? ', …' : ''}); fill in this mapping and give it with --mapping:`
      );
      console.error(JSON.stringify(report.dictionaryTemplate));
    }
    const what = [
      `${report.format ?? '?'}${report.encoding ? `, ${report.encoding}` : ''}${report.crs ? `, ${report.crs}` : ''}`,
      `${report.rows} rows`,
      `${report.created} created`,
      `${report.updated} updated`,
      `${report.unchanged} unchanged`,
      ...(report.replaced ? [`${report.replaced} replaced`] : []),
      ...Object.entries(report.skipped).map(([why, n]) => `${n} skipped (${why})`),
      ...(report.errors.length ? [`${report.errors.length} problem(s)`] : [])
    ].join(', ');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (report.written) {
      console.log(`imported ${file} into ${dbFile}: ${what} (${seconds} s)`);
      for (const change of report.changes.slice(0, 20))
        console.log(`  updated ${change.code}: ${change.fields.join(', ')}`);
      return;
    }
    if (
      report.dryRun &&
      !report.errors.some((e) => e.row === 0) &&
      (report.errors.length === 0 || flags['valid-only'])
    ) {
      console.log(`dry run, nothing written: ${file} would give ${what}`);
      return;
    }
    console.error(`hozen: ${file} was not imported (${what}); nothing was written`);
    process.exit(2);
  } finally {
    await Promise.all([db.destroy(), poolClosed]);
  }
});
