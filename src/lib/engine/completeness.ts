/**
 * How complete the register is, per asset class, and how much of the projection rests on what
 * the register does not say. Facilities staff fix the worst gaps first; council reads how sure
 * the figures are.
 *
 * Per class: the assets, and how many have a year built, a quantity, a structure or material
 * (buildings and bridges: structure; sewer pipes: material; water pipes: diameter; roads: none
 * needed), a position, an inspected condition. What the projection assumes for each gap:
 * - no year built → the spreading rule (quantity ÷ cycle renewed every year: projection.ts). The
 *   yen of these assets over the horizon rests on that assumption, and is reported;
 * - no quantity → the asset costs nothing: the yen is missing, not assumed;
 * - no structure or material → the unit cost does not change under the 総務省 method (it is by
 *   use, area and diameter), but the 長寿命化 and condition models cannot tell the asset apart;
 * - no position → not on the map, not tested against hazard zones;
 * - no inspection → the condition is the age curve's guess, and a budget ranks it by age alone.
 * Pure.
 */
import { ASSET_CLASSES, type AssetClass } from './asset-classes';
import type { EngineAsset } from './engine-asset';
import { projectRenewals } from './projection';
import type { Standard } from './standard';

export interface ClassCompleteness {
  assetClass: AssetClass;
  assets: number;
  yearBuilt: number;
  quantity: number;
  /** Structure, material or diameter as the class needs it; null when the class needs none. */
  build: number | null;
  position: number;
  condition: number;
}

export interface Gap {
  code: string;
  assetClass: AssetClass;
  /** A building's facility (its record card). */
  facilityCode: string | null;
  /** The fields it lacks. */
  missing: ('yearBuilt' | 'quantity' | 'build' | 'position' | 'condition')[];
  /** Its cost over the horizon (yen, before inflation): what rides on the gap. */
  cost: number;
}

export interface Completeness {
  classes: ClassCompleteness[];
  /** The horizon's cost of every asset, and of those whose year built is unknown (yen). */
  totalCost: number;
  costOnUnknownYear: number;
  /** The assets lacking the most, dearest first (at most `limit`). */
  gaps: Gap[];
}

/** Whether the asset has the structure, material or diameter its class needs; null: none needed. */
const buildOf = (a: EngineAsset): boolean | null =>
  a.assetClass === 'building' || a.assetClass === 'bridge'
    ? !!a.structure && a.structure !== 'unknown'
    : a.assetClass === 'sewer_pipe'
      ? !!a.material
      : a.assetClass === 'water_pipe'
        ? a.diameterMm !== null && a.diameterMm > 0
        : null;

/**
 * The register's completeness under a standard over a horizon; `placed` tells which assets have
 * a position. Costs come from one projection of every asset with per-asset detail.
 */
export function completeness(
  assets: readonly EngineAsset[],
  placed: (code: string) => boolean,
  standard: Standard,
  horizon: { startYear: number; years: number },
  limit = 100
): Completeness {
  const result = projectRenewals(assets, standard, { ...horizon, detail: true });
  const costOf = new Map<string, number>();
  for (const w of result.works ?? [])
    costOf.set(w.assetCode, (costOf.get(w.assetCode) ?? 0) + w.cost);
  const byClass = new Map<AssetClass, ClassCompleteness>();
  const gaps: Gap[] = [];
  let totalCost = 0;
  let costOnUnknownYear = 0;
  for (const a of assets) {
    const c =
      byClass.get(a.assetClass) ??
      byClass
        .set(a.assetClass, {
          assetClass: a.assetClass,
          assets: 0,
          yearBuilt: 0,
          quantity: 0,
          build: buildOf(a) === null ? null : 0,
          position: 0,
          condition: 0
        })
        .get(a.assetClass)!;
    const cost = costOf.get(a.code) ?? 0;
    totalCost += cost;
    const missing: Gap['missing'] = [];
    c.assets += 1;
    if (a.yearBuilt !== null) c.yearBuilt += 1;
    else {
      missing.push('yearBuilt');
      costOnUnknownYear += cost;
    }
    if (a.quantity > 0) c.quantity += 1;
    else missing.push('quantity');
    const build = buildOf(a);
    if (build) c.build! += 1;
    else if (build === false) missing.push('build');
    if (placed(a.code)) c.position += 1;
    else missing.push('position');
    if (a.conditionGrade) c.condition += 1;
    else if (a.assetClass === 'building' || a.assetClass === 'bridge') missing.push('condition');
    // An asset that lacks no more than an inspection is not a gap of the register.
    if (missing.some((m) => m !== 'condition'))
      gaps.push({
        code: a.code,
        assetClass: a.assetClass,
        facilityCode: a.facilityCode,
        missing,
        cost
      });
  }
  gaps.sort(
    (x, y) => y.missing.length - x.missing.length || y.cost - x.cost || (x.code < y.code ? -1 : 1)
  );
  return {
    classes: ASSET_CLASSES.flatMap((k) => (byClass.has(k) ? [byClass.get(k)!] : [])),
    totalCost,
    costOnUnknownYear,
    gaps: gaps.slice(0, limit)
  };
}
