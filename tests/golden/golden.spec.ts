/**
 * Golden tests: each folder under tests/golden/ holds an `input.json` and the `expected.csv` it
 * must produce. To accept an intended change, regenerate deliberately with
 * `REGEN=1 npx vitest run tests/golden` and review the diff of the CSV files before committing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorAreaByYear } from '../../src/lib/engine/floor-area-by-year';
import { generateDemoCity } from '../../src/lib/server/seed/demo-city';

interface GoldenInput {
  description: string;
  kind: 'demo-city-floor-area';
  seed: number;
  asOfYear: number;
}

const GOLDEN_DIR = path.resolve('tests/golden');

/** Runs one case to its CSV output. */
function produce(input: GoldenInput): string {
  switch (input.kind) {
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
      const input = JSON.parse(fs.readFileSync(path.join(folder, 'input.json'), 'utf8')) as GoldenInput;
      const actual = produce(input);
      const expectedFile = path.join(folder, 'expected.csv');
      if (process.env.REGEN === '1') {
        fs.writeFileSync(expectedFile, actual);
        return;
      }
      if (!fs.existsSync(expectedFile)) {
        throw new Error(`${expectedFile} is missing: create it with REGEN=1 npx vitest run tests/golden`);
      }
      const expected = fs.readFileSync(expectedFile, 'utf8');
      expect(
        actual,
        `output of golden case "${name}" changed. If the change is intended, run ` +
          '`REGEN=1 npx vitest run tests/golden` and review the CSV diff before committing.'
      ).toBe(expected);
    });
  }
});
