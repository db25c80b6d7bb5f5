/** Scenarios against the seeded demo city: presets, edits with versions, runs and their cache. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { projectRenewals } from '../../src/lib/engine/projection';
import { simulateBudget } from '../../src/lib/engine/simulate-budget';
import { soumu } from '../../src/lib/engine/standards/soumu';
import { listEngineAssets } from '../../src/lib/server/repositories/assets.repository';
import {
  copyScenario,
  createFromPreset,
  deleteScenario,
  getScenario,
  listScenarios,
  runScenario,
  ScenarioError,
  updateScenario
} from '../../src/lib/server/services/scenarios.service';
import { recordCard, recordInspection } from '../../src/lib/server/services/record-card.service';
import { withHazardZones } from '../../src/lib/server/services/map-index.service';
import { DEMO_RECENT_INVESTMENT_YEN } from '../../src/lib/server/seed/demo-city';
import { projectionCsv } from '../../src/lib/server/services/export.service';
import {
  scenarioExportOptions,
  solveScenario
} from '../../src/lib/server/services/scenarios.service';
import { tempDir } from './helpers/temp-db';

const db = openDatabase(path.join(tempDir(), 'scenarios.sqlite'));
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});
const who = { username: 'finance', now: '2026-11-27T12:00:00Z' };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('scenarios', () => {
  it('runs the national baseline exactly as Engine I does, and caches the run', async () => {
    const id = await createFromPreset(db, 'baseline', who);
    const scenario = (await getScenario(db, id))!;
    expect(scenario).toMatchObject({ standard: 'soumu', startYear: 2026, years: 40 });
    const first = await runScenario(db, id);
    expect(first.cached).toBe(false);
    const engine = projectRenewals(await listEngineAssets(db), soumu, {
      startYear: 2026,
      years: 40
    });
    expect(first.result.need).toEqual(engine.totalsByYear);
    expect(first.result.headline.total).toBeCloseTo(sum(engine.totalsByYear), 0);
    expect(first.result.headline.ratioToReference).toBeCloseTo(
      sum(engine.totalsByYear) / 40 / DEMO_RECENT_INVESTMENT_YEN,
      9
    );
    // The work-type series add up to the yearly totals.
    const stacked = first.result.need.map((_, k) =>
      sum(Object.values(first.result.byWorkType).map((v) => v[k]!))
    );
    stacked.forEach((v, k) => expect(v).toBeCloseTo(engine.totalsByYear[k]!, 0));
    // So do the asset-class and the use-category splits; buildings' categories sum to the class.
    for (const split of [first.result.byClass, first.result.byUse])
      first.result.need.forEach((need, k) =>
        expect(sum(Object.values(split).map((v) => v![k]!))).toBeCloseTo(need, 0)
      );
    const buildingUses = Object.entries(first.result.byUse).filter(
      ([key]) => !['road', 'bridge', 'water_pipe', 'sewer_pipe'].includes(key)
    );
    expect(buildingUses.length).toBeGreaterThan(3);
    first.result.byClass.building!.forEach((v, k) =>
      expect(sum(buildingUses.map(([, values]) => values[k]!))).toBeCloseTo(v, 0)
    );
    const second = await runScenario(db, id);
    expect(second.cached).toBe(true);
    expect(second.result).toEqual(first.result);
  });

  it('under the recent-investment cap, equals Engine II and shows a backlog', async () => {
    const id = await createFromPreset(db, 'capped', who);
    const scenario = (await getScenario(db, id))!;
    expect(scenario.params.budget).toEqual({ kind: 'flat', amount: DEMO_RECENT_INVESTMENT_YEN });
    const run = await runScenario(db, id);
    const engine = simulateBudget(await withHazardZones(db, await listEngineAssets(db)), soumu, {
      startYear: 2026,
      years: 40,
      budget: { kind: 'flat', amount: DEMO_RECENT_INVESTMENT_YEN }
    });
    expect(run.result.backlog).toEqual(engine.years.map((y) => y.backlogYen));
    expect(run.result.headline.backlogEnd).toBeGreaterThan(0);
    expect(run.result.headline.fundingGap).toBeGreaterThan(0);
    for (const spent of run.result.need.map((_, k) =>
      sum(Object.values(run.result.byWorkType).map((v) => v[k]!))
    ))
      expect(spent).toBeLessThanOrEqual(DEMO_RECENT_INVESTMENT_YEN + 1);
  });

  it('knows a result computed before the data changed is stale', async () => {
    const id = await createFromPreset(db, 'baseline', who);
    await runScenario(db, id);
    const card = (await recordCard(db, 'F0012'))!;
    const asset = card.assets[0]!;
    await recordInspection(
      db,
      {
        assetCode: asset.code,
        version: asset.version,
        inspectedOn: '2026-11-01',
        grade: 'D',
        soundness: null,
        inspector: null,
        note: null
      },
      who
    );
    const after = await runScenario(db, id);
    expect(after.cached).toBe(false);
    expect(after.previousWasStale).toBe(true);
    expect((await runScenario(db, id)).cached).toBe(true);
  });

  it('is edited with a version check, copied, deleted, and every change audited', async () => {
    const id = await createFromPreset(db, 'baseline', who);
    const s = (await getScenario(db, id))!;
    await updateScenario(
      db,
      id,
      s.version,
      { name: '予算 50億円', params: { ...s.params, budget: { kind: 'flat', amount: 5e9 } } },
      who
    );
    const edited = (await getScenario(db, id))!;
    expect(edited).toMatchObject({ name: '予算 50億円', version: s.version + 1 });
    await expect(updateScenario(db, id, s.version, { name: 'stale' }, who)).rejects.toMatchObject({
      status: 409
    });
    await expect(updateScenario(db, id, edited.version, { years: 0 }, who)).rejects.toBeInstanceOf(
      ScenarioError
    );
    expect((await getScenario(db, id))!.name).toBe('予算 50億円');
    const copy = await copyScenario(db, id, 'コピー', who);
    expect((await getScenario(db, copy))!.params).toEqual(edited.params);
    await deleteScenario(db, copy, 1, who);
    expect(await getScenario(db, copy)).toBeNull();
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'scenario')
      .where('entity_id', 'in', [String(id), String(copy)])
      .orderBy('id')
      .execute();
    expect(entries.map((e) => `${e.action} ${e.entity_id}`)).toEqual([
      `create ${id}`,
      `update ${id}`,
      `create ${copy}`,
      `delete ${copy}`
    ]);
    expect((await listScenarios(db)).some((x) => x.id === id)).toBe(true);
  });

  it('exports a scenario with the same numbers as its page', async () => {
    const id = await createFromPreset(db, 'capped', who);
    const s = (await getScenario(db, id))!;
    await updateScenario(db, id, s.version, { params: { ...s.params, inflation: 0.01 } }, who);
    const run = await runScenario(db, id);
    const csv = await projectionCsv(db, await scenarioExportOptions(db, id, 'ja'));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'fiscal_year,asset_class,category,work_type,cost_yen,needed_yen,funded_yen,backlog_yen,backlog_count'
    );
    const byYear = new Map<number, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      byYear.set(Number(cells[0]), (byYear.get(Number(cells[0])) ?? 0) + Number(cells[4]));
    }
    run.result.need.forEach((_, k) => {
      const spent = sum(Object.values(run.result.byWorkType).map((v) => v[k]!));
      expect(byYear.get(2026 + k) ?? 0).toBeCloseTo(spent, -1);
    });
  });

  it('finds the annual budget that clears the backlog by a year, and that budget does', async () => {
    const id = await createFromPreset(db, 'baseline', who);
    const solved = await solveScenario(db, id, 2035);
    expect(solved.budget).toBeGreaterThan(0);
    const s = (await getScenario(db, id))!;
    const at = async (amount: number) => {
      const current = (await getScenario(db, id))!;
      await updateScenario(
        db,
        id,
        current.version,
        { params: { ...s.params, budget: { kind: 'flat', amount } } },
        who
      );
      return (await runScenario(db, id)).result.backlog![2035 - 2026]!;
    };
    expect(await at(solved.budget)).toBe(0);
    expect(await at(solved.budget * 0.9)).toBeGreaterThan(0);
    await expect(solveScenario(db, id, 2099)).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a cap at the recent investment when the city has none recorded', async () => {
    await db.deleteFrom('settings').where('key', '=', 'recent_investment_yen').execute();
    const before = (await listScenarios(db)).length;
    await expect(createFromPreset(db, 'capped', who)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('recent annual investment is not known')
    });
    expect((await listScenarios(db)).length).toBe(before);
  });
});
