/**
 * What Hozen publishes for the city's open-data catalogue:
 * - 公共施設一覧 in the 自治体標準オープンデータセット layout: the standard's columns in its order
 *   (the common block, reference/standards.md §5.2), UTF-8 with a BOM, CRLF line ends (what Excel
 *   and the catalogues expect), the 全国地方公共団体コード from the city's settings. The standard
 *   has no use-category column: Hozen names the category in 備考 as 「施設分類：学校教育系施設」,
 *   which its own importer reads back (so a round trip keeps the facilities as they were). Internal
 *   fields (notes, policies, costs) are never written.
 * - The plan's summary as JSON and as CSV (指標, 値, 単位): the report's key figures.
 */
import { BUILDING_CATEGORY_LABELS, type BuildingCategory } from '../engine/asset-classes';
import { csvField } from './csv-cell';
import { CATEGORY_TAG } from './import-rows';

/** The standard's columns, in its order (自治体標準オープンデータセット, common block). */
export const OPEN_DATA_FACILITY_COLUMNS = [
  '全国地方公共団体コード',
  'ID',
  '地方公共団体名',
  '名称',
  '名称_カナ',
  '名称_英字',
  '所在地_全国地方公共団体コード',
  '町字ID',
  '所在地_連結表記',
  '所在地_都道府県',
  '所在地_市区町村',
  '所在地_町字',
  '所在地_番地以下',
  '建物名等(方書)',
  '緯度',
  '経度',
  '電話番号',
  '内線番号',
  '連絡先メールアドレス',
  '連絡先FormURL',
  '連絡先備考（その他、SNSなど）',
  '郵便番号',
  '法人番号',
  '団体名',
  '利用可能曜日',
  '開始時間',
  '終了時間',
  '利用可能日時特記事項',
  '画像',
  '画像_ライセンス',
  'URL',
  '備考'
] as const;
type Column = (typeof OPEN_DATA_FACILITY_COLUMNS)[number];

/** A facility as it is published (public fields only). */
export interface PublicFacility {
  code: string;
  name: string;
  nameKana: string | null;
  category: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/** The city as the file names it. */
export interface PublishingCity {
  code: string | null;
  nameJa: string;
}

/** The 公共施設一覧 CSV (text with its BOM). */
export function facilitiesOpenDataCsv(
  city: PublishingCity,
  facilities: readonly PublicFacility[]
): string {
  const lines = [OPEN_DATA_FACILITY_COLUMNS.map(csvField).join(',')];
  for (const f of facilities) {
    const label = BUILDING_CATEGORY_LABELS[f.category as BuildingCategory]?.ja;
    const values: Partial<Record<Column, string | number | null>> = {
      全国地方公共団体コード: city.code,
      ID: f.code,
      地方公共団体名: city.nameJa,
      名称: f.name,
      名称_カナ: f.nameKana,
      所在地_全国地方公共団体コード: city.code,
      所在地_連結表記: f.address,
      緯度: f.lat,
      経度: f.lon,
      備考: label ? `${CATEGORY_TAG}${label}` : null
    };
    lines.push(OPEN_DATA_FACILITY_COLUMNS.map((c) => csvField(values[c] ?? null)).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One figure of the plan's summary. */
export interface SummaryFigure {
  key: string;
  label: string;
  value: number | string | null;
  unit: string;
}

/** The summary as CSV (指標キー, 指標, 値, 単位), UTF-8 with a BOM. */
export function summaryCsv(figures: readonly SummaryFigure[]): string {
  const lines = [['key', '指標', '値', '単位'].join(',')];
  for (const f of figures)
    lines.push([f.key, f.label, f.value ?? '', f.unit].map((v) => csvField(v)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
