/**
 * Hozen's one message table, Japanese and English. Japanese terms follow the domain glossary in
 * DESIGN.md. Every key exists in both languages (the type enforces it).
 */
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const ja = {
  appName: 'Hozen 保全',
  tagline: '公共施設・インフラの長期保全計画',
  navHome: 'ホーム',
  navMap: '地図',
  navFloorArea: '築年別延床面積',
  switchLanguage: 'English',
  synthetic: '架空のデモ都市',
  syntheticNote: 'このデータは実在の自治体ではなく、試験用に生成した架空の都市です。',
  homeTitle: '資産の概要',
  homeIntro:
    '市が保有する公共施設とインフラの一覧です。地図で位置と年齢を、グラフで築年別の床面積を確認できます。',
  facilities: '施設',
  count: '件数',
  quantity: '数量',
  totalFloorArea: '延床面積',
  assetClass: '資産区分',
  openMap: '地図を開く',
  openFloorArea: '築年別延床面積を見る',
  mapTitle: '資産マップ',
  layers: 'レイヤー',
  legendBuildingAge: '建物（建築年度）',
  layerBoundary: '市域',
  layerHazard: '洪水浸水想定区域',
  layerWater: '河川・水路',
  layerRail: '鉄道',
  layerBuildings: '建物',
  layerRoads: '道路',
  layerBridges: '橋梁',
  layerWaterPipes: '上水道管',
  layerSewerPipes: '下水道管',
  renderedFeatures: '表示中の地物',
  loading: '読み込み中…',
  floorAreaTitle: '築年別延床面積',
  floorAreaIntro:
    '建築年度ごとの延床面積を用途分類別に積み上げて示します（公共施設等総合管理計画の冒頭に載る図）。',
  fiscalYear: '年度',
  floorArea: '延床面積（㎡）',
  total: '合計',
  builtBefore1981: '旧耐震基準（1980年度以前）',
  olderThan30: '築30年以上',
  unitM2: '㎡',
  unitM: 'm',
  unitKm: 'km',
  yearSuffix: '年度',
  tableCaption: 'グラフの数値'
} as const;

type Messages = Record<keyof typeof ja, string>;

const en: Messages = {
  appName: 'Hozen',
  tagline: 'Long-term planning for public buildings and infrastructure',
  navHome: 'Home',
  navMap: 'Map',
  navFloorArea: 'Floor area by year built',
  switchLanguage: '日本語',
  synthetic: 'Synthetic demo city',
  syntheticNote:
    'This is not a real municipality: the city and its data are generated for demonstration.',
  homeTitle: 'Asset overview',
  homeIntro:
    "The city's public buildings and infrastructure. The map shows where they are and how old; the chart shows floor area by year built.",
  facilities: 'Facilities',
  count: 'Count',
  quantity: 'Quantity',
  totalFloorArea: 'Total floor area',
  assetClass: 'Asset class',
  openMap: 'Open the map',
  openFloorArea: 'See floor area by year built',
  mapTitle: 'Asset map',
  layers: 'Layers',
  legendBuildingAge: 'Buildings (year built)',
  layerBoundary: 'City boundary',
  layerHazard: 'Flood zones',
  layerWater: 'Rivers and channels',
  layerRail: 'Railway',
  layerBuildings: 'Buildings',
  layerRoads: 'Roads',
  layerBridges: 'Bridges',
  layerWaterPipes: 'Water pipes',
  layerSewerPipes: 'Sewer pipes',
  renderedFeatures: 'Features shown',
  loading: 'Loading…',
  floorAreaTitle: 'Floor area by year built',
  floorAreaIntro:
    'Floor area of public buildings by fiscal year of construction, stacked by use category (the chart every Japanese facility plan opens with).',
  fiscalYear: 'Fiscal year',
  floorArea: 'Floor area (㎡)',
  total: 'Total',
  builtBefore1981: 'Old seismic code (built FY1980 or before)',
  olderThan30: '30 years or older',
  unitM2: 'm²',
  unitM: 'm',
  unitKm: 'km',
  yearSuffix: '',
  tableCaption: 'The numbers in the chart'
};

export const messages: Record<Lang, Messages> = { ja, en };
export type MessageKey = keyof Messages;

/** The message for `key` in `lang`. */
export function t(lang: Lang, key: MessageKey): string {
  return messages[lang][key];
}

/** The language stored in the `lang` cookie, Japanese by default. */
export function langFromCookie(value: string | undefined): Lang {
  return value === 'en' ? 'en' : 'ja';
}

/** A number with the language's grouping, rounded to `digits`. */
export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits
  });
}
