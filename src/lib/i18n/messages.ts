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
  navImport: 'データ取込',
  importTitle: 'データの取り込み',
  importIntro:
    '公共施設一覧・固定資産台帳・Hozen資産CSV・GeoJSON・Excel（1枚目のシート）を取り込みます。まず確認し、問題がなければ取り込みます。ファイル全体が正しいときだけ書き込まれます。',
  importFile: 'ファイル',
  importFormat: '形式',
  importFormatAuto: '自動判定',
  importEncoding: '文字コード',
  importEncodingAuto: '自動判定（UTF-8 / Shift_JIS）',
  importCrs: '座標系（GeoJSON）',
  importCrsAuto: '自動判定',
  importTarget: '取り込み先（GeoJSON）',
  importTargetAssets: '資産',
  importTargetHazards: 'ハザード区域',
  importMapping: '列の対応（JSON、任意）',
  importSavedMappings: '保存した対応',
  importSaveMappingAs: 'この対応を名前を付けて保存',
  importValidOnly: '正しい行だけを取り込む（誤りのある行は飛ばして一覧表示）',
  importCheck: '確認する（書き込まない）',
  importRun: '取り込む',
  importUploading: 'アップロード中',
  importChecking: '確認中',
  importWriting: '書き込み中',
  importRows: '行',
  importPreview: '先頭の行',
  importResult: '結果',
  importWritten: '取り込みました',
  importDryRun: '確認のみ（何も書き込んでいません）',
  importNotWritten: '取り込んでいません（何も書き込んでいません）',
  importCreated: '新規',
  importUpdated: '更新',
  importUnchanged: '変更なし',
  importSkipped: '対象外',
  importProblems: '問題',
  importRow: '行',
  importColumn: '列',
  importValue: '値',
  importReason: '理由',
  importUnknownCategories: '分類が分からない用途（対応を指定してください）',
  importUseSuggestion: 'この対応を使う',
  importExports: '書き出し',
  exportAssetsCsv: '資産CSV',
  exportAssetsXlsx: '資産Excel',
  exportAssetsGeoJson: '資産GeoJSON',
  exportProjectionCsv: '更新費用試算CSV',
  exportProjectionXlsx: '更新費用試算Excel',
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
  navImport: 'Import',
  importTitle: 'Import data',
  importIntro:
    'Import a 公共施設一覧 (facility list), a 固定資産台帳 (fixed-asset register), a Hozen asset CSV, GeoJSON or an Excel workbook (first sheet). Check first, then import: nothing is written unless the whole file is valid.',
  importFile: 'File',
  importFormat: 'Format',
  importFormatAuto: 'Detect',
  importEncoding: 'Encoding',
  importEncodingAuto: 'Detect (UTF-8 / Shift_JIS)',
  importCrs: 'Coordinates (GeoJSON)',
  importCrsAuto: 'Detect',
  importTarget: 'Import as (GeoJSON)',
  importTargetAssets: 'Assets',
  importTargetHazards: 'Hazard zones',
  importMapping: 'Column mapping (JSON, optional)',
  importSavedMappings: 'Saved mappings',
  importSaveMappingAs: 'Save this mapping as',
  importValidOnly: 'Import only the valid rows (the others are skipped and listed)',
  importCheck: 'Check (write nothing)',
  importRun: 'Import',
  importUploading: 'Uploading',
  importChecking: 'Checking',
  importWriting: 'Writing',
  importRows: 'rows',
  importPreview: 'First rows',
  importResult: 'Result',
  importWritten: 'Imported',
  importDryRun: 'Checked only (nothing written)',
  importNotWritten: 'Not imported (nothing written)',
  importCreated: 'Created',
  importUpdated: 'Updated',
  importUnchanged: 'Unchanged',
  importSkipped: 'Skipped',
  importProblems: 'Problems',
  importRow: 'Row',
  importColumn: 'Column',
  importValue: 'Value',
  importReason: 'Reason',
  importUnknownCategories: 'Uses with no category (map them)',
  importUseSuggestion: 'Use this mapping',
  importExports: 'Export',
  exportAssetsCsv: 'Assets CSV',
  exportAssetsXlsx: 'Assets Excel',
  exportAssetsGeoJson: 'Assets GeoJSON',
  exportProjectionCsv: 'Projection CSV',
  exportProjectionXlsx: 'Projection Excel',
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
