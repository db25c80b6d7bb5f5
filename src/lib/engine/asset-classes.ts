/**
 * The vocabulary of Hozen's asset register: asset classes and the 総務省 use categories
 * (大分類) of public buildings, with their Japanese and English names.
 * Source of the categories: 総務省 公共施設等更新費用試算ソフト (ふるさと財団), restated in
 * docs/standards.md §1.1.
 */

export const ASSET_CLASSES = ['building', 'road', 'bridge', 'water_pipe', 'sewer_pipe'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const ASSET_CLASS_LABELS: Record<AssetClass, { ja: string; en: string; unit: 'm2' | 'm' }> =
  {
    building: { ja: '建物', en: 'Buildings', unit: 'm2' },
    road: { ja: '道路', en: 'Roads', unit: 'm2' },
    bridge: { ja: '橋梁', en: 'Bridges', unit: 'm2' },
    water_pipe: { ja: '上水道管', en: 'Water pipes', unit: 'm' },
    sewer_pipe: { ja: '下水道管', en: 'Sewer pipes', unit: 'm' }
  };

/** 総務省 use categories (大分類) of public buildings, in the order plans list them. */
export const BUILDING_CATEGORIES = [
  'civic_culture',
  'social_education',
  'sports_recreation',
  'industry',
  'school',
  'childcare',
  'health_welfare',
  'medical',
  'administration',
  'public_housing',
  'park',
  'utility_plant',
  'other'
] as const;
export type BuildingCategory = (typeof BUILDING_CATEGORIES)[number];

export const BUILDING_CATEGORY_LABELS: Record<BuildingCategory, { ja: string; en: string }> = {
  civic_culture: { ja: '市民文化系施設', en: 'Civic and cultural' },
  social_education: { ja: '社会教育系施設', en: 'Social education' },
  sports_recreation: { ja: 'スポーツ・レクリエーション系施設', en: 'Sports and recreation' },
  industry: { ja: '産業系施設', en: 'Industry' },
  school: { ja: '学校教育系施設', en: 'Schools' },
  childcare: { ja: '子育て支援施設', en: 'Childcare' },
  health_welfare: { ja: '保健・福祉施設', en: 'Health and welfare' },
  medical: { ja: '医療施設', en: 'Medical' },
  administration: { ja: '行政系施設', en: 'Administration' },
  public_housing: { ja: '公営住宅', en: 'Public housing' },
  park: { ja: '公園', en: 'Parks' },
  utility_plant: { ja: '供給処理施設', en: 'Utility plants' },
  other: { ja: 'その他', en: 'Other' }
};

/**
 * A facility whose use nobody has classified yet: imported from a 公共施設一覧 without a 種別
 * column and a name that says nothing (道の駅, さくら館). Shown as 未分類 and listed to classify;
 * never a building's category (a building is costed by its use).
 */
export const UNCLASSIFIED = 'unclassified';

/** A facility's category as people read it: the 総務省 use categories, and 未分類. */
export const FACILITY_CATEGORY_LABELS: Record<string, { ja: string; en: string }> = {
  ...BUILDING_CATEGORY_LABELS,
  [UNCLASSIFIED]: { ja: '未分類', en: 'Unclassified' }
};

/** Road categories of the 総務省 method (§1.2). */
export const ROAD_CATEGORIES = ['general', 'cycle_pedestrian'] as const;
/** Condition grades: buildings (文科省 A–D), bridges (道路法施行規則 Ⅰ–Ⅳ), pavement (Ⅰ–Ⅲ). */
export const BUILDING_GRADES = ['A', 'B', 'C', 'D'] as const;
export const BRIDGE_GRADES = ['I', 'II', 'III', 'IV'] as const;
export const PAVEMENT_GRADES = ['I', 'II', 'III'] as const;

/** The condition grades an inspection of a class records: bridges I–IV (道路橋定期点検),
 * road pavement I–III, buildings and pipes A–D. */
export function gradesOf(assetClass: AssetClass): readonly string[] {
  if (assetClass === 'bridge') return BRIDGE_GRADES;
  if (assetClass === 'road') return PAVEMENT_GRADES;
  return BUILDING_GRADES;
}

/** Japanese fiscal year (April–March) of a calendar date. */
export function fiscalYearOf(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

/** Building structures (構造). */
export const BUILDING_STRUCTURE_LABELS: Record<string, { ja: string; en: string }> = {
  src: { ja: '鉄骨鉄筋コンクリート造', en: 'Steel-reinforced concrete' },
  rc: { ja: '鉄筋コンクリート造', en: 'Reinforced concrete' },
  steel: { ja: '鉄骨造', en: 'Steel' },
  light_steel: { ja: '軽量鉄骨造', en: 'Light-gauge steel' },
  block: { ja: 'コンクリートブロック造', en: 'Concrete block' },
  wood: { ja: '木造', en: 'Timber' }
};

/** Bridge structures as the 総務省 method prices them (docs/standards.md §1.2). */
export const BRIDGE_STRUCTURES = ['pc', 'rc', 'steel', 'stone', 'wood', 'unknown'] as const;

/** Water pipe kinds: 導水管・送水管 (conveyance) and 配水管 (distribution) (docs/standards.md §1.2). */
export const WATER_PIPE_KINDS = ['conveyance', 'distribution'] as const;

/** Sewer pipe materials as the 総務省 method prices them (docs/standards.md §1.2). */
export const SEWER_MATERIALS = ['concrete', 'clay', 'pvc', 'rehabilitated', 'other'] as const;
