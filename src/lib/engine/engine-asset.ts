import { fiscalYearOf, type AssetClass } from './asset-classes';

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
  /**
   * Fiscal year of the latest renovation or life-extension renovation done (実績), if any: the
   * renovation of the life it falls in is not projected again (see `applyActuals`).
   */
  renovatedYear?: number | null;
}

/** An asset as the register stores it (its columns), with its facility's code and shelter flag. */
export interface StoredAsset {
  code: string;
  asset_class: string;
  category: string;
  year_built: number | null;
  quantity: number;
  structure: string | null;
  material: string | null;
  diameter_mm: number | null;
  facility_code: string | null;
  importance: number;
  soundness: number | null;
  /** 1 when its facility is a designated shelter (指定避難所). */
  is_shelter: number | null;
  condition_grade: string | null;
  /** Date (YYYY-MM-DD) of the latest inspection, or null. */
  inspected_on: string | null;
}

/**
 * The engine's asset from a stored one — the one mapping the database rows, the demo city and
 * the map index all use.
 */
export function engineAssetOf(row: StoredAsset): EngineAsset {
  return {
    code: row.code,
    assetClass: row.asset_class as AssetClass,
    category: row.category,
    yearBuilt: row.year_built,
    quantity: row.quantity,
    structure: row.structure,
    material: row.material,
    diameterMm: row.diameter_mm,
    // Water pipes keep their kind (conveyance | distribution) in `category`.
    pipeKind: row.asset_class === 'water_pipe' ? row.category : null,
    facilityCode: row.facility_code,
    importance: row.importance,
    soundness: row.soundness,
    // BCP: buildings of designated shelters rank as exposed; those in hazard zones are marked by
    // the caller that knows the zones (hazard-exposure.service).
    hazard: row.is_shelter === 1,
    conditionGrade: row.condition_grade,
    inspectedYear: row.inspected_on
      ? fiscalYearOf(Number(row.inspected_on.slice(0, 4)), Number(row.inspected_on.slice(5, 7)))
      : null
  };
}
