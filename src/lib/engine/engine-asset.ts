import type { AssetClass } from './asset-classes';

/**
 * An asset as the engine sees it: plain data, no database row. Quantities: ㎡ of floor area
 * (buildings), ㎡ of pavement (roads) or deck (bridges), m of pipe.
 */
export interface EngineAsset {
  code: string;
  assetClass: AssetClass;
  /** Buildings: 総務省 use category; roads: general | cycle_pedestrian; pipes: see below. */
  category: string;
  /** Fiscal year built, or null when unknown. */
  yearBuilt: number | null;
  quantity: number;
  /** Buildings: rc, src, steel, light_steel, block, wood; bridges: pc, rc, steel, stone, wood, unknown. */
  structure: string | null;
  /** Sewer pipes: concrete, clay, pvc, rehabilitated, other. */
  material: string | null;
  diameterMm: number | null;
  /** Water pipes: conveyance (導水・送水) or distribution (配水). */
  pipeKind: string | null;
  /** The facility a building belongs to (for facility-level overrides). */
  facilityCode: string | null;
  /** 1 (low) – 5 (critical): consequence of failure, for ranking under a budget. */
  importance?: number | null;
  /** 健全度 0–100 (higher is better), for ranking under a budget. */
  soundness?: number | null;
  /** In a hazard zone or used as a shelter (BCP), for ranking under a budget. */
  hazard?: boolean;
  /** Latest condition grade (A–D, Ⅰ–Ⅳ as I–IV) and the fiscal year it was inspected. */
  conditionGrade?: string | null;
  inspectedYear?: number | null;
}
