/**
 * Golden tests: each folder under tests/golden/ holds an `input.json` (and for projections an
 * `assets.csv` in Hozen's asset CSV format) and the `expected.csv` it must produce. Lines starting
 * with `#` in expected.csv are comments: the hand-derived cases explain every number there.
 *
 * Hand-derived cases (`"handDerived": true`) are never regenerated: a difference is a bug in the
 * engine or in the derivation, to be settled by reading the rules. Other cases pin a larger output
 * (the demo city); to accept an intended change, run `REGEN=1 npx vitest run tests/golden` and
 * review the diff of the CSV files before committing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorAreaByYear } from '../../src/lib/engine/floor-area-by-year';
import { projectRenewals, projectionRows } from '../../src/lib/engine/projection';
import { BUILTIN_STANDARDS } from '../../src/lib/engine/standards/index';
import { parseOverrides } from '../../src/lib/engine/overrides-schema';
import { parseAssetCsv } from '../../src/lib/io/asset-csv';
import { formatProjectionCsv } from '../../src/lib/io/projection-csv';
import { generateDemoCity } from '../../src/lib/demo-city/demo-city';
import { simulateBudget, type Budget } from '../../src/lib/engine/simulate-budget';
import { demoCityEngineAssets } from '../../src/lib/demo-city/demo-city-assets';

type GoldenInput = { description: string; handDerived?: boolean } & (
  | { kind: 'demo-city-floor-area'; seed: number; asOfYear: number }
  | { kind: 'projection'; standard: string; startYear: number; years: number; overrides?: unknown }
  | {
      kind: 'demo-city-projection';
      seed: number;
      standard: string;
      startYear: number;
      years: number;
    }
  | {
      kind: 'budget';
      standard: string;
      startYear: number;
      years: number;
      budget: Budget;
      /** Importance (1–5) by asset code; the asset CSV has no importance column. */
      importance?: Record<string, number>;
    }
);

const GOLDEN_DIR = path.resolve('tests/golden');

/** Runs one case to its CSV output. */
function produce(input: GoldenInput, folder: string): string {
  switch (input.kind) {
    case 'projection': {
      const file = path.join(folder, 'assets.csv');
      const parsed = parseAssetCsv(fs.readFileSync(file, 'utf8'), file);
      if (!parsed.ok) throw new Error(`bad golden input: ${JSON.stringify(parsed.errors)}`);
      const overrides = parseOverrides(input.overrides ?? []);
      if (!overrides.ok) throw new Error(`bad golden overrides: ${overrides.errors.join('; ')}`);
      const result = projectRenewals(parsed.assets, BUILTIN_STANDARDS[input.standard]!, {
        startYear: input.startYear,
        years: input.years,
        overrides: overrides.overrides
      });
      return formatProjectionCsv(projectionRows(result));
    }
    case 'budget': {
      const file = path.join(folder, 'assets.csv');
      const parsed = parseAssetCsv(fs.readFileSync(file, 'utf8'), file);
      if (!parsed.ok) throw new Error(`bad golden input: ${JSON.stringify(parsed.errors)}`);
      const assets = parsed.assets.map((a) => ({
        ...a,
        importance: input.importance?.[a.code] ?? 3
      }));
      const run = simulateBudget(assets, BUILTIN_STANDARDS[input.standard]!, {
        startYear: input.startYear,
        years: input.years,
        budget: input.budget
      });
      const lines = [
        'fiscal_year,budget_yen,needed_yen,funded_yen,backlog_yen,backlog_count,past_life_count'
      ];
      for (const y of run.years) {
        const budget = Number.isFinite(y.budget) ? String(Math.round(y.budget)) : '';
        lines.push(
          [
            y.fiscalYear,
            budget,
            Math.round(y.needed),
            Math.round(y.funded),
            Math.round(y.backlogYen),
            y.backlogCount,
            y.pastLifeCount
          ].join(',')
        );
      }
      return lines.join('\n') + '\n';
    }
    case 'demo-city-projection': {
      const result = projectRenewals(
        demoCityEngineAssets(generateDemoCity(input.seed)),
        BUILTIN_STANDARDS[input.standard]!,
        {
          startYear: input.startYear,
          years: input.years
        }
      );
      return formatProjectionCsv(projectionRows(result));
    }
    case 'demo-city-floor-area': {
      const city = generateDemoCity(input.seed);
      const rows = city.assets
        .filter((a) => a.asset_class === 'building')
        .map((a) => ({ yearBuilt: a.year_built, category: a.category, area: a.quantity }));
      const result = floorAreaByYear(rows, input.asOfYear);
      const lines = [['fiscal_year', ...result.series.map((s) => s.category)].join(',')];
      result.years.forEach((year, i) => {
        lines.push([year, ...result.series.map((s) => (s.values[i] ?? 0).toFixed(2))].join(','));
      });
      lines.push(`# total_m2,${result.totalArea.toFixed(2)}`);
      lines.push(`# old_seismic_code_m2,${result.oldSeismicCodeArea.toFixed(2)}`);
      lines.push(`# older_than_30_m2,${result.olderThan30Area.toFixed(2)}`);
      return lines.join('\n') + '\n';
    }
  }
}

const cases = fs
  .readdirSync(GOLDEN_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden cases', () => {
  it('has at least one case', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = path.join(GOLDEN_DIR, name);
      const input = JSON.parse(
        fs.readFileSync(path.join(folder, 'input.json'), 'utf8')
      ) as GoldenInput;
      const actual = produce(input, folder);
      const expectedFile = path.join(folder, 'expected.csv');
      if (process.env.REGEN === '1' && !input.handDerived) {
        fs.writeFileSync(expectedFile, actual);
        return;
      }
      if (!fs.existsSync(expectedFile)) {
        throw new Error(
          `${expectedFile} is missing: create it with REGEN=1 npx vitest run tests/golden`
        );
      }
      const withoutComments = (text: string) =>
        text
          .split('\n')
          .filter((line) => !line.startsWith('#'))
          .join('\n');
      const expected = withoutComments(fs.readFileSync(expectedFile, 'utf8'));
      expect(
        withoutComments(actual),
        input.handDerived
          ? `golden case "${name}" is derived by hand (see the comments in expected.csv): fix the engine or the derivation`
          : `output of golden case "${name}" changed. If the change is intended, run ` +
              '`REGEN=1 npx vitest run tests/golden` and review the CSV diff before committing.'
      ).toBe(expected);
    });
  }
});
