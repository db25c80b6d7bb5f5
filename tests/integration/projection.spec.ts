/**
 * The projection end to end: from the seeded database and from asset CSV files through
 * `npm run project`, and the demo city's headline against what published plans report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { listEngineAssets } from '../../src/lib/server/repositories/assets.repository';
import {
  ensureBuiltinStandards,
  getStandard,
  saveCustomStandard
} from '../../src/lib/server/repositories/standards.repository';
import { projectRenewals } from '../../src/lib/engine/projection';
import { summarizeProjection } from '../../src/lib/engine/projection-summary';
import { soumu } from '../../src/lib/engine/standards/soumu';
import { longevity } from '../../src/lib/engine/standards/longevity';
import { generateDemoCity } from '../../src/lib/demo-city/demo-city';
import { demoCityEngineAssets } from '../../src/lib/demo-city/demo-city-assets';
import { formatAssetCsv } from '../../src/lib/io/asset-csv';
import { tempDir, testDatabase, testTarget } from './helpers/temp-db';

const dir = tempDir();
const demo = await testTarget('demo');
const standards = await testTarget('standards');

function project(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/project.ts', ...args],
    {
      env: { ...process.env, ...demo.env, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024
    }
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

beforeAll(async () => {
  const db = await demo.open();
  await migrateToLatest(db);
  await ensureBuiltinStandards(db, '2026-04-01T00:00:00Z');
  await seedDemoCity(db);
  await db.destroy();
});

describe('the demo city projection', () => {
  const assets = demoCityEngineAssets(generateDemoCity());
  const floorArea = assets
    .filter((a) => a.assetClass === 'building')
    .reduce((sum, a) => sum + a.quantity, 0);

  it('reads the same assets from the database as the generator made', async () => {
    const db = await demo.open();
    const fromDb = await listEngineAssets(db);
    await db.destroy();
    const sorted = [...assets].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(fromDb).toEqual(sorted);
  });

  it('costs its buildings 40–55万円 per ㎡ over 40 years, like the plans of real cities (docs/standards.md §4, §7)', () => {
    const summary = summarizeProjection(
      projectRenewals(assets, soumu, { startYear: 2026, years: 40 })
    );
    const perM2 = summary.byClass.building! / floorArea;
    // Published: 1,074.5億円 for 27.2万㎡ (39.5万円/㎡) and 3,651億円 for 68.8万㎡ (53.1万円/㎡).
    expect(perM2).toBeGreaterThan(390_000);
    expect(perM2).toBeLessThan(560_000);
    // Annual building renewal per ㎡: 26.9億円 / 27.2万㎡ ≈ 9,900 円; 93.6億円 / 68.8万㎡ ≈ 13,600 円.
    const yearlyPerM2 = summary.byClass.building! / 40 / floorArea;
    expect(yearlyPerM2).toBeGreaterThan(9_000);
    expect(yearlyPerM2).toBeLessThan(14_000);
  });

  it('costs less under longevity than under soumu, with fewer rebuilds', () => {
    const a = summarizeProjection(projectRenewals(assets, soumu, { startYear: 2026, years: 40 }));
    const b = summarizeProjection(
      projectRenewals(assets, longevity, { startYear: 2026, years: 40 })
    );
    expect(b.byClass.building!).toBeLessThan(a.byClass.building!);
    expect(b.byWorkType.rebuild + b.byWorkType.backlog_rebuild).toBeLessThan(
      a.byWorkType.rebuild + a.byWorkType.backlog_rebuild
    );
    // Infrastructure follows the same rules in both.
    expect(b.byClass.road).toBe(a.byClass.road);
    expect(b.byClass.water_pipe).toBe(a.byClass.water_pipe);
  });
});

describe('npm run project', () => {
  it('prints the long-format CSV from the database, matching the engine to the yen', () => {
    const { status, stdout } = project(['--format', 'csv', '--start', '2026', '--years', '40']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('fiscal_year,asset_class,category,work_type,cost_yen');
    const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[4]), 0);
    const expected = summarizeProjection(
      projectRenewals(demoCityEngineAssets(generateDemoCity()), soumu, {
        startYear: 2026,
        years: 40
      })
    ).total;
    expect(Math.abs(total - expected)).toBeLessThan(lines.length); // at most half a yen of rounding per row
  });

  it('prints a table with the summary in 億円 and the ratio to a reference investment', () => {
    const { status, stdout } = project([
      '--standard',
      'longevity',
      '--years',
      '10',
      '--reference-investment',
      '7510000000'
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/長寿命化/);
    expect(stdout).toMatch(/年平均 annual average: [\d.]+ 億円/);
    expect(stdout).toMatch(/直近の投資的経費 reference investment: 75\.10 億円\/年 → [\d.]+倍/);
  });

  it("projects an asset CSV without a database and lists every asset's works in JSON", () => {
    const file = path.join(dir, 'assets.csv');
    fs.writeFileSync(
      file,
      '\uFEFFcode,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,extra\r\n' +
        'A1,school,building,school,1996,100,m2,rc,,,,ignored\r\nB1,bridge,bridge,,,100,m2,,,,,\r\n'
    );
    const { status, stdout } = project(
      ['--assets', file, '--format', 'json', '--start', '2026', '--years', '3'],
      { HOZEN_DB: path.join(dir, 'never.sqlite'), DATABASE_URL: '' }
    );
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    // A1: renovation 2026 over 2 years: 100 × 170,000 = 17,000,000 in the horizon. B1: 100 × 448,000 ÷ 60 × 3 years.
    expect(out.works.filter((w: { assetCode: string }) => w.assetCode === 'A1')).toEqual([
      expect.objectContaining({
        workType: 'renovation',
        dueYear: 2026,
        spreadYears: 2,
        quantity: 100,
        unitCost: 170_000,
        cost: 17_000_000
      })
    ]);
    expect(out.summary.total).toBeCloseTo(17_000_000 + (100 * 448_000 * 3) / 60, 4);
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('reports every bad row of an asset CSV (file, row, column, reason) and exits with 2', () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind\n' +
        'A1,ok,building,school,1980,100,m2,rc,,,\n' +
        'A2,bad category,building,schools,1980,100,m2,,,,\n' +
        'A1,duplicate,road,general,,10,m2,,,,\n' +
        'P1,no diameter,water_pipe,,1990,-5,m,,,,mains\n' +
        'X1,bad class,tunnel,,,1,m,,,,\n'
    );
    const { status, stdout, stderr } = project(['--assets', file, '--format', 'csv']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines).toContain(
      `${file}:3: column category: must be a 総務省 use category: civic_culture | social_education | sports_recreation | industry | school | childcare | health_welfare | medical | administration | public_housing | park | utility_plant | other (value "schools")`
    );
    expect(lines).toContain(`${file}:4: column code: appears again (first on row 2) (value "A1")`);
    expect(lines).toContain(`${file}:5: column quantity: must be a number ≥ 0 (value "-5")`);
    expect(lines).toContain(
      `${file}:5: column diameter_mm: is required for water pipes (the unit cost depends on it)`
    );
    expect(lines).toContain(
      `${file}:5: column pipe_kind: must be one of conveyance | distribution (value "mains")`
    );
    expect(lines).toContain(
      `${file}:6: column class: must be one of building | road | bridge | water_pipe | sewer_pipe (value "tunnel")`
    );
    expect(lines.at(-1)).toBe(`hozen: 6 problem(s) in ${file}; nothing was projected`);
  });

  it('refuses a missing header column, unknown standards and bad flags with one line', () => {
    const file = path.join(dir, 'no-unit.csv');
    fs.writeFileSync(file, 'code,name,class,category,year_built,quantity\nA,b,road,general,,1\n');
    let r = project(['--assets', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${file}:1: column unit, structure, material, diameter_mm, pipe_kind: missing column(s)`
    );
    r = project(['--standard', 'nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('hozen: unknown standard "nope"');
    r = project(['--years', '0']);
    expect(r.stderr).toBe('hozen: --years must be an integer from 1 to 200, got "0"');
    r = project(['--format', 'xml']);
    expect(r.stderr).toBe('hozen: --format must be table, csv or json, got "xml"');
  });

  it('round-trips the demo city through the asset CSV format to the same projection', () => {
    const assets = demoCityEngineAssets(generateDemoCity());
    const file = path.join(dir, 'demo-assets.csv');
    fs.writeFileSync(file, formatAssetCsv(assets));
    const fromCsv = project(['--assets', file, '--format', 'csv', '--start', '2026']);
    const fromDb = project(['--format', 'csv', '--start', '2026']);
    expect(fromCsv.status).toBe(0);
    expect(fromCsv.stdout).toBe(fromDb.stdout);
  });
});

describe('custom standards', () => {
  it('stores an edited copy, refuses an invalid one, and projects with it', async () => {
    const db = await demo.open();
    const copy = structuredClone(soumu);
    copy.key = 'soumu-school-35';
    copy.nameJa = '総務省（学校35万円）';
    copy.buildings.unitCosts.school = { rebuild: 350_000, renovation: 180_000 };
    await saveCustomStandard(db, copy, {
      basedOn: 'soumu',
      now: '2026-05-01T00:00:00Z',
      username: 'test'
    });
    expect(await getStandard(db, 'soumu-school-35')).toEqual(copy);
    const bad = {
      ...structuredClone(soumu),
      key: 'broken',
      roads: { cycleYears: 0, unitCosts: { general: -1, cycle_pedestrian: 1 }, source: '' }
    };
    await expect(
      saveCustomStandard(db, bad, { basedOn: 'soumu', now: 'x', username: null })
    ).rejects.toThrow(/roads\.cycleYears/);
    await expect(
      saveCustomStandard(db, copy, { basedOn: 'soumu', now: 'x', username: null })
    ).rejects.toThrow(/already exists/);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'standard')
      .execute();
    expect(audit).toHaveLength(1);
    await db.destroy();
    const r = project(['--standard', 'soumu-school-35', '--years', '5']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('総務省（学校35万円）');
  });
});

describe('npm run standard', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/standard.ts', ...args], {
      env: { ...process.env, ...standards.env },
      encoding: 'utf8'
    });

  it('shows a standard as JSON, saves an edited copy once, and lists it', () => {
    const shown = run(['show', 'longevity']);
    expect(shown.status).toBe(0);
    const standard = JSON.parse(shown.stdout);
    expect(standard.buildings.defaultLifecycle).toBe('extended');
    standard.key = 'longevity-70';
    standard.buildings.extended.rebuildAge = 70;
    const file = path.join(dir, 'longevity-70.json');
    fs.writeFileSync(file, JSON.stringify(standard));
    const saved = run(['save', file, '--based-on', 'longevity']);
    expect(saved.stdout).toContain('saved standard "longevity-70"');
    const again = run(['save', file]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(
      'hozen: a standard with the key "longevity-70" already exists'
    );
    expect(run(['list']).stdout.trim().split('\n')).toEqual(['soumu', 'longevity', 'longevity-70']);
    expect(JSON.parse(run(['show', 'longevity-70']).stdout).buildings.extended.rebuildAge).toBe(70);
  });
});

describe('npm run project with a budget (Engine II)', () => {
  it('prints the funded cost rows with the yearly needed, funded and backlog figures', () => {
    const { status, stdout } = project([
      '--format',
      'csv',
      '--start',
      '2026',
      '--years',
      '10',
      '--budget',
      '5000000000'
    ]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'fiscal_year,asset_class,category,work_type,cost_yen,needed_yen,funded_yen,backlog_yen,backlog_count'
    );
    const funded = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      funded.set(cells[0]!, Number(cells[6]));
      expect(Number(cells[6])).toBeLessThanOrEqual(5_000_000_000);
      expect(Number(cells[7])).toBeGreaterThan(0); // needed exceeds the cap: the backlog grows
    }
    expect([...funded.keys()]).toEqual(Array.from({ length: 10 }, (_, k) => String(2026 + k)));
  });

  it('reads a per-year budget file and reports its bad rows with exit 2', () => {
    const good = path.join(dir, 'budget.csv');
    fs.writeFileSync(good, 'fiscal_year,budget_yen\n2026,0\n2027,"8,000,000,000"\n');
    const ok = project([
      '--budget-file',
      good,
      '--start',
      '2026',
      '--years',
      '2',
      '--format',
      'json'
    ]);
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out.yearly.map((y: { funded: number }) => y.funded)[0]).toBe(0);
    expect(out.yearly[1].funded).toBeLessThanOrEqual(8e9);
    expect(out.summary.assetSustainabilityRatio).toBeLessThan(1);

    const bad = path.join(dir, 'bad-budget.csv');
    fs.writeFileSync(bad, 'fiscal_year,budget_yen\n2026,-5\n2031,1\n');
    const r = project(['--budget-file', bad, '--start', '2026', '--years', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `${bad}:2: column budget_yen: must be an amount of yen ≥ 0 (value "-5")`,
      `${bad}:3: column fiscal_year: is outside the horizon 2026–2027 (value "2031")`,
      `${bad}: no budget for fiscal year 2026`,
      `${bad}: no budget for fiscal year 2027`,
      `hozen: 4 problem(s) in ${bad}; nothing was projected`
    ]);
  });

  it('refuses budget options without a budget', () => {
    const r = project(['--carry-over']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('hozen: --carry-over needs --budget or --budget-file');
  });
});

describe('npm run project --solve', () => {
  it('finds the smallest flat budget that clears the backlog by a year, and prints its run', () => {
    const r = project([
      '--solve',
      'clear-backlog:2030',
      '--start',
      '2026',
      '--years',
      '10',
      '--format',
      'json'
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^solver: [\d.]+ 億円 a year is the smallest flat budget to clear the backlog by 2030 \(within 0\.5 %, \d+ runs\)$/
    );
    const out = JSON.parse(r.stdout);
    expect(out.budget.kind).toBe('flat');
    expect(out.yearly.find((y: { fiscalYear: number }) => y.fiscalYear === 2030).backlogCount).toBe(
      0
    );
  });

  it('refuses a malformed target or one outside the horizon', () => {
    expect(project(['--solve', 'clear:2030']).stderr).toBe(
      'hozen: --solve must be clear-backlog:YEAR, max-past-life:PERCENT or hold-condition, got "clear:2030"'
    );
    expect(project(['--solve', 'clear-backlog:2090', '--start', '2026']).stderr).toBe(
      'hozen: --solve clear-backlog:2090 is outside the horizon 2026–2065'
    );
    expect(project(['--solve', 'max-past-life:5', '--budget', '1']).stderr).toBe(
      'hozen: --solve finds the budget: do not give --budget or --budget-file with it'
    );
  });
});

describe('npm run project --class-budget', () => {
  it('funds each asset class from its own yearly amount', () => {
    const r = project([
      '--class-budget',
      'building:3000000000,road:1000000000',
      '--start',
      '2026',
      '--years',
      '3',
      '--format',
      'csv'
    ]);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    for (const year of ['2026', '2027', '2028']) {
      const byClass = (cls: string) =>
        rows.filter((c) => c[0] === year && c[1] === cls).reduce((sum, c) => sum + Number(c[4]), 0);
      expect(byClass('building')).toBeLessThanOrEqual(3_000_000_000 + 1);
      expect(byClass('road')).toBeLessThanOrEqual(1_000_000_000 + 1);
      expect(byClass('bridge') + byClass('water_pipe') + byClass('sewer_pipe')).toBe(0);
    }
  });

  it('names an unknown class', () => {
    expect(project(['--class-budget', 'tunnel:5']).stderr).toBe(
      'hozen: --class-budget: unknown asset class "tunnel" (classes: building, road, bridge, water_pipe, sewer_pipe)'
    );
  });
});

describe('npm run project --force', () => {
  it('funds a forced work under a zero budget and names a bad code', () => {
    const r = project([
      '--budget',
      '0',
      '--force',
      'F0001-01:2027',
      '--start',
      '2026',
      '--years',
      '3',
      '--format',
      'json'
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.yearly[0].funded).toBe(0);
    expect(out.yearly[1].funded).toBeGreaterThan(0);
    expect(
      out.outcomes
        .filter((o: { fundedYear: number | null }) => o.fundedYear !== null)
        .map((o: { assetCode: string }) => o.assetCode)
    ).toEqual(['F0001-01']);
    expect(project(['--budget', '0', '--force', 'NOPE:2027']).stderr).toBe(
      'hozen: forced work: no asset with the code "NOPE"'
    );
  });
});

describe('npm run project --condition-model', () => {
  it('moves building grades along a Markov chain and checks the matrix', () => {
    const model = path.join(dir, 'markov.json');
    fs.writeFileSync(
      model,
      JSON.stringify({
        kind: 'markov',
        matrices: {
          building: [
            [0.9, 0.1, 0, 0],
            [0, 0.85, 0.15, 0],
            [0, 0, 0.8, 0.2],
            [0, 0, 0, 1]
          ]
        }
      })
    );
    const r = project([
      '--budget',
      '0',
      '--condition-model',
      model,
      '--start',
      '2026',
      '--years',
      '3',
      '--format',
      'json'
    ]);
    expect(r.status).toBe(0);
    const yearly = JSON.parse(r.stdout).yearly as { condition: Record<string, number> }[];
    // Without money no building gets better: the expected count of D only grows.
    expect(yearly[1]!.condition.D!).toBeGreaterThan(yearly[0]!.condition.D!);
    expect(yearly[2]!.condition.D!).toBeGreaterThan(yearly[1]!.condition.D!);
    const bad = path.join(dir, 'bad-markov.json');
    fs.writeFileSync(bad, JSON.stringify({ kind: 'markov', matrices: { building: [[1]] } }));
    expect(project(['--budget', '0', '--condition-model', bad]).stderr).toBe(
      'hozen: condition model: building: needs 4 rows (A, B, C, D)'
    );
  });
});

describe('npm run project --samples', () => {
  const args = ['--start', '2026', '--years', '20', '--budget', '10000000000', '--format', 'csv'];

  it('prints P10/P50/P90 bands per year, the same for the same seed', () => {
    const a = project([...args, '--samples', '40', '--seed', '3']);
    expect(a.status).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'fiscal_year,cost_p10,cost_p50,cost_p90,cost_mean,funded_p10,funded_p50,funded_p90,funded_mean,backlog_p10,backlog_p50,backlog_p90,backlog_mean'
    );
    expect(lines).toHaveLength(21);
    for (const line of lines.slice(1)) {
      const [, c10, c50, c90, , f10, , f90] = line.split(',').map(Number);
      expect(c10!).toBeLessThanOrEqual(c50!);
      expect(c50!).toBeLessThanOrEqual(c90!);
      expect(f90!).toBeLessThanOrEqual(10_000_000_000);
      expect(f10!).toBeLessThanOrEqual(f90!);
    }
    // The demo city's pipes and buildings spread: some year's cost band is wide.
    expect(
      lines.slice(1).some((line) => {
        const [, c10, , c90] = line.split(',').map(Number);
        return c90! > c10! * 1.02;
      })
    ).toBe(true);
    expect(project([...args, '--samples', '40', '--seed', '3']).stdout).toBe(a.stdout);
    expect(project([...args, '--samples', '40', '--seed', '4']).stdout).not.toBe(a.stdout);
  });

  it('keeps a class on fixed ages with shape 0, and names bad flags', () => {
    const fixed = project([
      ...args,
      '--samples',
      '5',
      '--shapes',
      'building:0,bridge:0,water_pipe:0,sewer_pipe:0'
    ]);
    expect(fixed.status).toBe(0);
    for (const line of fixed.stdout.trim().split('\n').slice(1)) {
      const [, c10, c50, c90] = line.split(',');
      expect(c10).toBe(c50);
      expect(c50).toBe(c90);
    }
    expect(project(['--samples', '5', '--shapes', 'road:2']).stderr).toBe(
      'hozen: --shapes: road: renewed by a yearly share, it has no life to draw'
    );
    expect(project(['--samples', '0']).stderr).toBe(
      'hozen: --samples must be an integer from 1 to 100000, got "0"'
    );
    expect(project(['--seed', '3']).stderr).toBe('hozen: --seed needs --samples');
    expect(project(['--samples', '5', '--solve', 'hold-condition']).stderr).toBe(
      'hozen: --solve cannot be used with --samples'
    );
  });
});

describe('built-in standards in the database', () => {
  it('are written once and left alone while their definition is unchanged', async () => {
    const db = await testDatabase('builtin');
    await migrateToLatest(db);
    await ensureBuiltinStandards(db, '2026-04-01T00:00:00Z');
    await ensureBuiltinStandards(db, '2026-05-01T00:00:00Z');
    const rows = await db
      .selectFrom('standards')
      .select(['key', 'updated_at'])
      .orderBy('key')
      .execute();
    expect(rows).toEqual([
      { key: 'longevity', updated_at: '2026-04-01T00:00:00Z' },
      { key: 'soumu', updated_at: '2026-04-01T00:00:00Z' }
    ]);
    // A changed definition (here: the stored copy is stale) is refreshed.
    await db.updateTable('standards').set({ params: '{}' }).where('key', '=', 'soumu').execute();
    await ensureBuiltinStandards(db, '2026-06-01T00:00:00Z');
    const soumuRow = await db
      .selectFrom('standards')
      .select(['params', 'updated_at'])
      .where('key', '=', 'soumu')
      .executeTakeFirstOrThrow();
    expect(soumuRow.updated_at).toBe('2026-06-01T00:00:00Z');
    expect(JSON.parse(soumuRow.params!).key).toBe('soumu');
    await db.destroy();
  });
});
