/**
 * `npm run project -- --scenario ID [--db FILE] [--format table|csv|json]`: a stored scenario,
 * with the same numbers as its page and its exports (scripts/lib/project-scenario.ts).
 *
 * `npm run project -- [--db FILE | --assets FILE.csv] [--standard soumu|longevity|KEY|FILE.json]
 *   [--start 2026] [--years 40] [--inflation 0] [--discount 0] [--reference-investment YEN]
 *   [--overrides FILE.json] [--format table|csv|json]
 *   [--budget YEN | --budget-file FILE.csv | --class-budget CLASS:YEN,…] [--carry-over]
 *   [--escalation RATE] [--priority FILE.json] [--force CODE:YEAR,…] [--condition-model FILE.json]
 *   [--solve clear-backlog:YEAR|max-past-life:PCT|hold-condition]
 *   [--samples N [--seed S] [--shapes CLASS:SHAPE,…]]`
 *
 * The long-term renewal projection from the database (default: HOZEN_DB) or from an asset CSV,
 * printed as a table (億円), the long-format CSV, or JSON with every asset's works.
 * A bad asset file prints one line per bad row and exits with 2; nothing is written anywhere.
 */
import fs from 'node:fs';
import { openDatabase, openFromEnv } from '../src/lib/server/db/connection';
import { listEngineAssets } from '../src/lib/server/repositories/assets.repository';
import { withHazardZones } from '../src/lib/server/services/hazard-exposure.service';
import { asOfYear } from '../src/lib/server/repositories/settings.repository';
import { getStandard } from '../src/lib/server/repositories/standards.repository';
import { parseAssetCsv } from '../src/lib/io/asset-csv';
import { formatRowError } from '../src/lib/io/row-error';
import { formatProjectionCsv } from '../src/lib/io/projection-csv';
import { formatProjectionTable } from '../src/lib/io/projection-table';
import { projectRenewals, projectionRows } from '../src/lib/engine/projection';
import { summarizeProjection } from '../src/lib/engine/projection-summary';
import { parseStandard, type Standard } from '../src/lib/engine/standard';
import { BUILTIN_STANDARDS } from '../src/lib/engine/standards/index';
import { parseOverrides } from '../src/lib/engine/overrides-schema';
import type { EngineAsset } from '../src/lib/engine/engine-asset';
import { ASSET_CLASSES, fiscalYearOf, type AssetClass } from '../src/lib/engine/asset-classes';
import { simulateBudget, summarizeBudget, type Budget } from '../src/lib/engine/simulate-budget';
import { parsePriority } from '../src/lib/engine/priority-schema';
import type { MarkovModel } from '../src/lib/engine/condition';
import { parseBudgetFile } from '../src/lib/io/budget-file';
import { solveBudget, type SolveTarget } from '../src/lib/engine/solve-budget';
import { formatBudgetCsv } from '../src/lib/io/budget-csv';
import { formatBudgetTable } from '../src/lib/io/budget-table';
import { simulateSamples } from '../src/lib/engine/stochastic';
import { checkShapes, DEFAULT_SHAPES, type SurvivalShapes } from '../src/lib/engine/survival';
import { formatStochasticCsv, formatStochasticTable } from '../src/lib/io/stochastic-output';
import { intFlag, parseFlags, runCli, UsageError } from './lib/cli';
import { projectScenario, type ScenarioFormat } from './lib/project-scenario';

