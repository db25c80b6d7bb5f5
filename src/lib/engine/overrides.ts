/**
 * Scenario overrides: what a scenario changes about the assets before they are projected.
 * Plain data; `resolveOverrides` turns them into per-asset facts the projection reads.
 */
import type { EngineAsset } from './engine-asset';

export type Override =
  /** Apply the life-extended lifecycle to the matching buildings (if their structure allows). */
  | {
      kind: 'life_extension';
      categories?: string[];
      facilityCodes?: string[];
      assetCodes?: string[];
    }
  /** Close or demolish the matching assets in `year`: their works from that year on disappear. */
  | {
      kind: 'close';
      assetCodes?: string[];
      facilityCodes?: string[];
      year: number;
      demolitionCostPerM2?: number;
    }
  /** A planned new building (複合化): built in `year`, then renewed like any building. */
  | {
      kind: 'new_building';
      code: string;
      category: string;
      area: number;
      year: number;
      structure?: string | null;
      facilityCode?: string | null;
    }
  /** 総量縮減: at every rebuild, the floor area shrinks by `percent` (optionally only some categories). */
  | { kind: 'floor_reduction'; percent: number; categories?: string[] };

export interface AssetOverrides {
  extend: boolean;
  /** First fiscal year without the asset, or Infinity. */
  closeYear: number;
  demolitionCostPerUnit: number;
  /** Share of area kept at each rebuild (1 = no reduction). */
  keepAtRebuild: number;
}

const matches = (list: string[] | undefined, value: string | null) =>
  !!list && value !== null && list.includes(value);

/** A facility as its plan reads: the policy chosen on its card, and what it will be if planned. */
export interface FacilityPlanRow {
  code: string;
  policy: string;
  policy_year: number | null;
  category?: string;
  status?: string;
  planned_year?: number | null;
  planned_area_m2?: number | null;
  planned_structure?: string | null;
}

/**
 * The overrides a facility's plan stands for: `extend` is life extension of its buildings,
 * `close` and `consolidate` close them from the policy's year (the facility it joins keeps its own
 * floor area), demolished at `demolitionCostPerM2` when the city has set one; a planned facility
 * (status `planned`) is built in its planned year; `standard` changes nothing.
 */
export function facilityPolicyOverrides(
  f: FacilityPlanRow,
  demolitionCostPerM2: number | null = null
): Override[] {
  const out: Override[] = [];
  if (f.policy === 'extend') out.push({ kind: 'life_extension', facilityCodes: [f.code] });
  if ((f.policy === 'close' || f.policy === 'consolidate') && f.policy_year !== null)
    out.push({
      kind: 'close',
      facilityCodes: [f.code],
      year: f.policy_year,
      ...(demolitionCostPerM2 ? { demolitionCostPerM2 } : {})
    });
  if (f.status === 'planned' && f.planned_year && f.planned_area_m2 && f.category)
    out.push({
      kind: 'new_building',
      code: `${f.code}-NEW`,
      category: f.category,
      area: f.planned_area_m2,
      year: f.planned_year,
      structure: f.planned_structure ?? null,
      facilityCode: f.code
    });
  return out;
}

/** The new buildings a scenario adds, as engine assets. */
export function newBuildingAssets(overrides: readonly Override[]): EngineAsset[] {
  return overrides
    .filter((o): o is Extract<Override, { kind: 'new_building' }> => o.kind === 'new_building')
    .map((o) => ({
      code: o.code,
      assetClass: 'building' as const,
      category: o.category,
      yearBuilt: o.year,
      quantity: o.area,
      structure: o.structure ?? null,
      material: null,
      diameterMm: null,
      pipeKind: null,
      facilityCode: o.facilityCode ?? null
    }));
}

/** What the overrides mean for one asset. */
export function resolveOverrides(
  asset: EngineAsset,
  overrides: readonly Override[]
): AssetOverrides {
  const result: AssetOverrides = {
    extend: false,
    closeYear: Infinity,
    demolitionCostPerUnit: 0,
    keepAtRebuild: 1
  };
  for (const o of overrides) {
    switch (o.kind) {
      case 'life_extension': {
        const all = !o.categories && !o.facilityCodes && !o.assetCodes;
        if (
          all ||
          matches(o.categories, asset.category) ||
          matches(o.facilityCodes, asset.facilityCode) ||
          matches(o.assetCodes, asset.code)
        ) {
          result.extend = true;
        }
        break;
      }
      case 'close':
        if (
          (matches(o.assetCodes, asset.code) || matches(o.facilityCodes, asset.facilityCode)) &&
          o.year < result.closeYear
        ) {
          result.closeYear = o.year;
          result.demolitionCostPerUnit = o.demolitionCostPerM2 ?? 0;
        }
        break;
      case 'floor_reduction':
        if (
          asset.assetClass === 'building' &&
          (!o.categories || o.categories.includes(asset.category))
        ) {
          result.keepAtRebuild *= 1 - o.percent / 100;
        }
        break;
      case 'new_building':
        break;
    }
  }
  return result;
}
