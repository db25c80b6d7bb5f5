/**
 * Five years of the demo city's plan cycle, so that every page of it has something to show at
 * first start: the 個別施設計画 adopted in FY2021 (its 長寿命化改修 scheduled by the buildings'
 * age, its consolidations, new 複合施設 and transfers from the demo's plan), and the works done in
 * FY2021–2025 — most on time, some a year late, some not yet done, costs scattered about the
 * estimate with a few overruns — plus unplanned repairs. Synthetic and labelled so; deterministic.
 */
import { ACTUAL_WORK_LABELS } from '../engine/actuals';
import { buildingRates, workCost } from '../engine/projection';
import { soumu } from '../engine/standards/soumu';
import type { Random } from '../random';
import type { DemoBuilding, DemoFacility } from './demo-city-facilities';
import type { DemoPlan } from './demo-city-plan';

export interface DemoPlanItem {
  facility_code: string | null;
  asset_code: string | null;
  action: string;
  fiscal_year: number;
  status: string;
  into_facility: string | null;
  reason: string;
}

export interface DemoActual {
  asset_code: string;
  work_type: string;
  completed_on: string;
  fiscal_year: number;
  cost_yen: number;
  contractor: string;
  note: string;
  /** Index of the plan item carried out, or null for an unplanned work. */
  plan_item: number | null;
}

export interface DemoHistory {
  plan: { name: string; fiscal_year: number; adopted_at: string; note: string };
  items: DemoPlanItem[];
  actuals: DemoActual[];
}

/** The plan's first year and the last year with works done. */
export const PLAN_ADOPTED_YEAR = 2021;
const LAST_DONE_YEAR = 2025;
/** 長寿命化改修 at about 40 years (the extended lifecycle's age), at most this many a year. */
const EXTENSION_AGE = 40;
const EXTENSIONS_PER_YEAR = 6;
const LAST_PLANNED_YEAR = 2055;
const CONTRACTORS = ['富士見建設', '駿河工務店', '東海設備工業', '丘陵建設', '港南建築'];

/** Yen per ㎡ of a 長寿命化改修 under the national standard (its extended lifecycle). */
function extensionRate(category: string): number {
  const work = soumu.buildings.extended.works.find((w) => w.type === 'life_extension')!;
  return workCost(work, buildingRates(soumu, category));
}

/** A day in fiscal year `fy`'s second half (when most works are completed). */
function completionDay(random: Random, fy: number): string {
  const month = random.pick([10, 11, 12, 1, 2, 3]);
  const year = month <= 3 ? fy + 1 : fy;
  return `${year}-${String(month).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

export function demoHistory(
  random: Random,
  facilities: readonly DemoFacility[],
  buildings: readonly DemoBuilding[],
  plan: DemoPlan
): DemoHistory {
  const byFacility = new Map<string, DemoBuilding[]>();
  for (const b of buildings)
    byFacility.set(b.facilityCode, [...(byFacility.get(b.facilityCode) ?? []), b]);
  const items: DemoPlanItem[] = [];
  const actuals: DemoActual[] = [];

  // 長寿命化改修 by age: the oldest facilities first, a few a year.
  const perYear = new Map<number, number>();
  const extended = facilities
    .filter((f) => plan.policies.get(f.code)?.policy === 'extend' && byFacility.has(f.code))
    .map((f) => ({ f, oldest: Math.min(...byFacility.get(f.code)!.map((b) => b.yearBuilt)) }))
    .sort((a, b) => a.oldest - b.oldest || a.f.code.localeCompare(b.f.code));
  for (const { f, oldest } of extended) {
    let year = Math.max(PLAN_ADOPTED_YEAR, oldest + EXTENSION_AGE);
    while ((perYear.get(year) ?? 0) >= EXTENSIONS_PER_YEAR) year += 1;
    if (year > LAST_PLANNED_YEAR) continue;
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    items.push({
      facility_code: f.code,
      asset_code: null,
      action: 'life_extension',
      fiscal_year: year,
      status: 'planned',
      into_facility: null,
      reason: `築${year - oldest}年、躯体健全のため長寿命化`
    });
  }
  for (const [code, p] of plan.policies) {
    if (p.policy === 'consolidate' && p.policy_year !== null)
      items.push({
        facility_code: code,
        asset_code: null,
        action: 'consolidation',
        fiscal_year: p.policy_year,
        status: 'planned',
        into_facility: p.consolidate_into,
        reason: '複合施設への集約'
      });
    if (p.policy === 'close' && p.policy_year !== null)
      items.push({
        facility_code: code,
        asset_code: null,
        action: 'transfer',
        fiscal_year: p.policy_year,
        status: 'planned',
        into_facility: null,
        reason: '地元自治会へ譲渡'
      });
  }
  for (const n of plan.newFacilities)
    items.push({
      facility_code: n.code,
      asset_code: null,
      action: 'new_building',
      fiscal_year: n.year,
      status: 'planned',
      into_facility: null,
      reason: `複合化（${n.members.length} 施設を集約）`
    });
  items.sort(
    (a, b) =>
      a.fiscal_year - b.fiscal_year || (a.facility_code ?? '').localeCompare(b.facility_code ?? '')
  );

  // What was done of the first five years: on time (70 %), a year late (15 %), not yet (15 %).
  items.forEach((item, index) => {
    if (item.action !== 'life_extension' || item.fiscal_year > LAST_DONE_YEAR) return;
    const r = random.next();
    const doneYear = r < 0.7 ? item.fiscal_year : r < 0.85 ? item.fiscal_year + 1 : null;
    if (doneYear === null || doneYear > LAST_DONE_YEAR) {
      item.status = doneYear === null ? 'planned' : 'under_way';
      return;
    }
    item.status = 'done';
    const factor = Math.min(1.5, Math.max(0.85, random.normal(1.05, 0.12)));
    const contractor = random.pick(CONTRACTORS);
    for (const b of byFacility.get(item.facility_code!)!)
      actuals.push({
        asset_code: b.code,
        work_type: 'life_extension',
        completed_on: completionDay(random, doneYear),
        fiscal_year: doneYear,
        cost_yen: Math.round((b.area * extensionRate(b.category) * factor) / 1000) * 1000,
        contractor,
        note: `${b.name} ${ACTUAL_WORK_LABELS.life_extension.ja}（合成データ）`,
        plan_item: index
      });
  });
  // Unplanned repairs: a dozen a year, on buildings picked at random.
  for (let fy = PLAN_ADOPTED_YEAR; fy <= LAST_DONE_YEAR; fy++)
    for (let k = 0; k < 12; k++) {
      const b = random.pick(buildings);
      actuals.push({
        asset_code: b.code,
        work_type: 'repair',
        completed_on: completionDay(random, fy),
        fiscal_year: fy,
        cost_yen: random.int(20, 300) * 100_000,
        contractor: random.pick(CONTRACTORS),
        note: `${b.name} 緊急修繕（合成データ）`,
        plan_item: null
      });
    }
  return {
    plan: {
      name: '公共施設等個別施設計画（令和3年度策定）',
      fiscal_year: PLAN_ADOPTED_YEAR,
      adopted_at: '2022-03-25T00:00:00.000Z',
      note: '合成データ（デモ用）'
    },
    items,
    actuals
  };
}
