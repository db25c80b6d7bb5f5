/**
 * Works done (実績) as the engines take them: a completed renewal restarts the asset's life and
 * condition in every projection. Pure: the caller reads the works from the database.
 *
 * - A rebuild (建替え) or a replacement (更新) in fiscal year y: the asset's life starts again in y
 *   (the engine's year built becomes y; the register keeps the original year), and an earlier
 *   renovation belongs to the old life.
 * - A renovation (大規模改修) or a life-extension renovation (長寿命化改修) in y: the renovation of
 *   the life it falls in is done (see `RENOVATION_EARLY_YEARS` in projection.ts).
 * - Any of these, and a repair (修繕): the asset is at its best grade (A, or I for a bridge) in y,
 *   unless an inspection after y says otherwise.
 * - A demolition (除却) changes nothing here: the asset's status says it is gone.
 */
import type { EngineAsset } from './engine-asset';

export const ACTUAL_WORK_TYPES = [
  'rebuild',
  'replacement',
  'life_extension',
  'renovation',
  'repair',
  'demolition'
] as const;
export type ActualWorkType = (typeof ACTUAL_WORK_TYPES)[number];

export const ACTUAL_WORK_LABELS: Record<ActualWorkType, { ja: string; en: string }> = {
  rebuild: { ja: '建替え', en: 'Rebuild' },
  replacement: { ja: '更新', en: 'Replacement' },
  life_extension: { ja: '長寿命化改修', en: 'Life-extension renovation' },
  renovation: { ja: '大規模改修', en: 'Major renovation' },
  repair: { ja: '修繕', en: 'Repair' },
  demolition: { ja: '除却', en: 'Demolition' }
};

/** A work done, as the engine needs it. */
export interface WorkDone {
  assetCode: string;
  workType: ActualWorkType;
  fiscalYear: number;
}

const RENEWS = new Set<ActualWorkType>(['rebuild', 'replacement']);
const RENOVATES = new Set<ActualWorkType>(['life_extension', 'renovation']);
const RESTORES = new Set<ActualWorkType>([
  'rebuild',
  'replacement',
  'life_extension',
  'renovation',
  'repair'
]);

/** The best condition grade of a graded class, or null for the classes without grades. */
function bestGrade(asset: EngineAsset): string | null {
  if (asset.assetClass === 'building') return 'A';
  if (asset.assetClass === 'bridge') return 'I';
  return null;
}

/**
 * The assets with the works done up to `startYear` applied (the others returned as they are; the
 * array is new, untouched assets are the same objects).
 */
export function applyActuals(
  assets: readonly EngineAsset[],
  done: readonly WorkDone[],
  startYear: number
): EngineAsset[] {
  const byAsset = new Map<string, WorkDone[]>();
  for (const w of done) {
    if (w.fiscalYear > startYear) continue;
    const list = byAsset.get(w.assetCode);
    if (list) list.push(w);
    else byAsset.set(w.assetCode, [w]);
  }
  if (byAsset.size === 0) return [...assets];
  return assets.map((asset) => {
    const works = byAsset.get(asset.code);
    return works ? withWorks(asset, works) : asset;
  });
}

function withWorks(asset: EngineAsset, works: readonly WorkDone[]): EngineAsset {
  const out: EngineAsset = { ...asset };
  const latest = (types: Set<ActualWorkType>) =>
    works.reduce(
      (y, w) => (types.has(w.workType) && w.fiscalYear > y ? w.fiscalYear : y),
      -Infinity
    );
  const renewed = latest(RENEWS);
  if (renewed > -Infinity && (out.yearBuilt === null || renewed > out.yearBuilt))
    out.yearBuilt = renewed;
  const renovated = latest(RENOVATES);
  // A renovation before the life's restart belongs to the old life.
  if (renovated > -Infinity && renovated >= (out.yearBuilt ?? -Infinity))
    out.renovatedYear = Math.max(renovated, out.renovatedYear ?? -Infinity);
  const restored = latest(RESTORES);
  const grade = bestGrade(asset);
  if (
    grade &&
    restored > -Infinity &&
    (out.inspectedYear == null || restored > out.inspectedYear)
  ) {
    out.conditionGrade = grade;
    out.inspectedYear = restored;
  }
  return out;
}
