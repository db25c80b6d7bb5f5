/**
 * How a file's columns become Hozen's fields: a mapping. The known formats are presets (Hozen's
 * asset CSV, 公共施設一覧 in both open-data layouts, 固定資産台帳); any other table is mapped once
 * by the user (a mapping JSON, or the import page) and the mapping can be saved and reused.
 *
 * A mapping names, for each field, the column(s) that may hold it (the first present wins; for
 * `code` several present columns are joined with "-", e.g. 番号 and 枝番), constant values for
 * fields the file lacks, and dictionaries from the file's words to Hozen's for any field
 * (`dictionaries`; `categories`, `classes` and `structures` are shorthands). Values are read by
 * header name, never by position.
 */
import { ASSET_FIELDS, type AssetField } from './asset-record';
import type { ImportMapping } from './mapping-schema';
import {
  ASSET_CLASSES,
  BRIDGE_GRADES,
  BRIDGE_STRUCTURES,
  BUILDING_CATEGORIES,
  BUILDING_GRADES,
  BUILDING_STRUCTURE_LABELS,
  ROAD_CATEGORIES,
  SEWER_MATERIALS,
  UNCLASSIFIED,
  WATER_PIPE_KINDS
} from '../engine/asset-classes';

/** A mapping: the columns of each field, constants, dictionaries (checked: `mapping-schema.ts`). */
export type { ImportMapping };

/** Hozen's words for each coded field: what a dictionary may translate the file's words into. */
export const FIELD_WORDS: Record<string, readonly string[]> = {
  class: ASSET_CLASSES,
  category: [...BUILDING_CATEGORIES, UNCLASSIFIED, ...ROAD_CATEGORIES, 'sanitary', 'storm'],
  structure: [...new Set([...Object.keys(BUILDING_STRUCTURE_LABELS), ...BRIDGE_STRUCTURES])],
  material: SEWER_MATERIALS,
  pipe_kind: WATER_PIPE_KINDS,
  condition_grade: [...BUILDING_GRADES, ...BRIDGE_GRADES]
};

