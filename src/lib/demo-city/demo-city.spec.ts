import area from '@turf/area';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from './demo-city';
import { gradeOfSoundness, soundnessOf } from './demo-city-facilities';

describe('generateDemoCity', () => {
  const city = generateDemoCity();

  // Generating the city takes a second or two; more on a loaded machine.
  it('is a pure function of its seed', { timeout: 30_000 }, () => {
    expect(JSON.stringify(generateDemoCity())).toBe(JSON.stringify(city));
  });

  it('covers about the area of the reference city (194 km²)', () => {
    const boundary = city.basemap.find((f) => f.kind === 'boundary')!;
    const km2 = area({ type: 'Feature', properties: {}, geometry: boundary.geometry }) / 1e6;
    expect(km2).toBeGreaterThan(170);
    expect(km2).toBeLessThan(220);
  });

  it('gives every asset a unique code, and every building a facility that exists', () => {
    const codes = new Set(city.assets.map((a) => a.code));
    expect(codes.size).toBe(city.assets.length);
    const facilities = new Set(city.facilities.map((f) => f.code));
    for (const asset of city.assets.filter((a) => a.asset_class === 'building')) {
      expect(facilities.has(asset.facility_code!)).toBe(true);
    }
  });

  it('derives each building grade from its five part grades of the latest survey', () => {
    const byAsset = new Map<string, { part: string; grade: string; inspected_on: string }[]>();
    for (const i of city.inspections)
      byAsset.set(i.asset_code, [...(byAsset.get(i.asset_code) ?? []), i]);
    const latest = (list: { part: string; grade: string; inspected_on: string }[]) => {
      const last = list.reduce((d, i) => (i.inspected_on > d ? i.inspected_on : d), '');
      return list.filter((i) => i.inspected_on === last);
    };
    for (const building of city.assets.filter((a) => a.asset_class === 'building').slice(0, 50)) {
      const parts = latest(byAsset.get(building.code)!);
      expect(parts.map((p) => p.part).sort()).toEqual([
        'electrical',
        'exterior',
        'interior',
        'mechanical',
        'roof'
      ]);
      const soundness = soundnessOf(parts as Parameters<typeof soundnessOf>[0]);
      expect(building.soundness).toBe(soundness);
      expect(building.condition_grade).toBe(gradeOfSoundness(soundness));
    }
  });
});

describe('健全度 (docs/standards.md §3)', () => {
  const all = (grade: 'A' | 'B' | 'C' | 'D') =>
    (['roof', 'exterior', 'interior', 'electrical', 'mechanical'] as const).map((part) => ({
      part,
      grade
    }));

  it('is 100 for all A, 40 for all C and 10 for all D', () => {
    expect(soundnessOf(all('A'))).toBe(100);
    expect(soundnessOf(all('C'))).toBe(40);
    expect(soundnessOf(all('D'))).toBe(10);
  });

  it('weights the parts 5.1 / 17.2 / 22.4 / 8.0 / 7.3', () => {
    const roofOnlyD = all('A').map((p) => (p.part === 'roof' ? { ...p, grade: 'D' as const } : p));
    // 100 − 90 × 5.1 ÷ 60 = 92.35, stored to one decimal.
    expect(soundnessOf(roofOnlyD)).toBe(92.4);
    const exteriorOnlyD = all('A').map((p) =>
      p.part === 'exterior' ? { ...p, grade: 'D' as const } : p
    );
    expect(soundnessOf(exteriorOnlyD)).toBe(74.2);
  });
});
