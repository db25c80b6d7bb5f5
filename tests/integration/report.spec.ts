/**
 * The plan report and the open data, on the databases the suite runs against: the demo city's
 * report agrees with its scenario pages; a small ledger imported from a CSV (和暦 dates) gives the
 * 有形固定資産減価償却率 worked out by hand; the open-data list re-imports as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { importFile } from '../../src/lib/server/services/import.service';
import { reportData } from '../../src/lib/server/services/report.service';
import {
  ReportError,
  saveReportSettings,
  saveReportText,
  validCheckDigit
} from '../../src/lib/server/services/report-settings.service';
import { buildReportFor } from '../../src/lib/server/services/report-page';
import { facilitiesOpenData, planSummary } from '../../src/lib/server/services/open-data.service';
import { createFromPreset, listScenarios } from '../../src/lib/server/services/scenarios.service';
import { runScenario } from '../../src/lib/server/services/scenario-runs.service';
import { putSetting } from '../../src/lib/server/repositories/settings.repository';
import { buildReport } from '../../src/lib/report/report-sections';
import { PRESETS } from '../../src/lib/scenario';
import { reportDocument } from '../../src/lib/report/report-html';
import { OPEN_DATA_FACILITY_COLUMNS } from '../../src/lib/io/open-data';
import { oku } from '../../src/lib/components/charts/palette';
import { tempDir, testTarget } from './helpers/temp-db';

const demoTarget = await testTarget('report-demo');
const db = await demoTarget.open();
const dir = tempDir('hozen-report-');
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  // The scenarios a new city starts with (as the first start makes them).
  for (const preset of PRESETS) await createFromPreset(db, preset, who);
  return () => db.destroy();
});
const who = { username: 'finance', now: '2026-12-02T12:00:00Z' };
const now = new Date('2026-12-02T12:00:00Z');

describe('the demo city’s report', () => {
  it('states the same headline figures as the scenario pages', async () => {
    const scenarios = await listScenarios(db);
    const reference = scenarios.find((s) => s.name === '総務省の方法（予算制約なし）')!;
    const longevity = scenarios.find((s) => s.standard === 'longevity')!;
    const [refRun, longRun] = await Promise.all([
      runScenario(db, reference.id),
      runScenario(db, longevity.id)
    ]);
    const data = await reportData(db, null, now);
    expect(data.projection.reference?.id).toBe(reference.id);
    expect(data.projection.measures?.id).toBe(longevity.id);
    const report = buildReport(data, 'ja');
    const costs = report.sections.find((s) => s.id === 'costs')!;
    const text = costs.paragraphs.join('\n');
    expect(text).toContain(`${oku('ja', refRun.result.headline.total)}億円`);
    expect(text).toContain(`年平均${oku('ja', refRun.result.headline.annualAverage)}億円`);
    expect(text).toContain(`${oku('ja', longRun.result.headline.total)}億円`);
    // The 40-year column of the period table sums to the headline.
    const byPeriod = costs.tables.find((t) => t.id === '4-1 by period')!;
    const totals = byPeriod.rows.filter((r) => r[1] === '計');
    expect(totals[0]!.at(-1)).toBeCloseTo(refRun.result.headline.total, 0);
    expect(totals[1]!.at(-1)).toBeCloseTo(longRun.result.headline.total, 0);
    expect(totals[2]!.at(-1)).toBeCloseTo(
      refRun.result.headline.total - longRun.result.headline.total,
      0
    );
    // The sentence on funding says a shortfall or a margin as the period table has it.
    const gap = byPeriod.rows.find((r) => r[0] === '財源との差（長寿命化）')!.at(-1) as number;
    expect(text).toMatch(gap > 0 ? /年平均[\d.,]+億円不足します/ : /年平均[\d.,]+億円上回ります/);
  });

  it('has every section, each table footnoted with its data and (where used) its scenario', async () => {
    const report = await buildReportFor(db, null, 'ja');
    expect(report.sections.map((s) => s.id)).toEqual([
      'current',
      'history',
      'measures',
      'costs',
      'targets',
      'policies'
    ]);
    for (const t of report.sections.flatMap((s) => s.tables)) {
      expect(t.footnote).toMatch(/^資料：デモ市（架空）の施設・資産台帳/);
      expect(t.rows.length).toBeGreaterThan(0);
    }
    const costs = report.sections.find((s) => s.id === 'costs')!;
    expect(costs.tables[0]!.footnote).toMatch(/シナリオ「長寿命化」/);
    // The demo city has its synthetic ledger, works done since FY2021 and targets.
    const history = report.sections.find((s) => s.id === 'history')!;
    const ratios = history.tables[1]!.rows.map((r) => r.at(-2) as number);
    expect(ratios.every((r) => r > 20 && r < 90)).toBe(true);
    expect(report.sections.find((s) => s.id === 'measures')!.tables).toHaveLength(1);
    expect(report.sections.find((s) => s.id === 'targets')!.tables).toHaveLength(1);
  });

  it('refuses a budget-capped scenario as the life-extension case, saying why', async () => {
    const capped = (await listScenarios(db)).find((s) => s.params.budget.kind !== 'none')!;
    const data = await reportData(db, capped.id, now);
    expect(data.projection.measures).toBeNull();
    expect(data.projection.refused?.ja).toMatch(/予算制約があるため/);
    await expect(reportData(db, 99_999, now)).rejects.toBeInstanceOf(ReportError);
  });

  it('fills the city’s own text, and prints a name as text, never as markup', async () => {
    await saveReportText(
      db,
      who,
      'ja',
      'current',
      '当市の延床面積は{{floorArea}}㎡です。<script>alert(1)</script> {{unknown}}'
    );
    const report = await buildReportFor(db, null, 'ja');
    const p = report.sections[0]!.paragraphs[0]!;
    expect(p).toMatch(
      /^当市の延床面積は[\d,]+㎡です。<script>alert\(1\)<\/script> \{\{unknown\}\}$/
    );
    const html = reportDocument('ja', report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await expect(saveReportText(db, who, 'ja', 'current', 'x'.repeat(4001))).rejects.toThrow(
      /4000/
    );
    await saveReportText(db, who, 'ja', 'current', '');
    const back = await buildReportFor(db, null, 'ja');
    expect(back.sections[0]!.paragraphs[0]).toMatch(/^デモ市（架空）が保有する公共施設は/);
  });

  it('checks the report’s settings (the code’s check digit, the funding series)', async () => {
    expect(validCheckDigit('222143')).toBe(true);
    expect(validCheckDigit('222144')).toBe(false);
    const form = {
      similar: '62.5',
      firstYear: 'months',
      funding: '75',
      cityCode: '222144',
      runningCosts: {}
    };
    await expect(saveReportSettings(db, who, form)).rejects.toThrow(/check digit/);
    await expect(
      saveReportSettings(db, who, { ...form, cityCode: '', funding: '60、abc' })
    ).rejects.toThrow(/value 2 “abc”/);
    // 億円, a comma a thousands separator: "1,000" is one amount, not two.
    await saveReportSettings(db, who, { ...form, cityCode: '222143', funding: '1,000' });
    expect((await reportData(db, null, now)).funding.perYear).toEqual([1e11]);
    await saveReportSettings(db, who, { ...form, cityCode: '222143', funding: '60' });
    const data = await reportData(db, null, now);
    expect(data.depreciation.similar).toBe(62.5);
    expect(data.funding).toEqual({ perYear: [6e9], source: 'setting' });
    expect(data.city.code).toBe('222143');
  });

  it('summarises the plan for the open-data catalogue with the report’s figures', async () => {
    const summary = await planSummary(db, null, 'ja');
    const data = await reportData(db, null, now);
    const effect = summary.figures.find((f) => f.key === 'effect_yen')!;
    expect(effect.value).toBe(
      Math.round(data.projection.reference!.total - data.projection.measures!.total)
    );
    expect(summary.city.code).toBe('222143');
  });
});

describe('open data: 公共施設一覧', () => {
  it('has the standard’s header and re-imports into an empty database unchanged', async () => {
    const { csv } = await facilitiesOpenData(db);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const header = csv.slice(1).split('\r\n')[0]!.split(',');
    expect(header).toEqual([...OPEN_DATA_FACILITY_COLUMNS]);
    expect(csv).not.toMatch(/[^\r]\n/); // CRLF throughout

    const file = path.join(dir, 'public-facilities.csv');
    fs.writeFileSync(file, csv);
    const other = await (await testTarget('report-roundtrip')).open();
    try {
      await migrateToLatest(other);
      const result = await importFile(other, { path: file });
      expect(result.errors).toEqual([]);
      const read = (d: typeof db) =>
        d
          .selectFrom('facilities')
          .select(['code', 'name', 'name_kana', 'category', 'address', 'lat', 'lon'])
          .where('status', '=', 'active')
          .orderBy('code')
          .execute();
      const [before, after] = await Promise.all([read(db), read(other)]);
      expect(after.length).toBeGreaterThan(100);
      expect(after).toEqual(before);
    } finally {
      await other.destroy();
    }
  });
});

describe('有形固定資産減価償却率 from an imported ledger (worked by hand)', () => {
  it('gives the ratio of the golden register, year by year', async () => {
    const ledger = await (await testTarget('report-ledger')).open();
    try {
      await migrateToLatest(ledger);
      await putSetting(ledger, 'data_as_of_year', '2017');
      // A, B, C of the engine's golden test (depreciation.spec.ts), dates in 和暦 and 西暦.
      const file = path.join(dir, 'ledger.csv');
      fs.writeFileSync(
        file,
        [
          'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,acquisition_yen,service_life_years,acquired_on',
          'A,庁舎,building,administration,2000,1000,m2,rc,,,,10000000,50,平成12年4月1日',
          'B,倉庫,building,other,2010,100,m2,steel,,,,1000000,10,2010-10-15',
          'C,物置,building,other,2014,10,m2,wood,,,,3000000,3,H27.3.10'
        ].join('\r\n')
      );
      const result = await importFile(ledger, { path: file });
      expect(result.errors).toEqual([]);
      const data = await reportData(ledger, null, new Date('2018-01-10T00:00:00Z'));
      const byYear = Object.fromEntries(data.depreciation.total.map((p) => [p.year, p]));
      expect(byYear[2017]).toMatchObject({
        acquisitionYen: 14_000_000,
        accumulatedYen: 7_349_999,
        assets: 3
      });
      // FY2014: A 15 years (¥3,000,000), B 50,000 + 4 × 100,000, C one month (¥83,500).
      expect(byYear[2014]).toMatchObject({
        acquisitionYen: 14_000_000,
        accumulatedYen: 3_000_000 + 450_000 + 83_500
      });
      expect(byYear[2009]).toMatchObject({ acquisitionYen: 10_000_000, accumulatedYen: 2_000_000 });
      const report = buildReport(data, 'ja');
      const table = report.sections[1]!.tables[1]!;
      expect(table.rows.at(-1)!.at(-2)).toBe(52.5); // 7,349,999 ÷ 14,000,000 = 52.4999… %
      // Without scenarios, works done or targets, the sections say what they need.
      expect(report.sections.find((s) => s.id === 'measures')!.missing[0]).toMatch(/工事の実績/);
      expect(report.sections.find((s) => s.id === 'costs')!.missing.join('')).toMatch(
        /シナリオがありません/
      );
    } finally {
      await ledger.destroy();
    }
  });
});

describe('a new scenario as the report’s life-extension case', () => {
  it('takes a scenario chosen by id', async () => {
    const made = await createFromPreset(db, 'longevity', who, 'ja');
    const data = await reportData(db, made, now);
    expect(data.projection.measures?.id).toBe(made);
  });
});
