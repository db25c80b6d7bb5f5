/**
 * A first mapping for a table Hozen cannot read on its own, as a person would make it: each of
 * Hozen's fields matched to the column whose header says it (建築年度, 延床面積 …) and whose
 * values look like it (years, numbers, latitudes); each coded field's words matched to Hozen's by
 * the same rules the import uses. Pure: the import page runs it on the file's first rows and the
 * user corrects what it got wrong. Also the labels people read for fields and words.
 */
import {
  ASSET_CLASS_LABELS,
  ASSET_CLASSES,
  FACILITY_CATEGORY_LABELS
} from '../engine/asset-classes';
import { STRUCTURE_WORDS } from '../words';
import { ASSET_FIELDS } from './asset-record';
import { cellValue } from './empty-words';
import {
  BRIDGE_GRADE_KEYWORDS,
  BUILDING_GRADE_KEYWORDS,
  byKeywords,
  CATEGORY_KEYWORDS,
  emptyMapping,
  FACILITY_FIELDS,
  FIELD_WORDS,
  presetOf,
  SEWER_MATERIAL_KEYWORDS,
  STRUCTURE_KEYWORDS,
  type ImportFormat,
  type ImportMapping,
  type ImportTarget
} from './import-mapping';
import { readNumber } from './number-text';
import { fiscalYearOfText, parseJapaneseYear } from './wareki';

type Label = { ja: string; en: string };

/** What the import page needs to map a file's columns: its head, words and a first mapping. */
export interface Inspection {
  /** The format Hozen recognises the table as, or null (the user maps it). */
  format: ImportFormat | null;
  target: ImportTarget;
  header: string[];
  /** The first data rows (at most 20), for the preview. */
  samples: string[][];
  /** Each column's distinct values in the first 5,000 rows (at most 50, most frequent first). */
  words: Record<string, { value: string; rows: number }[]>;
  mapping: ImportMapping;
}

/** Hozen's fields as people call them. */
export const FIELD_LABELS: Record<string, Label> = {
  code: { ja: '番号（ID）', en: 'Code (ID)' },
  name: { ja: '名称', en: 'Name' },
  name_kana: { ja: '名称（カナ）', en: 'Name (kana)' },
  class: { ja: '資産の種類', en: 'Asset class' },
  category: { ja: '用途分類', en: 'Use category' },
  year_built: { ja: '建築年度・布設年度', en: 'Year built' },
  quantity: { ja: '数量（延床面積・延長）', en: 'Quantity (floor area, length)' },
  unit: { ja: '単位', en: 'Unit' },
  structure: { ja: '構造', en: 'Structure' },
  material: { ja: '管種', en: 'Pipe material' },
  diameter_mm: { ja: '口径（mm）', en: 'Diameter (mm)' },
  pipe_kind: { ja: '管の区分（導水・送水／配水）', en: 'Pipe kind' },
  facility_code: { ja: '施設番号', en: 'Facility code' },
  importance: { ja: '重要度（1〜5）', en: 'Importance (1–5)' },
  condition_grade: { ja: '劣化度・健全度', en: 'Condition grade' },
  soundness: { ja: '健全度（点数）', en: 'Soundness (score)' },
  floors: { ja: '階数', en: 'Floors' },
  acquisition_yen: { ja: '取得価額（円）', en: 'Acquisition value (yen)' },
  service_life_years: { ja: '耐用年数', en: 'Service life (years)' },
  acquired_on: { ja: '取得年月日', en: 'Acquired on' },
  lon: { ja: '経度', en: 'Longitude' },
  lat: { ja: '緯度', en: 'Latitude' },
  geometry: { ja: '形状（GeoJSON）', en: 'Geometry (GeoJSON)' },
  address: { ja: '所在地', en: 'Address' },
  is_shelter: { ja: '避難所', en: 'Shelter' },
  note: { ja: '備考', en: 'Note' },
  floor_area: { ja: '延床面積（建物を作る）', en: 'Floor area (creates the building)' }
};

