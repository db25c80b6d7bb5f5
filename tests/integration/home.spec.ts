/**
 * The home page's headline on a small town derived by hand: four buildings, two bridges, a
 * population; then on the demo city as `npm start` prepares it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importFile } from '../../src/lib/server/services/import.service';
import { cityHeadline } from '../../src/lib/server/services/home.service';
import { createFromPreset } from '../../src/lib/server/services/scenarios.service';
import { runScenario } from '../../src/lib/server/services/scenario-runs.service';
import { tempDir, testDatabase } from './helpers/temp-db';

const db = await testDatabase('home');
beforeAll(async () => {
  await migrateToLatest(db);
  return () => db.destroy();
});

describe('the headline a 総合管理計画 opens with', () => {
  it('says the floor area, per inhabitant, the old and poor shares, and what to do, as derived by hand', async () => {
    for (const [key, value] of Object.entries({
      data_as_of_year: '2026',
      city_population: '1000',
      recent_investment_yen: '100000000'
    }))
      await db.insertInto('settings').values({ key, value }).execute();
    const file = path.join(tempDir('home'), 'town.csv');
    fs.writeFileSync(
      file,
      [
        'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,condition_grade',
        // 56 years old, before 1981, grade C
        'B1,旧庁舎,building,administration,1970,1000,m2,rc,,,,C',
        // 36 years old: 30 or older, after 1981; grade A
        'B2,公民館,building,civic_culture,1990,500,m2,rc,,,,A',
        // year unknown: not old, not before 1981; grade D
        'B3,倉庫,building,other,,500,m2,steel,,,,D',
        // 10 years old, not graded
        'B4,集会所,building,civic_culture,2016,0,m2,wood,,,,',
        'BR1,一号橋,bridge,bridge,1975,100,m2,,,,,',
        'BR2,二号橋,bridge,bridge,1980,100,m2,,,,,'
      ].join('\r\n') + '\r\n'
    );
    const report = await importFile(db, { path: file });
    expect(report.errors).toEqual([]);
    // BR2 was inspected in FY2023 (within five years); BR1 never.
    const br2 = await db
      .selectFrom('assets')
      .select('id')
      .where('code', '=', 'BR2')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('inspections')
      .values({
        asset_id: br2.id,
        inspected_on: '2023-10-01',
        grade: 'II',
        soundness: null,
        inspector: null,
        note: null,
        created_at: '2023-10-01T00:00:00Z'
      })
      .execute();
    const id = await createFromPreset(db, 'baseline', {
      username: 'finance',
      now: '2026-12-02T00:00:00Z'
    });

    const h = await cityHeadline(db);
    expect(h).toMatchObject({
      asOfYear: 2026,
      population: 1000,
      floorArea: 2000,
      aged30: 0.75,
      before1981: 0.5,
      gradeCD: 0.75,
      unknownYearArea: 500,
      ungradedArea: 0,
      todo: { noYearBuilt: 1, inspectionsOverdue: 1, staleScenarios: 0 }
    });
    // The national method's figures are its run's.
    const run = (await runScenario(db, id)).result;
    expect(h.reference).toMatchObject({
      scenario: { id },
      total: run.headline.total,
      annualAverage: run.headline.total / 40,
      ratio: run.headline.total / 40 / 1e8
    });
    // The backlog today: B1 (56 years: its renovation at 30 was never done) is 積み残し.
    expect(h.reference!.backlogToday).toBeGreaterThan(0);
    expect(h.scenarios).toEqual([
      { id, name: expect.any(String), spent: expect.any(Number), backlogEnd: null }
    ]);
    expect(h.scenarios[0]!.spent).toBeCloseTo(run.headline.total, 0);

    // Data changes: a scenario that ran is stale until it runs again; the home page runs the
    // reference again itself, and names the other.
    const other = await createFromPreset(db, 'longevity', {
      username: 'finance',
      now: '2026-12-02T00:00:00Z'
    });
    await runScenario(db, other);
    const more = path.join(tempDir('home'), 'more.csv');
    fs.writeFileSync(
      more,
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind\r\n' +
        'B5,新館,building,civic_culture,2020,400,m2,rc,,,\r\n'
    );
    expect((await importFile(db, { path: more })).errors).toEqual([]);
    const after = await cityHeadline(db);
    expect(after.todo).toMatchObject({ noYearBuilt: 1, staleScenarios: 1 });
    expect(after.floorArea).toBe(2400);
    expect(after.scenarios.find((s) => s.id === id)!.spent).not.toBeNull();
    expect(after.scenarios.find((s) => s.id === other)!.spent).toBeNull();
    expect(after.reference!.total).not.toBe(h.reference!.total);
  });
});
