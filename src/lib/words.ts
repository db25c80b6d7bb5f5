/**
 * Hozen's coded words as people read them: every stored key a page shows (a category, a structure,
 * a pipe material, an inspection part) has its Japanese and English label here, so that no page
 * prints an internal key. A word with no label (a city's own) is shown as it is.
 */
import {
  ASSET_CLASS_LABELS,
  BUILDING_STRUCTURE_LABELS,
  FACILITY_CATEGORY_LABELS
} from './engine/asset-classes';
import type { Lang } from './i18n/messages';

type Labels = Record<string, { ja: string; en: string }>;

const CATEGORY: Labels = {
  ...FACILITY_CATEGORY_LABELS,
  general: { ja: '一般道路', en: 'General road' },
  cycle_pedestrian: { ja: '自転車歩行者道', en: 'Cycle and pedestrian' },
  conveyance: { ja: '導水管・送水管', en: 'Conveyance main' },
  distribution: { ja: '配水管', en: 'Distribution main' },
  sanitary: { ja: '汚水', en: 'Sanitary' },
  storm: { ja: '雨水', en: 'Storm' },
  bridge: { ja: '橋梁', en: 'Bridge' }
};

export const STRUCTURE_WORDS: Labels = {
  ...BUILDING_STRUCTURE_LABELS,
  pc: { ja: 'PC橋', en: 'Prestressed concrete' },
  stone: { ja: '石橋', en: 'Stone' },
  unknown: { ja: '不明', en: 'Unknown' }
};

const MATERIAL: Labels = {
  cast_iron: { ja: '鋳鉄管', en: 'Cast iron' },
  ductile_iron: { ja: 'ダクタイル鋳鉄管', en: 'Ductile iron' },
  steel: { ja: '鋼管', en: 'Steel' },
  asbestos_cement: { ja: '石綿セメント管', en: 'Asbestos cement' },
  pvc: { ja: '塩ビ管', en: 'PVC' },
  polyethylene: { ja: 'ポリエチレン管', en: 'Polyethylene' },
  concrete: { ja: 'コンクリート管（ヒューム管）', en: 'Concrete' },
  clay: { ja: '陶管', en: 'Clay' },
  rehabilitated: { ja: '更生管', en: 'Rehabilitated' },
  asphalt: { ja: 'アスファルト舗装', en: 'Asphalt' },
  other: { ja: 'その他', en: 'Other' }
};

/** The parts a building inspection grades (文科省 解説書), and a bridge's whole. */
const PART: Labels = {
  roof: { ja: '屋根・屋上', en: 'Roof' },
  exterior: { ja: '外壁', en: 'Exterior walls' },
  interior: { ja: '内部仕上げ', en: 'Interior' },
  electrical: { ja: '電気設備', en: 'Electrical' },
  mechanical: { ja: '機械設備', en: 'Mechanical' },
  overall: { ja: '全体', en: 'Whole' }
};