export const IMPORT_FORMATS = [
  'hozen',
  'koukyou-shisetsu',
  'kotei-shisan',
  'geojson',
  'mapped'
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ImportTarget = 'assets' | 'facilities' | 'hazards';

export const FACILITY_FIELDS = [
  'code',
  'name',
  'name_kana',
  'category',
  'address',
  'lon',
  'lat',
  'is_shelter',
  'note',
  // A 施設カルテ-style table gives the facility's building on the same row.
  'floor_area',
  'year_built',
  'structure',
  'floors'
] as const;
export type FacilityField = (typeof FACILITY_FIELDS)[number];

export const HAZARD_FIELDS = [
  'kind',
  'level',
  'depth_min_m',
  'depth_max_m',
  'name',
  'source'
] as const;
export type HazardField = (typeof HAZARD_FIELDS)[number];

/** A mapping that maps nothing: every field read under its own name (GeoJSON) or absent. */
export function emptyMapping(target: ImportTarget): ImportMapping {
  return {
    target,
    columns: {},
    values: {},
    dictionaries: {},
    categories: {},
    classes: {},
    structures: {}
  };
}

/**
 * A cell's word in Hozen's words: the mapping's dictionary for the field (`dictionaries`, or the
 * shorthands `categories`, `classes`, `structures`), else the word as it is.
 */
export function translate(mapping: ImportMapping, field: string, word: string): string {
  return (
    wordIn(mapping.dictionaries[field], word) ?? wordIn(shorthandOf(mapping, field), word) ?? word
  );
}

/** A dictionary's entry for a word (its own entries only: a cell saying `constructor` is a word). */
const wordIn = (words: Record<string, string> | undefined, word: string): string | undefined =>
  words && Object.hasOwn(words, word) ? words[word] : undefined;

/** The shorthand key of a field's dictionary (`categories`, `classes`, `structures`). */
function shorthandOf(mapping: ImportMapping, field: string): Record<string, string> | undefined {
  return field === 'category'
    ? mapping.categories
    : field === 'class'
      ? mapping.classes
      : field === 'structure'
        ? mapping.structures
        : undefined;
}

/**
 * A field's whole dictionary (the shorthand's words, then `dictionaries`' over them), or null
 * when the mapping has none: made once for a file, looked up for each of its cells.
 */
export function dictionaryOf(
  mapping: ImportMapping,
  field: string
): ReadonlyMap<string, string> | null {
  const words = new Map([
    ...Object.entries(shorthandOf(mapping, field) ?? {}),
    ...Object.entries(mapping.dictionaries[field] ?? {})
  ]);
  return words.size > 0 ? words : null;
}

/**
 * A mapping to fill in for the words an import did not know: each word with an empty entry
 * (the mapping is refused until every entry names one of Hozen's words).
 */
export function dictionaryTemplate(
  target: ImportTarget,
  unknown: readonly { field: string; value: string }[]
): ImportMapping {
  const dictionaries: Record<string, Record<string, string>> = {};
  for (const { field, value } of unknown) (dictionaries[field] ??= {})[value] = '';
  return { ...emptyMapping(target), dictionaries };
}

/** A mapping (or none) aimed at another target (`--target hazards`). */
export function retarget(mapping: ImportMapping | null, target: ImportTarget): ImportMapping {
  return { ...(mapping ?? emptyMapping(target)), target };
}

/** Hozen's asset CSV: every field under its own name. */
export const HOZEN_PRESET: ImportMapping = {
  ...emptyMapping('assets'),
  columns: Object.fromEntries(ASSET_FIELDS.map((f) => [f, f])) as Record<AssetField, string>
};

/**
 * 公共施設一覧: the first recommended layout (NO, 名称, 住所, 緯度, 経度 …) and the 自治体標準
 * オープンデータセット layout (ID, 名称, 所在地_連結表記 …), with the known variants. The sets
 * carry no 総務省 category: it comes from a 種別/分類 column if the file has one, else from
 * the facility's name (小学校 → school, 公民館 → civic_culture …; see CATEGORY_KEYWORDS).
 */
export const KOUKYOU_SHISETSU_PRESET: ImportMapping = {
  ...emptyMapping('facilities'),
  columns: {
    code: ['ID', 'NO', 'No', 'POIコード'],
    name: ['名称'],
    name_kana: ['名称_カナ'],
    category: ['種別', '分類', '施設分類', '施設種別', '大分類'],
    address: ['住所', '所在地_連結表記', '所在地_連結標記', '所在地'],
    lat: ['緯度'],
    lon: ['経度'],
    note: ['備考', '説明'],
    // 施設カルテ-style lists carry the building on the facility's row.
    floor_area: ['延床面積', '延べ床面積', '延床面積(㎡)', '延床面積（㎡）'],
    year_built: ['建築年', '建築年度', '建築年月日', '竣工年', '竣工年度', '建設年度'],
    structure: ['構造', '主構造', '構造種別'],
    floors: ['階数', '地上階数']
  }
};

/**
 * 固定資産台帳 (統一的な基準): 番号/資産番号 (+ 枝番) → code, 件名/資産名称 → name, 勘定科目 and
 * 用途 → class and category, 構造 → structure, 取得年月日 (or 供用開始年月日; 和暦 or 西暦) → fiscal
 * year built, 数量/延べ床面積 → quantity, 耐用年数, 取得価額. Land, movables and software are
 * skipped (they are not renewed).
 */
export const KOTEI_SHISAN_PRESET: ImportMapping = {
  ...emptyMapping('assets'),
  columns: {
    code: ['資産番号', '番号', '枝番'],
    name: ['件名', '資産名称', '名称'],
    class: ['勘定科目', '科目'],
    category: ['用途', '施設分類', '種別'],
    structure: ['構造'],
    year_built: ['取得年月日', '供用開始年月日', '建築年月日'],
    quantity: ['延べ床面積', '延床面積', '数量', '面積'],
    floors: ['階数'],
    acquisition_yen: ['取得価額', '取得価格'],
    service_life_years: ['耐用年数'],
    facility_code: ['施設コード', '施設番号']
  }
};

/**
 * Keywords of a building's use (in its category, 用途 or name) → 総務省 category: what a Japanese
 * reader infers from a facility's name at a glance. First match wins, so the order matters: a
 * school's 体育館 is a school building, a 福祉会館 is welfare, a 労働会館 industry, 寿町 a place.
 * Tested on a list of real facility names (import-mapping.spec.ts).
 */
export const CATEGORY_KEYWORDS: [RegExp, string][] = [
  [
    /供給処理|浄水|配水池|下水|処理|クリーンセンター|ごみ|清掃|焼却|し尿|斎場|火葬/,
    'utility_plant'
  ],
  [/学校教育|小学校|中学校|義務教育|高等学校|学校|給食/, 'school'],
  [/子育て|保育|幼稚園|こども園|子ども園|児童館|児童クラブ|放課後|学童/, 'childcare'],
  [/保健|福祉|老人|介護|障害|障がい|デイ|高齢者|寿(?!町)|健康/, 'health_welfare'],
  [/医療|病院|診療所/, 'medical'],
  [/産業|勤労|商工|農業|物産|労働会館|温泉|観光/, 'industry'],
  [/社会教育|図書館|博物館|美術館|資料館|史料館|考古館|郷土館|歴史館|文学館/, 'social_education'],
  [
    /スポーツ|レクリエーション|体育館|体育センター|練成館|武道館|プール|運動場|競技場|野球場|球場|グラウンド|グランド|テニス|キャンプ/,
    'sports_recreation'
  ],
  [
    /市民文化|集会|公民館|コミュニティ|文化会館|市民会館|文化センター|市民センター|交流センター|地区センター|学習等供用施設|ホール|会館/,
    'civic_culture'
  ],
  [/行政|庁舎|市役所|町役場|村役場|役場|支所|出張所|消防|防災/, 'administration'],
  [/公営住宅|市営住宅|町営住宅|村営住宅|県営住宅|住宅|団地/, 'public_housing'],
  [/公園|緑地|広場/, 'park'],
  [/その他|駐車場|駐輪場|倉庫|車庫|トイレ|便所/, 'other']
];

/**
 * 構造 as registers write it → Hozen's structure codes (matched after NFKC, so ＲＣ and （ are
 * RC and (): S, RC, SRC, W, CB, LGS, PC; S造, RC造, 鉄骨造, 鉄筋コンクリート造, 鉄骨鉄筋コンクリート造,
 * 木造, 軽量鉄骨造, ブロック造, ＲＣ（鉄筋コンクリート造）.
 */
export const STRUCTURE_KEYWORDS: [RegExp, string][] = [
  [/鉄骨鉄筋|SRC/i, 'src'],
  [/鉄筋コンクリート|RC/i, 'rc'],
  [/軽量鉄骨|LGS|^LS造?$/i, 'light_steel'],
  [/鉄骨|^S造?$|^S[(（]/i, 'steel'],
  [/ブロック|^CB/i, 'block'],
  [/木造|木|^W造?$|^W[(（]/i, 'wood'],
  [/プレストレスト|PC/i, 'pc'],
  [/石/, 'stone']
];

/**
 * A sewer pipe's 管種 as registers write it (words or codes) → Hozen's materials: 更生管 of any
 * kind first, then ヒューム管/コンクリート管 (HP), 陶管, 塩ビ管 (VU, VP, PVC), and the rest (ダクタイル
 * 鋳鉄管/DIP, 鋼管, ポリエチレン管, 強化プラスチック複合管) as other.
 */
export const SEWER_MATERIAL_KEYWORDS: [RegExp, string][] = [
  [/更生/, 'rehabilitated'],
  [/ヒューム|コンクリート|^HP$|^RC/i, 'concrete'],
  [/陶/, 'clay'],
  [/塩ビ|塩化ビニル|^VU|^VP|PVC/i, 'pvc'],
  [/ダクタイル|鋳鉄|DIP|DCIP|鋼管|^SP$|ポリエチレン|^PE$|強化プラスチック|FRP|^PRP$/i, 'other']
];

/**
 * Condition grades as inspection records write them. Bridges and tunnels (道路橋定期点検要領):
 * Ⅰ 健全, Ⅱ 予防保全段階, Ⅲ 早期措置段階, Ⅳ 緊急措置段階. Buildings (文部科学省 学校施設の長寿命化
 * 計画策定に係る解説書): A 概ね良好, B 部分的に劣化, C 広範囲に劣化, D 早急に対応する必要がある.
 */
export const BRIDGE_GRADE_KEYWORDS: [RegExp, string][] = [
  [/^(I|1|Ⅰ)$|健全/i, 'I'],
  [/^(II|2|Ⅱ)$|予防保全/i, 'II'],
  [/^(III|3|Ⅲ)$|早期措置/i, 'III'],
  [/^(IV|4|Ⅳ)$|緊急措置/i, 'IV']
];
export const BUILDING_GRADE_KEYWORDS: [RegExp, string][] = [
  [/^A$|概ね良好|良好/i, 'A'],
  [/^B$|部分的に劣化/i, 'B'],
  [/^C$|広範囲に劣化/i, 'C'],
  [/^D$|早急に対応/i, 'D']
];

/** 勘定科目 and 用途/件名 → asset class; null when the row is not a renewable asset (skipped). */
export function classOfRegisterRow(account: string, use: string, name: string): string | null {
  const text = `${account} ${use} ${name}`;
  if (/土地|立木|物品|備品|ソフトウェア|無形|建設仮勘定|投資|基金/.test(account)) return null;
  if (/建物/.test(account)) return 'building';
  if (/橋/.test(text)) return 'bridge';
  if (/上水|配水管|送水管|導水管|水道管/.test(text)) return 'water_pipe';
  if (/下水|汚水|雨水|管渠|管きょ/.test(text)) return 'sewer_pipe';
  if (/道路|舗装|市道|町道|村道/.test(text)) return 'road';
  if (/工作物|インフラ/.test(account)) return null;
  return null;
}

/** The first keyword rule that matches the text (NFKC: full-width letters as ASCII), or null. */
export function byKeywords(rules: readonly [RegExp, string][], text: string): string | null {
  const plain = text.normalize('NFKC').trim();
  for (const [pattern, value] of rules) if (pattern.test(plain)) return value;
  return null;
}

/** Detects a table's format from its header names. */
export function detectTableFormat(header: readonly string[]): ImportFormat | null {
  const has = (name: string) => header.includes(name);
  if (has('code') && has('class') && has('quantity')) return 'hozen';
  if ((has('勘定科目') || has('取得年月日') || has('取得価額')) && (has('番号') || has('資産番号')))
    return 'kotei-shisan';
  // A 公共施設一覧, or a list made by hand or merged from several (名称 and a position or an
  // address, no ID: its codes are made from each facility's name and address).
  if (has('名称') && (has('緯度') || has('経度') || has('住所') || has('所在地')))
    return 'koukyou-shisetsu';
  return null;
}

/** The preset of a format (null for geojson and mapped, which need a mapping or use defaults). */
export function presetOf(format: ImportFormat): ImportMapping | null {
  return format === 'hozen'
    ? HOZEN_PRESET
    : format === 'koukyou-shisetsu'
      ? KOUKYOU_SHISETSU_PRESET
      : format === 'kotei-shisan'
        ? KOTEI_SHISAN_PRESET
        : null;
}

/** A preset with a user's mapping laid over it (the user's columns, values and words win). */
export function mergeMapping(
  base: ImportMapping | null,
  over: ImportMapping | null
): ImportMapping {
  if (!base) return over!;
  if (!over) return base;
  return {
    target: over.target,
    columns: { ...base.columns, ...over.columns },
    values: { ...base.values, ...over.values },
    dictionaries: Object.fromEntries(
      [...new Set([...Object.keys(base.dictionaries), ...Object.keys(over.dictionaries)])].map(
        (field) => [field, { ...base.dictionaries[field], ...over.dictionaries[field] }]
      )
    ),
    categories: { ...base.categories, ...over.categories },
    classes: { ...base.classes, ...over.classes },
    structures: { ...base.structures, ...over.structures }
  };
}