/** Hozen's words of the coded fields as people call them. */
export const WORD_LABELS: Record<string, Record<string, Label>> = {
  class: ASSET_CLASS_LABELS,
  category: {
    ...FACILITY_CATEGORY_LABELS,
    general: { ja: '一般道路', en: 'General road' },
    cycle_pedestrian: { ja: '自転車歩行者道', en: 'Cycle and pedestrian' },
    sanitary: { ja: '汚水', en: 'Sanitary' },
    storm: { ja: '雨水', en: 'Storm' }
  },
  structure: STRUCTURE_WORDS,
  material: {
    concrete: { ja: 'コンクリート管（ヒューム管）', en: 'Concrete' },
    clay: { ja: '陶管', en: 'Clay' },
    pvc: { ja: '塩ビ管', en: 'PVC' },
    rehabilitated: { ja: '更生管', en: 'Rehabilitated' },
    other: { ja: 'その他', en: 'Other' }
  },
  pipe_kind: {
    conveyance: { ja: '導水管・送水管', en: 'Conveyance' },
    distribution: { ja: '配水管', en: 'Distribution' }
  },
  condition_grade: {
    A: { ja: 'A（概ね良好）', en: 'A (good)' },
    B: { ja: 'B（部分的に劣化）', en: 'B (partly worn)' },
    C: { ja: 'C（広範囲に劣化）', en: 'C (widely worn)' },
    D: { ja: 'D（早急に対応）', en: 'D (act now)' },
    I: { ja: 'Ⅰ（健全）', en: 'I (sound)' },
    II: { ja: 'Ⅱ（予防保全段階）', en: 'II (preventive)' },
    III: { ja: 'Ⅲ（早期措置段階）', en: 'III (early action)' },
    IV: { ja: 'Ⅳ（緊急措置段階）', en: 'IV (urgent)' }
  }
};

/** The coded fields: those whose words a dictionary translates. */
export const CODED_FIELDS = Object.keys(FIELD_WORDS);

/** The fields of a target, in the order the page lists them. */
export function fieldsOf(target: ImportTarget): readonly string[] {
  return target === 'facilities' ? FACILITY_FIELDS : ASSET_FIELDS.filter((f) => f !== 'geometry');
}

/** Words a header holds for each field (after NFKC, spaces and brackets' contents removed). */
const HEADER_WORDS: Record<string, string[]> = {
  code: ['ID', 'NO', '番号', 'コード', '管理番号', '資産番号', '施設番号', '台帳番号', '整理番号'],
  name: ['名称', '施設名', '資産名', '件名', '路線名', '橋梁名', '橋名'],
  name_kana: ['カナ', 'かな', 'フリガナ', 'ふりがな'],
  class: ['資産区分', '種類', '勘定科目', '区分'],
  category: ['用途', '種別', '分類', '施設分類', '施設種別', '大分類'],
  year_built: [
    '建築年',
    '建設年',
    '竣工',
    '築年',
    '布設年',
    '架設年',
    '供用開始',
    '取得年月日',
    '年度'
  ],
  quantity: ['延床面積', '延べ床面積', '床面積', '面積', '延長', '数量', '橋面積'],
  floor_area: ['延床面積', '延べ床面積', '床面積'],
  unit: ['単位'],
  structure: ['構造', '構造種別', '主構造', '上部工'],
  material: ['管種', '材質', '管材'],
  diameter_mm: ['口径', '管径', '呼び径'],
  pipe_kind: ['管区分', '管路区分', '導送配'],
  facility_code: ['施設コード', '施設番号', '施設ID'],
  importance: ['重要度', '優先度'],
  condition_grade: ['劣化度', '健全度', '判定', '評価', '診断'],
  soundness: ['健全度点数', '点数', 'スコア'],
  floors: ['階数', '地上階'],
  acquisition_yen: ['取得価額', '取得価格', '取得額'],
  service_life_years: ['耐用年数'],
  lon: ['経度', 'lon', 'lng', 'longitude', 'X座標'],
  lat: ['緯度', 'lat', 'latitude', 'Y座標'],
  address: ['所在地', '住所', '所在'],
  is_shelter: ['避難所', '避難場所'],
  note: ['備考', '説明', 'メモ']
};

const plain = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** Whether most non-empty sample values look like the field's (a year, a number …); null: no test. */
function valuesFit(field: string, values: readonly string[]): boolean | null {
  const given = values.map(cellValue).filter((v) => v !== '');
  if (given.length === 0) return null;
  const share = (test: (v: string) => boolean) => given.filter(test).length / given.length >= 0.6;
  const number = (v: string) => {
    const read = readNumber(v);
    return read.ok && read.value !== null ? read.value : null;
  };
  switch (field) {
    case 'year_built':
      return share((v) => (parseJapaneseYear(v) ?? fiscalYearOfText(v)) !== null);
    case 'quantity':
    case 'floor_area':
    case 'acquisition_yen':
    case 'diameter_mm':
    case 'floors':
    case 'service_life_years':
      return share((v) => (number(v) ?? -1) >= 0);
    case 'lat':
      return share((v) => Math.abs((number(v) ?? 0) - 35) <= 12);
    case 'lon':
      return share((v) => Math.abs((number(v) ?? 0) - 137) <= 18);
    case 'class':
    case 'category':
    case 'structure':
    case 'material':
    case 'condition_grade':
      return share((v) => suggestWord(field, v) !== '');
    default:
      return null;
  }
}