/** The audit log's actions and what they act on. */
const AUDIT_ACTION: Labels = {
  create: { ja: '作成', en: 'Created' },
  update: { ja: '変更', en: 'Changed' },
  delete: { ja: '削除', en: 'Deleted' },
  import: { ja: '取込', en: 'Imported' },
  seed: { ja: 'デモデータ作成', en: 'Demo data created' },
  classify: { ja: '用途の分類', en: 'Classified' },
  importance: { ja: '重要度の設定', en: 'Importance set' },
  inspect: { ja: '点検の記録', en: 'Inspection recorded' },
  policy: { ja: '方針の設定', en: 'Policy chosen' },
  revoke: { ja: '無効化', en: 'Revoked' },
  add: { ja: '追加', en: 'Added' },
  adopt: { ja: '策定', en: 'Adopted' },
  record: { ja: '実績の記録', en: 'Work done recorded' }
};
const AUDIT_ENTITY: Labels = {
  asset: { ja: '資産', en: 'Asset' },
  facility: { ja: '施設', en: 'Facility' },
  scenario: { ja: 'シナリオ', en: 'Scenario' },
  share_link: { ja: '閲覧用リンク', en: 'Council link' },
  standard: { ja: '試算基準', en: 'Standard' },
  user: { ja: 'ユーザー', en: 'User' },
  database: { ja: 'データベース', en: 'Database' },
  plan: { ja: '個別施設計画', en: 'Facility plan' },
  plan_item: { ja: '計画の措置', en: 'Planned action' },
  actual: { ja: '実績', en: 'Work done' },
  condition_model: { ja: '劣化モデル', en: 'Condition model' },
  targets: { ja: '数値目標', en: 'Targets' },
  report_settings: { ja: '計画書の設定', en: 'Report settings' },
  report_text: { ja: '計画書の本文', en: 'Report text' },
  population: { ja: '人口（小地域）', en: 'Population (small areas)' },
  facility_usage: { ja: '利用実績（利用者数・経費）', en: 'Use per year (users, cost)' },
  consultation: { ja: '意見募集', en: 'Consultation' },
  facility_photo: { ja: '施設の写真', en: 'Facility photo' },
  public_comment: { ja: '寄せられた意見', en: 'Public comment' },
  settings: { ja: '設定', en: 'Settings' }
};

/** Stored fields as the audit and the refusals name them. */
const FIELD: Labels = {
  workType: { ja: '工事種別', en: 'work type' },
  completedOn: { ja: '完了日', en: 'completion date' },
  cost: { ja: '金額', en: 'cost' },
  contractor: { ja: '業者', en: 'contractor' },
  planItemId: { ja: '計画の措置', en: 'plan item' },
  inspectedOn: { ja: '点検日', en: 'inspection date' },
  grade: { ja: '判定', en: 'grade' },
  inspector: { ja: '点検者', en: 'inspector' },
  note: { ja: '備考', en: 'note' },
  year: { ja: '年度', en: 'year' },
  into: { ja: '統合先', en: 'consolidated into' },
  condition_grade: { ja: '劣化状況', en: 'condition grade' },
  soundness: { ja: '健全度', en: 'soundness' },
  inspected_on: { ja: '点検日', en: 'inspection date' },
  importance: { ja: '重要度', en: 'importance' },
  policy: { ja: '方針', en: 'policy' },
  policy_year: { ja: '方針の年度', en: 'policy year' },
  consolidate_into: { ja: '統合先', en: 'consolidated into' },
  name: { ja: '名称', en: 'name' },
  standard: { ja: '試算基準', en: 'standard' },
  startYear: { ja: '開始年度', en: 'first year' },
  years: { ja: '期間', en: 'years' },
  category: { ja: '用途', en: 'use category' },
  'params.budget': { ja: '予算', en: 'budget' },
  'params.inflation': { ja: '物価上昇率', en: 'inflation' },
  'params.discount': { ja: '割引率', en: 'discount rate' },
  'params.referenceInvestment': { ja: '直近の投資額', en: 'recent investment' },
  'params.weights': { ja: '優先度の重み', en: 'priority weights' },
  'params.overrides': { ja: 'シナリオの設定', en: 'overrides' },
  'params.facilityPolicies': { ja: '施設カルテの方針の反映', en: "the cards' policies" },
  'params.adoptedPlan': { ja: '個別施設計画の反映', en: 'the adopted plan' },
  'params.committed': { ja: '確定した工事', en: 'committed works' },
  'params.samples': { ja: '試行回数', en: 'samples' },
  'params.seed': { ja: '乱数の種', en: 'seed' }
};

const WORDS = {
  class: ASSET_CLASS_LABELS as Labels,
  category: CATEGORY,
  structure: STRUCTURE_WORDS,
  material: MATERIAL,
  part: PART,
  auditAction: AUDIT_ACTION,
  auditEntity: AUDIT_ENTITY,
  field: FIELD
} as const;

/** A coded word in the reader's language, or the word itself when Hozen has no label for it. */
export function wordLabel(field: keyof typeof WORDS, key: string, lang: Lang): string {
  return WORDS[field][key]?.[lang] ?? key;
}
