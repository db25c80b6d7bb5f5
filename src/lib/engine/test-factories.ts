/** Small factories for engine tests: plain assets with every field set, overridable. */
import type { EngineAsset } from './engine-asset';

export function newAsset(
  overrides: Partial<EngineAsset> & Pick<EngineAsset, 'code' | 'assetClass'>
): EngineAsset {
  return {
    category: overrides.assetClass === 'road' ? 'general' : overrides.assetClass,
    yearBuilt: null,
    quantity: 100,
    structure: null,
    material: null,
    diameterMm: null,
    pipeKind: null,
    facilityCode: null,
    ...overrides
  };
}

/** A reinforced-concrete building of `quantity` ㎡ in a 総務省 use category. */
export function newBuilding(
  code: string,
  category: string,
  yearBuilt: number,
  quantity: number,
  importance = 3
): EngineAsset {
  return newAsset({
    code,
    assetClass: 'building',
    category,
    yearBuilt,
    quantity,
    structure: 'rc',
    importance
  });
}
