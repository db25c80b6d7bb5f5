import { describe, expect, it } from 'vitest';
import { applyActuals, type WorkDone } from './actuals';
import { projectRenewals } from './projection';
import { soumu } from './standards/soumu';
import { newAsset, newBuilding } from './test-factories';

/**
 * The hand-derived case: a 1,000 ㎡ RC school built in FY1985, projected from FY2026 for 40 years
 * under the 総務省 method (school: rebuild 330,000 円/㎡ at 60 over 3 years, renovation
 * 170,000 円/㎡ at 30 over 2 years, aged 31–50 at the start: 積み残し大規模改修 over 10 years).
 */
const START = 2026;
const school = newBuilding('S1', 'school', 1985, 1_000);
const done = (workType: WorkDone['workType'], fiscalYear: number): WorkDone => ({
  assetCode: 'S1',
  workType,
  fiscalYear
});

function yearly(works: readonly WorkDone[]) {
  const assets = applyActuals([school], works, START);
  const result = projectRenewals(assets, soumu, { startYear: START, years: 40, detail: true });
  const byYear = new Map<number, number>();
  result.totalsByYear.forEach((cost, k) => cost > 0 && byYear.set(START + k, cost));
  return { byYear, types: [...new Set(result.works!.map((w) => w.workType))] };
}

describe('works done in the projection (hand-derived)', () => {
  it('without works done: the renovation backlog from FY2026 and the rebuild at 60 (FY2045)', () => {
    const { byYear, types } = yearly([]);
    expect(types).toEqual(['backlog_renovation', 'rebuild']);
    for (let y = 2026; y <= 2035; y++) expect(byYear.get(y)).toBe(17_000_000); // 1.7 億 ÷ 10
    for (const y of [2045, 2046, 2047]) expect(byYear.get(y)).toBe(110_000_000); // 3.3 億 ÷ 3
    expect([...byYear.values()].reduce((a, b) => a + b, 0)).toBe(500_000_000);
  });

  it('a renovation done in FY2020 takes the backlog away; the rebuild stays', () => {
    const { byYear, types } = yearly([done('renovation', 2020)]);
    expect(types).toEqual(['rebuild']);
    expect([...byYear.entries()]).toEqual([
      [2045, 110_000_000],
      [2046, 110_000_000],
      [2047, 110_000_000]
    ]);
  });

  it('a rebuild done in FY2022 restarts the life: renovation at 30 (FY2052), rebuild after the horizon', () => {
    const { byYear } = yearly([done('renovation', 2020), done('rebuild', 2022)]);
    expect([...byYear.entries()]).toEqual([
      [2052, 85_000_000],
      [2053, 85_000_000]
    ]);
  });

  it('a renovation done more than ten years before it falls due does not stand for it', () => {
    const young = newBuilding('S1', 'school', 2010, 1_000); // renovation due FY2040
    const early = applyActuals([young], [done('renovation', 2029)], 2030)[0]!;
    const late = applyActuals([young], [done('renovation', 2030)], 2030)[0]!;
    const types = (a: typeof young) =>
      projectRenewals([a], soumu, { startYear: 2030, years: 20, detail: true }).works!.map(
        (w) => w.workType
      );
    expect(types(early)).toEqual(['renovation']);
    expect(types(late)).toEqual([]);
  });

  it('a work done restores the best grade unless a later inspection says otherwise', () => {
    const graded = { ...school, conditionGrade: 'C', inspectedYear: 2021 };
    expect(applyActuals([graded], [done('repair', 2024)], START)[0]).toMatchObject({
      conditionGrade: 'A',
      inspectedYear: 2024
    });
    const inspectedLater = { ...graded, inspectedYear: 2025 };
    expect(applyActuals([inspectedLater], [done('repair', 2024)], START)[0]).toMatchObject({
      conditionGrade: 'C',
      inspectedYear: 2025
    });
    const bridge = newAsset({
      code: 'B1',
      assetClass: 'bridge',
      conditionGrade: 'III',
      inspectedYear: 2020
    });
    expect(
      applyActuals([bridge], [{ assetCode: 'B1', workType: 'repair', fiscalYear: 2023 }], START)[0]
    ).toMatchObject({ conditionGrade: 'I', inspectedYear: 2023 });
  });

  it('works after the start year, and on other assets, change nothing', () => {
    const [same] = applyActuals(
      [school],
      [done('rebuild', 2027), { ...done('rebuild', 2020), assetCode: 'X' }],
      START
    );
    expect(same).toBe(school);
  });

  it('a pipe replaced restarts its cycle (50 years: the next after the horizon)', () => {
    const pipe = newAsset({
      code: 'P1',
      assetClass: 'sewer_pipe',
      yearBuilt: 1970,
      material: 'concrete'
    });
    const due = (a: typeof pipe) =>
      projectRenewals([a], soumu, { startYear: START, years: 40, detail: true }).works!.map(
        (w) => `${w.workType} ${w.dueYear}`
      );
    // Aged 56 > 50: backlog from FY2026; the next cycle (FY2076) is after the horizon.
    expect(due(pipe)).toEqual(['backlog_replacement 2026']);
    const [replaced] = applyActuals(
      [pipe],
      [{ assetCode: 'P1', workType: 'replacement', fiscalYear: 2024 }],
      START
    );
    expect(replaced!.yearBuilt).toBe(2024);
    expect(due(replaced!)).toEqual([]);
  });
});
