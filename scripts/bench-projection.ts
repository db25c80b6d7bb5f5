/**
 * `npm run bench [-- --sizes 10000,100000,1000000 --runs 5 --years 60
 *   --mode projection|budget|solve|samples|import [--samples 1000]]`:
 * the projection engine, the budget loop under a flat cap at 60 % of the need, or the budget solver
 * (clear the backlog by 2035), or N stochastic samples on synthetic portfolios (the demo city's class mix). Each run is a fresh child process, so its peak
 * memory (max RSS) is its own; the figures printed are medians over the runs.
 */
import { spawnSync } from 'node:child_process';
import { zipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { importFile } from '../src/lib/server/services/import.service';
import { warmPool } from '../src/lib/server/compute/pool';
import { formatAssetRecordsCsv } from '../src/lib/io/asset-csv';
import { projectRenewals } from '../src/lib/engine/projection';
import { simulateBudget } from '../src/lib/engine/simulate-budget';
import { solveBudget } from '../src/lib/engine/solve-budget';
import { summarizeProjection } from '../src/lib/engine/projection-summary';
import { soumu } from '../src/lib/engine/standards/soumu';
import { intFlag, parseFlags, runCli, UsageError } from './lib/cli';
import { simulateSamples } from '../src/lib/engine/stochastic';
import { syntheticPortfolio as portfolio } from './lib/synthetic-portfolio';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const TITLES: Record<string, string> = {
  projection: 'Projection',
  budget: 'Budget loop (flat cap at 60 % of need)',
  solve: 'Budget solver (clear the backlog by 2035)',
  samples: 'Stochastic samples (Weibull lives, flat cap at 60 % of need; wall = all samples)',
  import: 'Import of an asset CSV (validation + write, one transaction)'
};

/** One timed import of the CSV the parent wrote. */
async function childImport(flags: Record<string, string | boolean | undefined>): Promise<void> {
  // Imports the CSV the parent wrote (not timed, not in this process's memory) into a new
  // database: validation + write, in one transaction.
  const file = String(flags.file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-db-'));
  try {
    const db = openDatabase(path.join(dir, 'bench.sqlite'));
    await migrateToLatest(db);
    // The compute worker (which reads and checks the rows) started, as a server's is.
    await warmPool('assetRows');
    const started = performance.now();
    const report = await importFile(db, { path: file });
    const ms = performance.now() - started;
    await db.destroy();
    if (report.errors.length || report.created !== Number(flags.child))
      throw new Error(
        `import failed: ${report.errors
          .slice(0, 3)
          .map((e) => e.reason)
          .join('; ')}`
      );
    console.log(
      JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, total: report.created })
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The synthetic portfolio as points with attributes named as a Shapefile can hold them (at most
 * ten letters), for ogr2ogr to write the Shapefile a city's GIS would hand over; and the mapping
 * Hozen is given for it (as a city maps its own layer).
 */
const SHAPEFILE_FIELDS = {
  code: 'code',
  name: 'name',
  class: 'class',
  category: 'category',
  year_built: 'year_built',
  quantity: 'quantity',
  unit: 'unit',
  structure: 'structure',
  material: 'material',
  diameter_mm: 'diameter',
  pipe_kind: 'pipe_kind',
  importance: 'importance'
} as const;

function writePointsCsv(n: number, file: string): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, [...Object.values(SHAPEFILE_FIELDS), 'lon', 'lat'].join(',') + '\n');
  const all = portfolio(n);
  for (let from = 0; from < all.length; from += 50_000) {
    const lines = all.slice(from, from + 50_000).map((a, k) => {
      const i = from + k;
      const pipe = a.assetClass === 'water_pipe' || a.assetClass === 'sewer_pipe';
      return [
        a.code,
        `資産 ${i}`,
        a.assetClass,
        a.assetClass === 'sewer_pipe'
          ? 'sanitary'
          : a.assetClass === 'water_pipe'
            ? ''
            : a.category,
        a.yearBuilt ?? '',
        a.quantity,
        pipe ? 'm' : 'm2',
        a.structure ?? '',
        a.material ?? '',
        a.diameterMm ?? '',
        a.pipeKind ?? '',
        3,
        (139.5 + (i % 1000) / 10_000).toFixed(6),
        (35.5 + Math.floor(i / 1000) / 10_000).toFixed(6)
      ].join(',');
    });
    fs.writeSync(out, lines.join('\n') + '\n');
  }
  fs.closeSync(out);
}

/**
 * A zipped Shapefile (CP932 attributes, JGD2011 lon/lat) of `n` features written by ogr2ogr, and
 * both loads side by side: `npm run import` of the .zip with its mapping, `ogr2ogr -f GPKG` of
 * the same .zip.
 */
function shapefileSideBySide(n: number, runs: number, dir: string, ogrVersion: string): void {
  const points = path.join(dir, 'points.csv');
  const made = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--generate', String(n), '--points', '--file', points],
    { encoding: 'utf8' }
  );
  if (made.status !== 0) throw new Error(`could not write the points CSV: ${made.stderr}`);
  const shp = path.join(dir, 'shp');
  fs.mkdirSync(shp);
  const converted = spawnSync('ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    '-lco',
    'ENCODING=CP932',
    '-oo',
    'X_POSSIBLE_NAMES=lon',
    '-oo',
    'Y_POSSIBLE_NAMES=lat',
    '-oo',
    'KEEP_GEOM_COLUMNS=NO',
    '-oo',
    'AUTODETECT_TYPE=YES',
    '-a_srs',
    'EPSG:6668',
    path.join(shp, 'assets.shp'),
    points
  ]);
  if (converted.status !== 0) throw new Error(`ogr2ogr could not write the Shapefile`);
  const zip = path.join(dir, 'assets.zip');
  fs.writeFileSync(
    zip,
    zipSync(
      Object.fromEntries(
        ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => [
          `assets.${ext}`,
          fs.readFileSync(path.join(shp, `assets.${ext}`))
        ])
      )
    )
  );
  const mapping = path.join(dir, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify({ target: 'assets', columns: SHAPEFILE_FIELDS }));
  const dbFile = path.join(dir, 'shp.sqlite');
  const gpkg = path.join(dir, 'shp.gpkg');
  const [cli, ogr] = timedSideBySide(runs, [
    {
      command: process.execPath,
      args: [path.resolve('scripts/run.mjs'), 'import', zip, '--mapping', mapping],
      before: () => fs.rmSync(dbFile, { force: true }),
      env: { HOZEN_DB: dbFile, DATABASE_URL: '' }
    },
    {
      command: 'ogr2ogr',
      args: ['-f', 'GPKG', gpkg, `/vsizip/${zip}`],
      before: () => fs.rmSync(gpkg, { force: true })
    }
  ]) as [number, number];
  console.log(
    `           a zipped Shapefile of ${n} points (${(fs.statSync(zip).size / 1e6).toFixed(1)} MB): ogr2ogr -f GPKG ${ogr.toFixed(0)} ms (${ogrVersion}); ` +
      `npm run import ${cli.toFixed(0)} ms = ${(cli / ogr).toFixed(1)}×`
  );
}