function numberFlag(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number
): number {
  if (value === undefined) return 0;
  const n = typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`${name} must be a number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/** `--shapes water_pipe:4,building:0`: Weibull shapes by class (the defaults for the rest). */
function parseShapes(value: string): SurvivalShapes {
  const shapes: SurvivalShapes = { ...DEFAULT_SHAPES };
  for (const part of value.split(',')) {
    const [name, shape] = part.split(':').map((x) => x.trim());
    shapes[name as AssetClass] = Number(shape === '' ? NaN : shape);
  }
  const problems = checkShapes(shapes);
  if (problems.length) throw new UsageError(`--shapes: ${problems.join('; ')}`);
  return shapes;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    db: 'string',
    assets: 'string',
    standard: 'string',
    start: 'string',
    years: 'string',
    inflation: 'string',
    discount: 'string',
    'reference-investment': 'string',
    overrides: 'string',
    format: 'string',
    budget: 'string',
    'budget-file': 'string',
    'carry-over': 'boolean',
    escalation: 'string',
    priority: 'string',
    solve: 'string',
    'class-budget': 'string',
    force: 'string',
    'condition-model': 'string',
    samples: 'string',
    seed: 'string',
    shapes: 'string',
    scenario: 'string'
  });
  const format = (flags.format ?? 'table') as string;
  if (!['table', 'csv', 'json'].includes(format))
    throw new UsageError(`--format must be table, csv or json, got "${format}"`);
  if (flags.scenario !== undefined) {
    const own = Object.keys(flags).filter((f) => !['scenario', 'db', 'format'].includes(f));
    if (own.length)
      throw new UsageError(
        `--${own[0]} cannot be used with --scenario (the scenario's own settings are used)`
      );
    const id = intFlag(flags.scenario, '--scenario', 1, 2 ** 31 - 1, 0);
    const db = flags.db !== undefined ? openDatabase(String(flags.db)) : (await openFromEnv()).db;
    try {
      process.stdout.write(await projectScenario(db, id, format as ScenarioFormat));
    } finally {
      await db.destroy();
    }
    return;
  }
  if (flags.db !== undefined && flags.assets !== undefined)
    throw new UsageError('give either --db or --assets, not both');
  const years = intFlag(flags.years, '--years', 1, 200, 40);
  const inflation = numberFlag(flags.inflation, '--inflation', -0.5, 1);
  const discount = numberFlag(flags.discount, '--discount', -0.5, 1);
  const reference =
    flags['reference-investment'] === undefined
      ? null
      : numberFlag(flags['reference-investment'], '--reference-investment', 1, 1e15);
  const overrides =
    flags.overrides === undefined
      ? []
      : (() => {
          const parsed = parseOverrides(readJson(String(flags.overrides), '--overrides'));
          if (!parsed.ok)
            throw new UsageError(
              `--overrides ${String(flags.overrides)}: ${parsed.errors.join('; ')}`
            );
          return parsed.overrides;
        })();
  const standardKey = String(flags.standard ?? 'soumu');

  let assets: EngineAsset[];
  let standard: Standard | null = null;
  let defaultStart = fiscalYearOf(new Date().getFullYear(), new Date().getMonth() + 1);

  if (standardKey.endsWith('.json')) {
    const parsed = parseStandard(readJson(standardKey, '--standard'));
    if (!parsed.ok) throw new UsageError(`--standard ${standardKey}: ${parsed.errors.join('; ')}`);
    standard = parsed.standard;
  }

  if (flags.assets !== undefined) {
    const file = String(flags.assets);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--assets ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`
      );
    }
    const parsed = parseAssetCsv(text, file);
    if (!parsed.ok) {
      for (const error of parsed.errors) console.error(formatRowError(error));
      console.error(`hozen: ${parsed.errors.length} problem(s) in ${file}; nothing was projected`);
      process.exit(2);
    }
    assets = parsed.assets;
    standard ??= BUILTIN_STANDARDS[standardKey] ?? null;
    if (!standard)
      throw new UsageError(
        `unknown standard "${standardKey}" (built in: ${Object.keys(BUILTIN_STANDARDS).join(', ')}; custom standards need --db)`
      );
  } else {
    const db = flags.db !== undefined ? openDatabase(String(flags.db)) : (await openFromEnv()).db;
    try {
      const tables = await db.introspection.getTables();
      if (!tables.some((t) => t.name === 'assets'))
        throw new UsageError(
          'the database has no assets table: run npm run migrate (and npm run seed:demo or an import) first'
        );
      assets = await withHazardZones(db, await listEngineAssets(db));
      standard ??= await getStandard(db, standardKey);
      if (!standard) throw new UsageError(`unknown standard "${standardKey}"`);
      defaultStart = await asOfYear(db);
    } finally {
      await db.destroy();
    }
  }

  const startYear = intFlag(flags.start, '--start', 1900, 2200, defaultStart);

  // Engine II: a budget turns the projection into the yearly funding loop.
  if (flags.budget !== undefined && flags['budget-file'] !== undefined)
    throw new UsageError('give either --budget or --budget-file, not both');
  let budget: Budget | null = null;
  if (flags.budget !== undefined)
    budget = { kind: 'flat', amount: numberFlag(flags.budget, '--budget', 0, 1e15) };
  if (flags['budget-file'] !== undefined) {
    const file = String(flags['budget-file']);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--budget-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`
      );
    }
    const parsed = parseBudgetFile(text, file, startYear, years);
    if (!parsed.ok) {
      for (const error of parsed.errors) console.error(formatRowError(error));
      console.error(`hozen: ${parsed.errors.length} problem(s) in ${file}; nothing was projected`);
      process.exit(2);
    }
    budget = { kind: 'schedule', amounts: parsed.amounts };
  }
  if (flags['class-budget'] !== undefined) {
    if (budget) throw new UsageError('give one of --budget, --budget-file or --class-budget');
    const amounts: Partial<Record<AssetClass, number>> = {};
    for (const part of String(flags['class-budget']).split(',')) {
      const [name, value] = part.split(':');
      if (!name || !(ASSET_CLASSES as readonly string[]).includes(name.trim())) {
        throw new UsageError(
          `--class-budget: unknown asset class "${name ?? ''}" (classes: ${ASSET_CLASSES.join(', ')})`
        );
      }
      amounts[name.trim() as AssetClass] = numberFlag(
        value,
        `--class-budget ${name.trim()}`,
        0,
        1e15
      );
    }
    budget = { kind: 'per_class', amounts };
  }
  let target: SolveTarget | null = null;
  if (flags.solve !== undefined) {
    if (budget)
      throw new UsageError(
        '--solve finds the budget: do not give --budget or --budget-file with it'
      );
    const match = /^(?:(clear-backlog|max-past-life):(\d+(?:\.\d+)?)|(hold-condition))$/.exec(
      String(flags.solve)
    );
    if (!match)
      throw new UsageError(
        `--solve must be clear-backlog:YEAR, max-past-life:PERCENT or hold-condition, got "${String(flags.solve)}"`
      );
    target = match[3]
      ? { kind: 'hold-condition' }
      : match[1] === 'clear-backlog'
        ? { kind: 'clear-backlog', year: Number(match[2]) }
        : { kind: 'max-past-life', percent: Number(match[2]) };
    if (
      target.kind === 'clear-backlog' &&
      (target.year < startYear || target.year >= startYear + years)
    ) {
      throw new UsageError(
        `--solve clear-backlog:${target.year} is outside the horizon ${startYear}–${startYear + years - 1}`
      );
    }
    budget = { kind: 'flat', amount: 0 }; // replaced by the solver's answer below
  }
  // The stochastic mode: N samples of Weibull lives, with or without a budget.
  if (flags.samples !== undefined) {
    const clash = ['solve', 'priority', 'force', 'condition-model'].find(
      (f) => flags[f] !== undefined
    );
    if (clash) throw new UsageError(`--${clash} cannot be used with --samples`);
    const samples = intFlag(flags.samples, '--samples', 1, 100_000, 1);
    const seed = intFlag(flags.seed, '--seed', 0, 2 ** 32 - 1, 1);
    const shapes = flags.shapes === undefined ? undefined : parseShapes(String(flags.shapes));
    const result = simulateSamples(assets, standard, {
      startYear,
      years,
      inflation,
      overrides,
      budget: budget ?? { kind: 'none' },
      carryOver: flags['carry-over'] === true,
      escalation:
        flags.escalation === undefined ? 0 : numberFlag(flags.escalation, '--escalation', 0, 1),
      samples,
      seed,
      shapes
    });
    if (format === 'csv') process.stdout.write(formatStochasticCsv(result));
    else if (format === 'json')
      process.stdout.write(
        JSON.stringify({ standard: standard.key, startYear, budget, ...result }) + '\n'
      );
    else
      process.stdout.write(
        formatStochasticTable(
          result,
          `${standard.nameJa} / ${standard.nameEn} — ${assets.length} assets, ${startYear}–${startYear + years - 1}`
        )
      );
    return;
  }
  if (flags.seed !== undefined || flags.shapes !== undefined)
    throw new UsageError(`--${flags.seed !== undefined ? 'seed' : 'shapes'} needs --samples`);

  const budgetOnly = ['carry-over', 'escalation', 'priority', 'force', 'condition-model'].filter(
    (f) => flags[f] !== undefined
  );
  if (!budget && budgetOnly.length > 0)
    throw new UsageError(`--${budgetOnly[0]} needs --budget or --budget-file`);

  if (budget) {
    const priority =
      flags.priority === undefined
        ? null
        : (() => {
            const parsed = parsePriority(readJson(String(flags.priority), '--priority'));
            if (!parsed.ok)
              throw new UsageError(
                `--priority ${String(flags.priority)}: ${parsed.errors.join('; ')}`
              );
            return parsed.priority;
          })();
    const loopOptions = {
      startYear,
      years,
      inflation,
      overrides,
      carryOver: flags['carry-over'] === true,
      escalation:
        flags.escalation === undefined ? 0 : numberFlag(flags.escalation, '--escalation', 0, 1),
      weights: priority?.weights,
      safetyTierImportance: priority?.safetyTierImportance ?? null,
      conditionModel:
        flags['condition-model'] === undefined
          ? undefined
          : (() => {
              const file = String(flags['condition-model']);
              const data = readJson(file, '--condition-model') as {
                kind?: unknown;
                matrices?: unknown;
              };
              if (
                data?.kind !== 'markov' ||
                typeof data.matrices !== 'object' ||
                data.matrices === null
              ) {
                throw new UsageError(
                  `--condition-model ${file}: expected {"kind":"markov","matrices":{"building":[[…]],"bridge":[[…]]}}`
                );
              }
              return data as MarkovModel;
            })(),
      forced:
        flags.force === undefined
          ? []
          : String(flags.force)
              .split(',')
              .map((part) => {
                const match = /^(.+):(\d{4})$/.exec(part.trim());
                if (!match) throw new UsageError(`--force takes CODE:YEAR pairs, got "${part}"`);
                return { assetCode: match[1]!, year: Number(match[2]) };
              })
    };
    let run;
    if (target) {
      const solved = solveBudget(assets, standard, loopOptions, target);
      budget = { kind: 'flat', amount: solved.budget };
      run = solved.run;
      const goal =
        target.kind === 'clear-backlog'
          ? `clear the backlog by ${target.year}`
          : target.kind === 'hold-condition'
            ? 'hold the average condition of buildings and bridges'
            : `keep assets past their life at or under ${target.percent} %`;
      console.error(
        `solver: ${(solved.budget / 1e8).toFixed(2)} 億円 a year is the smallest flat budget to ${goal} (within ${solved.tolerance * 100} %, ${solved.iterations} runs)`
      );
    } else {
      run = simulateBudget(assets, standard, { ...loopOptions, budget });
    }
    const key = summarizeBudget(run, discount);
    if (format === 'csv')
      process.stdout.write(formatBudgetCsv(projectionRows(run.funded), run.years));
    else if (format === 'json')
      process.stdout.write(
        JSON.stringify({
          standard: standard.key,
          startYear,
          years,
          budget,
          summary: key,
          yearly: run.years,
          rows: projectionRows(run.funded),
          outcomes: run.outcomes
        }) + '\n'
      );
    else
      process.stdout.write(
        formatBudgetTable(
          run.years,
          key,
          `${standard.nameJa} / ${standard.nameEn} — ${assets.length} assets, ${startYear}–${startYear + years - 1}, ${budget.kind === 'flat' ? `budget ${(budget.amount / 1e8).toFixed(2)} 億円/year` : budget.kind === 'per_class' ? 'budget per asset class' : 'budget per year from file'}`
        )
      );
    return;
  }

  const result = projectRenewals(assets, standard, {
    startYear,
    years,
    inflation,
    overrides,
    detail: format === 'json'
  });
  const summary = summarizeProjection(result, { discount, referenceInvestment: reference });

  if (format === 'csv') {
    process.stdout.write(formatProjectionCsv(projectionRows(result)));
  } else if (format === 'json') {
    process.stdout.write(
      JSON.stringify({
        standard: standard.key,
        startYear,
        years,
        inflation,
        discount,
        summary,
        rows: projectionRows(result),
        works: result.works
      }) + '\n'
    );
  } else {
    process.stdout.write(
      formatProjectionTable(
        result,
        summary,
        `${standard.nameJa} / ${standard.nameEn} — ${assets.length} assets, ${startYear}–${startYear + years - 1}`
      )
    );
  }
});
