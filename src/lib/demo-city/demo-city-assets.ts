import { engineAssetOf, type EngineAsset } from '../engine/engine-asset';
import type { DemoCity } from './demo-city';

/** The demo city's assets as the engine sees them (the same mapping the database rows get). */
export function demoCityEngineAssets(city: DemoCity): EngineAsset[] {
  const shelters = new Set(city.facilities.filter((f) => f.is_shelter === 1).map((f) => f.code));
  const latest = new Map<string, string>();
  for (const i of city.inspections) {
    if ((latest.get(i.asset_code) ?? '') < i.inspected_on) latest.set(i.asset_code, i.inspected_on);
  }
  return city.assets.map((a) =>
    engineAssetOf({
      ...a,
      is_shelter: a.facility_code !== null && shelters.has(a.facility_code) ? 1 : 0,
      inspected_on: latest.get(a.code) ?? null
    })
  );
}
