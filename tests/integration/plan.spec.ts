/** The plan cycle against the seeded demo city: versions, adoption, scenarios, works done. */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { listEngineAssets } from '../../src/lib/server/repositories/assets.repository';
import {
  addPlanItems,
  adoptPlanVersion,
  createPlanVersion,
  PlanError,
  updatePlanItem
} from '../../src/lib/server/services/plan.service';
import { planPage } from '../../src/lib/server/services/plan-reads.service';
import {
  importActuals,
  planVsActualPage,
  recordActual
} from '../../src/lib/server/services/actuals.service';
import { worksDone } from '../../src/lib/server/repositories/actuals.repository';
import {
  createFromPreset,
  getScenario,
  updateScenario
} from '../../src/lib/server/services/scenarios.service';
import { runScenario } from '../../src/lib/server/services/scenario-runs.service';
import {
  adoptConditionModel,
  adoptedConditionModel,
  conditionFits
} from '../../src/lib/server/services/condition-model.service';
import {
  setTargets,
  targetsPage,
  TargetError
} from '../../src/lib/server/services/targets.service';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('plan');
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});
const who = { username: 'editor', now: '2026-11-27T12:00:00Z' };
const enc = (text: string) => new TextEncoder().encode(text);

describe('the plan cycle', () => {
  it('an adopted plan gives a scenario the same figures as the same works typed by hand', async () => {
    const buildings = (await listEngineAssets(db)).filter(
      (a) => a.assetClass === 'building' && a.yearBuilt! > 1995
    );
    const codes = buildings.slice(0, 3).map((a) => a.code);
    const plan = await createPlanVersion(db, who, {
      name: 'test plan',
      fiscalYear: 2026,
      basedOn: null,
      note: null
    });
    expect(
      await addPlanItems(db, who, plan, {
        codes,
        level: 'asset',
        action: 'renovation',
        fiscalYear: 2028,
        costYen: null,
        intoFacility: null,
        reason: '外壁劣化'
      })
    ).toBe(3);
    await adoptPlanVersion(db, { ...who, username: 'admin' }, plan);

    const capped = async (params: object) => {
      const id = await createFromPreset(db, 'capped', who);
      const s = (await getScenario(db, id))!;
      await updateScenario(db, id, s.version, { params: { ...s.params, ...params } }, who);
      return (await runScenario(db, id)).result;
    };
    const fromPlan = await capped({ adoptedPlan: true });
    const byHand = await capped({
      committed: codes.map((assetCode) => ({ assetCode, year: 2028 }))
    });
    const plain = await capped({});
    expect(fromPlan).toEqual(byHand);
    // And the plan did change something: under the cap the works move to FY2028.
    expect(fromPlan.byWorkType).not.toEqual(plain.byWorkType);
  });

  it('shows conflicts, and refuses a change made on a stale page', async () => {
    const page = await planPage(db, null);
    expect(page.current!.status).toBe('adopted');
    const item = page.items.find((i) => i.reason === '外壁劣化')!;
    expect(item.plannedYen).toBeGreaterThan(0);
    expect(item.estimated).toBe(true);
    await addPlanItems(db, who, page.current!.id, {
      codes: [item.assetCode!],
      level: 'asset',
      action: 'repair',
      fiscalYear: 2028,
      costYen: 1_000_000,
      intoFacility: null,
      reason: null
    });
    const again = await planPage(db, page.current!.id);
    expect(again.conflicts.filter((c) => c.code === item.assetCode)).toMatchObject([
      { kind: 'same_year', year: 2028 }
    ]);
    await updatePlanItem(db, who, item.id, item.version, { fiscalYear: 2029 });
    await expect(
      updatePlanItem(db, who, item.id, item.version, { fiscalYear: 2030 })
    ).rejects.toThrow(PlanError);
    const moved = (await planPage(db, page.current!.id)).items.find((i) => i.id === item.id)!;
    expect([moved.fiscalYear, moved.version]).toEqual([2029, item.version + 1]);
  });

  it('imports a CSV of works done all or nothing, naming every bad row', async () => {
    const [a, b] = (await listEngineAssets(db)).filter((x) => x.assetClass === 'building');
    const before = (await worksDone(db)).length;
    const bad = await importActuals(
      db,
      who,
      'r6.csv',
      enc(
        `資産コード,工事種別,完了日,金額\n${a!.code},大規模改修,令和6年10月1日,"12,000,000"\nNO-SUCH,修繕,2024-05-01,100\n`
      )
    );
    expect(bad.imported).toBe(0);
    expect(bad.errors).toMatchObject([{ row: 3, column: 'asset_code', value: 'NO-SUCH' }]);
    expect((await worksDone(db)).length).toBe(before);

    const good = await importActuals(
      db,
      who,
      'r6.csv',
      enc(
        `資産コード,工事種別,完了日,金額\r\n${a!.code},大規模改修,令和6年10月1日,"12,000,000"\n${b!.code},修繕,2025-05-01,３００万円\n`
      )
    );
    expect(good).toEqual({ file: 'r6.csv', imported: 2, errors: [] });
    const done = await worksDone(db);
    expect(done.length).toBe(before + 2);
    expect(done).toContainEqual({ assetCode: a!.code, workType: 'renovation', fiscalYear: 2024 });
  });

  it('records a work done on a card, and the 予実 page counts it against its plan item', async () => {
    const page = await planPage(db, null);
    const item = page.items.find((i) => i.reason === '外壁劣化' && i.fiscalYear === 2028)!;
    await recordActual(
      db,
      who,
      {
        assetCode: item.assetCode!,
        workType: 'renovation',
        completedOn: '2026-10-30',
        cost: String(Math.round(item.plannedYen! * 1.25)),
        contractor: '○○建設',
        note: '',
        planItemId: String(item.id)
      },
      [{ name: '完了届.pdf', type: 'application/pdf', bytes: enc('%PDF-1.4 test') }]
    );
    const report = await planVsActualPage(db);
    const over = report.overruns.find((o) => o.item.id === item.id)!;
    expect(over.over).toBeCloseTo(0.25, 6);
    await expect(
      recordActual(
        db,
        who,
        {
          assetCode: item.assetCode!,
          workType: 'repair',
          completedOn: '2026-10-30',
          cost: '1',
          contractor: '',
          note: '',
          planItemId: ''
        },
        [{ name: 'virus.exe', type: 'application/x-msdownload', bytes: enc('MZ') }]
      )
    ).rejects.toThrow(/only PDF, JPEG and PNG/);
  });

  it('fits the condition model to the inspections, and a scenario moves grades along it once adopted', async () => {
    const fits = await conditionFits(db);
    for (const f of fits) {
      // The demo city has two rounds of inspections of its buildings (by part) and bridges.
      expect(f.pairs, f.assetClass).toBeGreaterThan(100);
      for (const p of f.stay.slice(0, -1)) expect(p).toBeGreaterThan(0.5);
      // The fit predicts as many second grades as it was given.
      for (const c of f.check)
        expect(c.predicted.reduce((a, b) => a + b, 0)).toBeCloseTo(
          c.observed.reduce((a, b) => a + b, 0),
          6
        );
    }
    const id = await createFromPreset(db, 'capped', who);
    const before = (await runScenario(db, id)).result.condition;
    expect(await adoptConditionModel(db, { ...who, username: 'admin' })).toEqual([
      'building',
      'bridge'
    ]);
    expect((await adoptedConditionModel(db))!.pairs.bridge).toBe(fits[1]!.pairs);
    const after = await runScenario(db, id);
    expect(after.cached).toBe(false);
    expect(after.result.condition).not.toEqual(before);
  });

  it('shows each target against a scenario taking the adopted plan', async () => {
    // The demo city ships three targets; replaced by two here.
    expect((await targetsPage(db, null)).targets).toHaveLength(3);
    await expect(
      setTargets(db, who, [{ kind: 'poor_share', targetYear: 2035, maxPercent: 120 }])
    ).rejects.toThrow(TargetError);
    await setTargets(db, { ...who, username: 'admin' }, [
      {
        kind: 'floor_area',
        baseYear: 2016,
        baseArea: 600_000,
        targetYear: 2036,
        changePercent: -10
      },
      { kind: 'backlog', targetYear: 2100 }
    ]);
    const id = await createFromPreset(db, 'capped', who);
    const s = (await getScenario(db, id))!;
    await updateScenario(db, id, s.version, { params: { ...s.params, adoptedPlan: true } }, who);
    const page = await targetsPage(db, id);
    expect(page.scenario!.id).toBe(id);
    const { result } = await runScenario(db, id);
    const [area, backlog] = page.paths;
    expect(area).toMatchObject({ goal: 540_000, projected: result.stockArea[10] });
    expect(area!.gap).toBeCloseTo(result.stockArea[10]! - 540_000, 6);
    // FY2100 is outside the scenario's 40 years: no verdict rather than a guess.
    expect(backlog).toMatchObject({ projected: null, met: null });
  });
});