/** How well a column suits a field: by its header, then by its values (0: not at all). */
function score(field: string, header: string, values: readonly string[]): number {
  const h = plain(header);
  if (h === '') return 0;
  if (h === field) return 10; // Hozen's own name
  const words = (HEADER_WORDS[field] ?? []).map(plain);
  let s = words.includes(h) ? 6 : words.some((w) => h.includes(w)) ? 3 : 0;
  if (s === 0) return 0;
  const fit = valuesFit(field, values);
  if (fit === true) s += 2;
  if (fit === false) return 0; // 建築年 holding names is not the year built
  return s;
}

/** Hozen's word for a file's word by the import's own rules, or '' when none fits. */
export function suggestWord(field: string, word: string): string {
  const w = word.normalize('NFKC').trim();
  const known = FIELD_WORDS[field] ?? [];
  if (known.includes(w)) return w;
  if (known.includes(w.toLowerCase())) return w.toLowerCase();
  const labelled = Object.entries(WORD_LABELS[field] ?? {}).find(([, l]) => l.ja === w);
  if (labelled) return labelled[0];
  switch (field) {
    case 'class':
      return /建物|庁舎|施設/.test(w)
        ? 'building'
        : /橋/.test(w)
          ? 'bridge'
          : /下水|汚水|雨水|管渠|管きょ/.test(w)
            ? 'sewer_pipe'
            : /上水|水道|配水|送水|導水/.test(w)
              ? 'water_pipe'
              : /道路|舗装|市道|町道|村道/.test(w)
                ? 'road'
                : '';
    case 'category':
      return byKeywords(CATEGORY_KEYWORDS, w) ?? '';
    case 'structure':
      return byKeywords(STRUCTURE_KEYWORDS, w) ?? '';
    case 'material':
      return byKeywords(SEWER_MATERIAL_KEYWORDS, w) ?? '';
    case 'pipe_kind':
      return /配水/.test(w) ? 'distribution' : /導水|送水/.test(w) ? 'conveyance' : '';
    case 'condition_grade':
      return byKeywords(BUILDING_GRADE_KEYWORDS, w) ?? byKeywords(BRIDGE_GRADE_KEYWORDS, w) ?? '';
    default:
      return '';
  }
}

/** Which target a table is most likely for: a facility list names places, a register assets. */
export function suggestTarget(header: readonly string[]): ImportTarget {
  const h = header.map(plain);
  const has = (words: string[]) => h.some((x) => words.some((w) => x.includes(plain(w))));
  if (has(['勘定科目', '資産番号', '管種', '口径', '延長', '資産区分', '取得価額']))
    return 'assets';
  if (has(['名称', '施設名']) && has(['所在地', '住所', '緯度', '経度'])) return 'facilities';
  return 'assets';
}

/**
 * The columns of a first mapping: each field's best-scoring column, every column used once
 * (the strongest match first). With a known format, its preset's columns that the header has.
 */
export function suggestMapping(
  header: readonly string[],
  samples: readonly (readonly string[])[],
  target: ImportTarget,
  format: ImportFormat | null = null
): ImportMapping {
  const mapping = emptyMapping(target);
  const preset = format ? presetOf(format) : null;
  if (preset && preset.target === target) {
    for (const [field, names] of Object.entries(preset.columns)) {
      const present = [names].flat().filter((n) => header.includes(n));
      if (present.length) mapping.columns[field] = field === 'code' ? present : present[0]!;
    }
    return mapping;
  }
  const columnValues = header.map((_, i) => samples.map((row) => row[i] ?? ''));
  const candidates: { field: string; column: number; score: number }[] = [];
  for (const field of fieldsOf(target))
    header.forEach((h, i) => {
      const s = score(field, h, columnValues[i]!);
      if (s > 0) candidates.push({ field, column: i, score: s });
    });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping.columns[c.field] !== undefined || used.has(c.column)) continue;
    mapping.columns[c.field] = header[c.column]!;
    used.add(c.column);
  }
  // A table of one kind of asset (a bridge register) gives no class column: say which it is.
  if (target === 'assets' && mapping.columns.class === undefined) {
    const text = header.join(' ');
    const cls =
      ASSET_CLASSES.find((c) => c !== 'building' && suggestWord('class', text) === c) ??
      (/延床|床面積/.test(text) ? 'building' : undefined);
    if (cls) mapping.values.class = cls;
  }
  return mapping;
}

/**
 * The dictionary entries a page pre-fills for a field's words: each word with Hozen's word by
 * the rules ('' when none fits: the user chooses).
 */
export function suggestWords(field: string, words: readonly string[]): Record<string, string> {
  return Object.fromEntries(words.map((w) => [w, suggestWord(field, w)]));
}