/** A command to time: what it runs, what is done before each run (not timed), its environment. */
interface Timed {
  command: string;
  args: string[];
  before: () => void;
  env?: Record<string, string>;
}

/**
 * Wall milliseconds of whole commands, the median of `runs` of each, run in turn (A, B, A, B …):
 * a busy minute of a shared machine then slows both rather than one, and their ratio holds.
 */
function timedSideBySide(runs: number, commands: Timed[]): number[] {
  const times = commands.map((): number[] => []);
  for (let r = 0; r < runs; r++)
    commands.forEach(({ command, args, before, env }, k) => {
      before();
      const started = performance.now();
      const run = spawnSync(command, args, {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        maxBuffer: 1 << 24
      });
      if (run.status !== 0)
        throw new Error(`${command} failed: ${run.stderr || run.error?.message || ''}`);
      times[k]!.push(performance.now() - started);
    });
  return times.map(median);
}

/**
 * The same CSV loaded by the GIS tool a city's staff would otherwise use (`ogr2ogr -f GPKG`, when
 * installed), and by `npm run import` as a whole process (start-up, migration, validation, upsert,
 * audit), side by side in the same run, with the ratios.
 */
function sideBySide(file: string, size: number, runs: number, inProcessMs: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-side-'));
  try {
    const dbFile = path.join(dir, 'cli.sqlite');
    // As `npm run import` runs it (a bundle of the sources, built here once if they changed).
    const command = [path.resolve('scripts/run.mjs'), 'import', file];
    spawnSync(process.execPath, [...command, '--dry-run'], {
      env: { ...process.env, HOZEN_DB: path.join(dir, 'warm.sqlite'), DATABASE_URL: '' }
    });
    const hozen: Timed = {
      command: process.execPath,
      args: command,
      before: () => fs.rmSync(dbFile, { force: true }),
      env: { HOZEN_DB: dbFile, DATABASE_URL: '' }
    };
    const gpkg = path.join(dir, 'ogr.gpkg');
    const probe = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      const [cli] = timedSideBySide(runs, [hozen]) as [number];
      console.log(
        `           npm run import (whole process) ${cli.toFixed(0)} ms; ogr2ogr not installed: no side-by-side`
      );
      return;
    }
    const [cli, ogr] = timedSideBySide(runs, [
      hozen,
      {
        command: 'ogr2ogr',
        args: ['-f', 'GPKG', gpkg, file],
        before: () => fs.rmSync(gpkg, { force: true })
      }
    ]) as [number, number];
    console.log(
      `           side by side: ogr2ogr -f GPKG ${ogr.toFixed(0)} ms (${probe.stdout.trim()}); ` +
        `Hozen in-process ${(inProcessMs / ogr).toFixed(1)}×, npm run import ${cli.toFixed(0)} ms = ${(cli / ogr).toFixed(1)}×`
    );
    shapefileSideBySide(size, runs, dir, probe.stdout.trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    sizes: 'string',
    runs: 'string',
    years: 'string',
    child: 'string',
    mode: 'string',
    samples: 'string',
    generate: 'string',
    file: 'string',
    points: 'boolean'
  });
  const years = Number(flags.years ?? 60);
  if (flags.generate !== undefined && flags.points === true) {
    writePointsCsv(Number(flags.generate), String(flags.file));
    return;
  }
  if (flags.generate !== undefined) {
    // The synthetic portfolio as Hozen's asset CSV, written in slices.
    const all = portfolio(Number(flags.generate));
    const out = fs.openSync(String(flags.file), 'w');
    for (let from = 0; from < all.length; from += 50_000) {
      const csv = formatAssetRecordsCsv(
        all.slice(from, from + 50_000).map((a, k) => ({
          ...a,
          name: `資産 ${from + k}`,
          category: a.assetClass === 'sewer_pipe' ? 'sanitary' : a.category,
          unit:
            a.assetClass === 'water_pipe' || a.assetClass === 'sewer_pipe'
              ? ('m' as const)
              : ('m2' as const),
          importance: 3,
          conditionGrade: null,
          soundness: null,
          floors: null,
          acquisitionYen: null,
          serviceLifeYears: null,
          acquiredOn: null,
          geometry: null,
          row: 0
        }))
      );
      fs.writeSync(out, from === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    }
    fs.closeSync(out);
    return;
  }
  if (flags.child !== undefined && flags.mode === 'import') {
    await childImport(flags);
    return;
  }
  if (flags.child !== undefined) {
    const assets = portfolio(Number(flags.child));
    if (flags.mode === 'solve') {
      const started = performance.now();
      const solved = solveBudget(
        assets,
        soumu,
        { startYear: 2026, years },
        { kind: 'clear-backlog', year: 2035 }
      );
      const ms = performance.now() - started;
      console.log(
        JSON.stringify({
          ms,
          maxRssMb: process.resourceUsage().maxRSS / 1024,
          total: solved.budget
        })
      );
      return;
    }
    if (flags.mode === 'samples') {
      // 1,000 stochastic samples (Weibull lives) under a flat cap at 60 % of the need.
      const need = summarizeProjection(projectRenewals(assets, soumu, { startYear: 2026, years }));
      const started = performance.now();
      const result = simulateSamples(assets, soumu, {
        startYear: 2026,
        years,
        budget: { kind: 'flat', amount: 0.6 * need.annualAverage },
        samples: Number(flags.samples ?? 1000),
        seed: 1
      });
      const ms = performance.now() - started;
      console.log(
        JSON.stringify({
          ms,
          maxRssMb: process.resourceUsage().maxRSS / 1024,
          total: result.totals.cost.p50
        })
      );
      return;
    }
    if (flags.mode === 'budget') {
      // A flat cap at 60 % of the unconstrained annual average (computed outside the timing).
      const need = summarizeProjection(projectRenewals(assets, soumu, { startYear: 2026, years }));
      const amount = 0.6 * need.annualAverage;
      const started = performance.now();
      const result = simulateBudget(assets, soumu, {
        startYear: 2026,
        years,
        budget: { kind: 'flat', amount }
      });
      const ms = performance.now() - started;
      const backlog = result.years.at(-1)!.backlogYen;
      console.log(
        JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, total: backlog })
      );
      return;
    }
    const started = performance.now();
    const result = projectRenewals(assets, soumu, { startYear: 2026, years });
    const total = summarizeProjection(result).total;
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, total }));
    return;
  }
  const mode = String(flags.mode ?? 'projection');
  if (!['projection', 'budget', 'solve', 'samples', 'import'].includes(mode))
    throw new UsageError('--mode must be projection, budget, solve, samples or import');
  const sampleCount = intFlag(flags.samples, '--samples', 1, 100_000, 1000);
  const sizes = String(flags.sizes ?? '10000,100000,1000000')
    .split(',')
    .map(Number);
  const runs = Number(flags.runs ?? 5);
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0) || !Number.isInteger(runs) || runs < 1)
    throw new UsageError('--sizes takes positive integers, --runs a positive integer');
  console.log(
    `${TITLES[mode]} benchmark (soumu, ${years} years), median of ${runs} runs — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`
  );
  console.log('assets      wall ms   assets·years/s   peak RSS MB');
  for (const size of sizes) {
    const samples: { ms: number; maxRssMb: number }[] = [];
    let csvDir: string | null = null;
    const extra: string[] = [];
    if (mode === 'import') {
      csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-csv-'));
      const file = path.join(csvDir, 'assets.csv');
      const made = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1]!, '--generate', String(size), '--file', file],
        { encoding: 'utf8' }
      );
      if (made.status !== 0) throw new Error(`could not write the benchmark CSV: ${made.stderr}`);
      extra.push('--file', file);
    }
    for (let r = 0; r < runs; r++) {
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          process.argv[1]!,
          '--child',
          String(size),
          '--years',
          String(years),
          '--mode',
          mode,
          '--samples',
          String(sampleCount),
          ...extra
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 }
      );
      if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
      samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!));
    }
    const ms = median(samples.map((s) => s.ms));
    const rss = median(samples.map((s) => s.maxRssMb));
    console.log(
      `${String(size).padEnd(10)} ${ms.toFixed(1).padStart(9)} ${((size * years) / (ms / 1000)).toExponential(2).padStart(16)} ${rss.toFixed(0).padStart(13)}`
    );
    if (csvDir) {
      sideBySide(path.join(csvDir, 'assets.csv'), size, runs, ms);
      fs.rmSync(csvDir, { recursive: true, force: true });
    }
  }
});
