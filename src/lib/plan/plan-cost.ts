/**
 * What a planned action costs when the plan does not say: estimated from the standard's unit
 * costs (the same rates the projection uses), or null when the standard has no rate for it.
 */
import type { EngineAsset } from '../engine/engine-asset';
import { buildingRates, replacementUnitCost, workCost } from '../engine/projection';
import type { Standard } from '../engine/standard';
import type { PlanAction } from './plan';

/** The standard's cost of one action on one asset (yen, before inflation), or null. */
function assetCost(
  action: PlanAction,
  asset: EngineAsset,
  standard: Standard,
  demolitionCostPerM2: number | null
): number | null {
  const q = asset.quantity;
  const building = asset.assetClass === 'building';
  const extendedWork = (type: string) =>
    standard.buildings.extended.works.find((w) => w.type === type);
  switch (action) {
    case 'rebuild':
      return q * replacementUnitCost(asset, standard);
    case 'renovation':
      return building ? q * buildingRates(standard, asset.category).renovation : null;
    case 'life_extension':
    case 'repair': {
      const work =
        building && extendedWork(action === 'repair' ? 'midlife_repair' : 'life_extension');
      return work ? q * workCost(work, buildingRates(standard, asset.category)) : null;
    }
    case 'closure':
    case 'consolidation':
    case 'demolition':
      return building && demolitionCostPerM2 ? q * demolitionCostPerM2 : null;
    case 'transfer':
      return 0;
    case 'new_building':
      return null;
  }
}

/** The estimate of an action over its assets (null when any of them has no rate). */
export function estimateCost(
  action: PlanAction,
  assets: readonly EngineAsset[],
  standard: Standard,
  demolitionCostPerM2: number | null
): number | null {
  if (!assets.length) return null;
  let total = 0;
  for (const a of assets) {
    const cost = assetCost(action, a, standard, demolitionCostPerM2);
    if (cost === null) return null;
    total += cost;
  }
  return Math.round(total);
}

/** A planned new building's estimate: its floor area at its category's rebuild rate. */
export function newBuildingCost(category: string, areaM2: number, standard: Standard): number {
  return Math.round(areaM2 * buildingRates(standard, category).rebuild);
}
