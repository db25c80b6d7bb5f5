import { fiscalYearOf } from '../engine/asset-classes';
import type { EngineAsset } from '../engine/engine-asset';
import type { DemoCity } from './demo-city';

/** The demo city's assets as the engine sees them (the same mapping the database rows get). */
export function demoCityEngineAssets(city: DemoCity): EngineAsset[] {
  const shelters = new Set(city.facilities.filter((f) => f.is_shelter === 1).map((f) => f.code));
  const latest = new Map<string, string>();
  for (const i of city.inspections) {
    if ((latest.get(i.asset_code) ?? '') < i.inspected_on) latest.set(i.asset_code, i.inspected_on);
  }
  return city.assets.map((a) => ({
    code: a.code,
    assetClass: a.asset_class,
    category: a.category,
    yearBuilt: a.year_built,
    quantity: a.quantity,
    structure: a.structure,
    material: a.material,
    diameterMm: a.diameter_mm,
    pipeKind: a.asset_class === 'water_pipe' ? a.category : null,
    facilityCode: a.facility_code,
    importance: a.importance,
    soundness: a.soundness,
    hazard: a.facility_code !== null && shelters.has(a.facility_code),
    conditionGrade: a.condition_grade,
    inspectedYear: latest.has(a.code)
      ? fiscalYearOf(
          Number(latest.get(a.code)!.slice(0, 4)),
          Number(latest.get(a.code)!.slice(5, 7))
        )
      : null
  }));
}
