import { BUILDING_CATEGORIES } from '../../src/lib/engine/asset-classes';
import type { EngineAsset } from '../../src/lib/engine/engine-asset';
import { Random } from '../../src/lib/random';

/** A synthetic portfolio of `n` assets: 2 % buildings, 18 % roads, 1.5 % bridges, the rest pipes. */
export function syntheticPortfolio(n: number, seed = 1): EngineAsset[] {
  const rnd = new Random(seed);
  const assets: EngineAsset[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd.next();
    const assetClass: EngineAsset['assetClass'] =
      r < 0.02
        ? 'building'
        : r < 0.2
          ? 'road'
          : r < 0.215
            ? 'bridge'
            : r < 0.6
              ? 'water_pipe'
              : 'sewer_pipe';
    // Every asset has the same shape, as assets read from the database do.
    assets.push({
      code: `A${i}`,
      assetClass,
      category:
        assetClass === 'building'
          ? rnd.pick(BUILDING_CATEGORIES)
          : assetClass === 'road'
            ? rnd.chance(0.05)
              ? 'cycle_pedestrian'
              : 'general'
            : assetClass === 'water_pipe'
              ? 'distribution'
              : 'sanitary',
      yearBuilt: rnd.chance(0.03) ? null : rnd.int(1950, 2025),
      quantity:
        assetClass === 'building'
          ? rnd.uniform(50, 5_000)
          : assetClass === 'road'
            ? rnd.uniform(100, 2_000)
            : assetClass === 'bridge'
              ? rnd.uniform(20, 1_500)
              : rnd.uniform(10, 100),
      structure:
        assetClass === 'building'
          ? rnd.pick(['rc', 'steel', 'wood'])
          : assetClass === 'bridge'
            ? rnd.pick(['pc', 'rc', 'steel', 'unknown'])
            : null,
      material:
        assetClass === 'sewer_pipe' ? rnd.pick(['concrete', 'clay', 'pvc', 'rehabilitated']) : null,
      diameterMm: assetClass === 'water_pipe' ? rnd.pick([75, 100, 150, 200, 300]) : null,
      pipeKind:
        assetClass === 'water_pipe' ? (rnd.chance(0.05) ? 'conveyance' : 'distribution') : null,
      facilityCode: null
    });
  }
  return assets;
}
