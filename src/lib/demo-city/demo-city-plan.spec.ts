import { describe, expect, it } from 'vitest';
import { planDemoCity } from './demo-city-plan';
import type { DemoBuilding, DemoFacility } from './demo-city-facilities';
import { generateDemoCity } from './demo-city';

const facility = (code: string, subcategory: string, xy: [number, number]): DemoFacility => ({
  code,
  name: subcategory === 'community_centre' ? `${code}地区交流センター` : code,
  category: 'civic_culture',
  subcategory,
  address: 'デモ市',
  xy,
  yearly_users: null,
  running_cost_yen: null,
  is_shelter: 0,
  status: 'active'
});
const building = (
  facilityCode: string,
  yearBuilt: number,
  area: number,
  structure: string,
  grade: 'A' | 'B' | 'C' | 'D'
): DemoBuilding => ({
  code: `${facilityCode}-B`,
  facilityCode,
  name: '本館',
  category: 'civic_culture',
  subcategory: '',
  yearBuilt,
  area,
  floors: 2,
  structure,
  importance: 3,
  xy: [0, 0],
  parts: [],
  soundness: 50,
  grade,
  surveyedOn: '2025-06-01'
});

describe('the demo plan (個別施設計画), derived by hand on a small town', () => {
  // Centre C1 (1972, 1,000 ㎡ due) with hall H1 at 1 km and library L1 at 1.9 km; hall H2 at 1.6 km
  // is out of a hall's reach. Centre C2 (2005) has nothing past 40 years: no consolidation.
  const facilities = [
    facility('C1', 'community_centre', [0, 0]),
    facility('H1', 'meeting_hall', [1_000, 0]),
    facility('L1', 'library', [0, 1_900]),
    facility('H2', 'meeting_hall', [-1_600, 0]),
    facility('C2', 'community_centre', [5_000, 0]),
    facility('S1', 'elementary_school', [9_000, 0]),
    facility('S2', 'elementary_school', [9_500, 0])
  ];
  const buildings = [
    building('C1', 1972, 1_000, 'rc', 'B'),
    building('H1', 1975, 200, 'wood', 'C'),
    building('L1', 1990, 800, 'rc', 'B'),
    building('H2', 1970, 150, 'wood', 'D'),
    building('C2', 2005, 1_200, 'rc', 'A'),
    building('S1', 1980, 3_000, 'rc', 'C'),
    building('S2', 1968, 3_000, 'rc', 'B')
  ];
  const plan = planDemoCity(facilities, buildings, 2026);

  it('gathers what is within reach into one 複合施設 with the shared spaces counted once', () => {
    expect(plan.newFacilities).toEqual([
      {
        code: 'F-PLAN-01',
        name: '（仮称）C1複合施設',
        xy: [0, 0],
        year: 2030,
        // (1,000 + 200 + 800) × 0.75
        area: 1_500,
        structure: 'rc',
        members: ['C1', 'H1', 'L1']
      }
    ]);
    for (const code of ['C1', 'H1', 'L1'])
      expect(plan.policies.get(code)).toEqual({
        policy: 'consolidate',
        policy_year: 2030,
        consolidate_into: 'F-PLAN-01'
      });
  });

  it('extends sound frames from 1971 on, closes a small old hall in poor condition', () => {
    expect(plan.policies.get('C2')?.policy).toBe('extend');
    expect(plan.policies.get('S1')?.policy).toBe('extend');
    // Built in 1968: before the screen; rebuilt at the end of its life.
    expect(plan.policies.has('S2')).toBe(false);
    expect(plan.policies.get('H2')).toEqual({
      policy: 'close',
      policy_year: 2029,
      consolidate_into: null
    });
  });
});

describe('the demo city ships with its plan', () => {
  const city = generateDemoCity();
  it('has two or three 複合施設 planned, each taking facilities that exist', () => {
    const planned = city.facilities.filter((f) => f.status === 'planned');
    expect(planned.length).toBeGreaterThanOrEqual(2);
    expect(planned.length).toBeLessThanOrEqual(3);
    const codes = new Set(city.facilities.map((f) => f.code));
    for (const p of planned) {
      expect(p.planned_area_m2).toBeGreaterThan(0);
      const members = city.facilities.filter((f) => f.consolidate_into === p.code);
      expect(members.length).toBeGreaterThan(1);
      for (const m of members) expect(m.policy_year).toBe(p.planned_year);
    }
    for (const f of city.facilities.filter((f) => f.consolidate_into))
      expect(codes.has(f.consolidate_into!)).toBe(true);
    expect(
      city.facilities.filter((f) => f.subcategory === 'library' && f.consolidate_into)
    ).not.toEqual([]);
    expect(city.facilities.filter((f) => f.policy === 'extend').length).toBeGreaterThan(20);
    expect(city.settings.demolition_cost_yen_per_m2).toBe('30000');
  });
});
