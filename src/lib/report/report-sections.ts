/**
 * The plan report's sections — the chapter of a 公共施設等総合管理計画 that the ministry's notice on
 * revising the plans asks for (総務省「令和3年度までの公共施設等総合管理計画の見直しに当たって留意
 * すべき事項について」, 令和3年1月26日): 1 現状, 2 施設保有量と有形固定資産減価償却率の推移, 3 過去に
 * 行った対策の実績, 4 中長期的な経費の見込みと充当可能な財源, 5 数値目標, 6 施設類型ごとの方針.
 *
 * Pure: the report's data in, its sections out — prose (the city's templates, numbers filled in),
 * tables (numbers kept as numbers, each with a footnote naming the data, the standard and the
 * scenario) and charts. The printed document and the workbook are drawn from the same tables.
 */
import {
  ASSET_CLASSES,
  ASSET_CLASS_LABELS,
  BUILDING_CATEGORIES,
  type AssetClass
} from '../engine/asset-classes';
import { ACTUAL_WORK_LABELS, ACTUAL_WORK_TYPES, type ActualWorkType } from '../engine/actuals';
import { FIRST_YEAR_RULES, type FirstYearRule } from '../engine/depreciation';
import { formatNumber, t, type Lang } from '../i18n/messages';
import { TARGET_LABELS, type TargetPath } from '../plan/targets';
import { FACILITY_POLICIES } from '../record-card';
import { standardLabel } from '../scenario';
import { wordLabel } from '../words';
import type { ReportData, ReportScenario, ReportSectionId } from './report-data';
import { DEFAULT_TEXTS, fillTemplate, fundingVerdict } from './report-texts';

/** How a column's numbers read: yen in 億円 (2 places), ㎡, counts, percentages, years, text. */
export type ColumnKind = 'oku' | 'area' | 'count' | 'pct' | 'number' | 'year' | 'text';

export interface ReportTable {
  /** Short and unique: the workbook's sheet name (≤ 31 characters). */
  id: string;
  title: string;
  columns: { label: string; kind: ColumnKind }[];
  /** Yen stay yen (the document shows 億円; the workbook keeps yen); percentages stay 0–100. */
  rows: (string | number | null)[][];
  footnote: string;
}

export interface ReportChart {
  title: string;
  labels: string[];
  bars: { name: string; values: number[]; color: string }[];
  line?: { name: string; values: number[]; color: string };
  /** What one unit of the values is, e.g. 億円 or ㎡. */
  unit: string;
  /** Divide the values by this before drawing (yen → 億円). */
  divisor: number;
}

export interface ReportSection {
  id: ReportSectionId;
  number: number;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  charts: ReportChart[];
  /** What is missing for the section to say more (shown as a note). */
  missing: string[];
}

export interface Report {
  title: string;
  subtitle: string;
  sections: ReportSection[];
}

/** The sections' headings, in the notice's words. */
export const SECTION_HEADINGS: Record<ReportSectionId, { ja: string; en: string }> = {
  current: { ja: '公共施設等の現状', en: 'Public facilities and infrastructure today' },
  history: {
    ja: '施設保有量の推移と有形固定資産減価償却率の推移',
    en: 'Stock and depreciation ratio over time'
  },
  measures: { ja: '過去に行った対策の実績', en: 'Measures taken so far' },
  costs: {
    ja: '維持管理・更新等に係る中長期的な経費の見込み',
    en: 'Medium- and long-term costs of upkeep and renewal'
  },
  targets: { ja: '数値目標とその道筋', en: 'Numeric targets and the path to them' },
  policies: {
    ja: '施設類型ごとの管理に関する基本的な方針',
    en: 'Policies by type of facility'
  }
};

const FIRST_YEAR_LABELS: Record<FirstYearRule, { ja: string; en: string }> = {
  months: { ja: '取得年度は月割', en: 'first year by months' },
  full: { ja: '取得年度に1年分', en: 'a whole year in the year acquired' },
  next_year: { ja: '取得の翌年度から', en: 'from the year after acquisition' }
};
export const firstYearLabel = (rule: FirstYearRule, lang: Lang) =>
  (FIRST_YEAR_LABELS[rule] ?? FIRST_YEAR_LABELS[FIRST_YEAR_RULES[0]])[lang];

/** The horizons the notice's tables sum over. */
const PERIODS = [10, 20, 30, 40];

/** The report for `lang`. */
export function buildReport(data: ReportData, lang: Lang): Report {
  const w = new Words(data, lang);
  const sections = [
    current(data, w),
    history(data, w),
    measures(data, w),
    costs(data, w),
    targets(data, w),
    policies(data, w)
  ].map((s, k) => ({ ...s, number: k + 1 }));
  return {
    title:
      lang === 'ja'
        ? '公共施設等総合管理計画 資料編'
        : 'Public facilities management plan: data chapter',
    subtitle: w.j(
      `${w.city}\u3000${data.asOfYear}年度末時点のデータによる（${w.date(data.generatedAt)}作成）`,
      `${w.city}, on the data at the end of FY${data.asOfYear} (made ${w.date(data.generatedAt)})`
    ),
    sections
  };
}

/** The words and number formats of one language, and the footnotes' common parts. */
class Words {
  readonly city: string;
  constructor(
    readonly data: ReportData,
    readonly lang: Lang
  ) {
    this.city = lang === 'ja' ? data.city.nameJa : data.city.nameEn;
  }
  j = (ja: string, en: string) => (this.lang === 'ja' ? ja : en);
  n = (v: number, digits = 0) => formatNumber(this.lang, v, digits);
  oku = (yen: number) => formatNumber(this.lang, yen / 1e8, 2);
  pct = (share: number) => formatNumber(this.lang, share * 100, 1);
  fy = (year: number) => (this.lang === 'ja' ? `${year}年度` : `FY${year}`);
  date = (iso: string) => iso.slice(0, 10);
  category = (key: string) => wordLabel('category', key, this.lang);
  assetClass = (key: string) =>
    (ASSET_CLASS_LABELS as Record<string, { ja: string; en: string }>)[key]?.[this.lang] ?? key;
  /** 資料: the register at the as-of year (and the synthetic city said as such). */
  get register(): string {
    // Said once: a demo city's name already says it is made up (デモ市（架空）).
    const synthetic =
      this.data.city.synthetic && !/架空|synthetic/i.test(this.city)
        ? this.j('（架空のデモ都市）', ' (a synthetic demo city)')
        : '';
    return this.j(
      `資料：${this.city}${synthetic}の施設・資産台帳（Hozen、${this.data.asOfYear}年度末時点、${this.date(this.data.generatedAt)}集計）`,
      `Source: ${this.city}${synthetic} register of facilities and assets (Hozen, end of FY${this.data.asOfYear}, tallied ${this.date(this.data.generatedAt)})`
    );
  }
  scenario(s: ReportScenario): string {
    return this.j(
      `シナリオ「${s.name}」（No.${s.id}、試算基準：${standardLabel(s.standard, 'ja')}、${s.startYear}〜${s.startYear + s.years - 1}年度、${this.date(s.computedAt)}計算）`,
      `scenario “${s.name}” (no. ${s.id}, standard: ${standardLabel(s.standard, 'en')}, FY${s.startYear}–${s.startYear + s.years - 1}, computed ${this.date(s.computedAt)})`
    );
  }
  text(section: ReportSectionId, values: Record<string, string | null>): string[] {
    const template = this.data.texts[section] ?? DEFAULT_TEXTS[this.lang][section];
    return fillTemplate(template, values)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
  }
}

type Built = Omit<ReportSection, 'number'>;

/** A section with nothing to show yet but what it needs. */
const missingOnly = (id: ReportSectionId, w: Words, missing: string[]): Built => ({
  id,
  heading: SECTION_HEADINGS[id][w.lang],
  paragraphs: [],
  tables: [],
  charts: [],
  missing
});
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

// ─── 1 現状 ────────────────────────────────────────────────────────────────────────────────

function current(data: ReportData, w: Words): Built {
  const buildings = data.stock.filter((s) => s.assetClass === 'building');
  const floorArea = sum(buildings.map((b) => b.quantity));
  const facilityCount = sum(data.facilities.map((f) => f.active));
  const known = data.areaByYear.filter((r) => r.year !== null);
  const aged30 = sum(known.filter((r) => data.asOfYear - r.year! >= 30).map((r) => r.area));
  const before1981 = sum(known.filter((r) => r.year! < 1981).map((r) => r.area));
  const gradeCD = sum(
    data.grades.filter((g) => g.grade === 'C' || g.grade === 'D').map((g) => g.area)
  );
  const share = (v: number) => (floorArea > 0 ? v / floorArea : 0);
  const population = data.city.population;

  const bins = ageBins(data);
  const gradeRows = ['A', 'B', 'C', 'D', null].map((g) => {
    const row = data.grades.find((x) => x.grade === g);
    return [
      g ?? w.j('未評価', 'Not graded'),
      row?.count ?? 0,
      row?.area ?? 0,
      floorArea > 0 ? ((row?.area ?? 0) / floorArea) * 100 : null
    ];
  });
  const bridgeRows = ['I', 'II', 'III', 'IV', null]
    .map((g) => [
      g ?? w.j('未点検', 'Not inspected'),
      data.bridgeGrades.find((x) => x.grade === g)?.count ?? 0
    ])
    .filter((r, k) => k < 4 || (r[1] as number) > 0);

  const tables: ReportTable[] = [
    stockTable(data, w),
    glanceTable(data, w),
    {
      id: '1-3 by year built',
      title: w.j('築年別延床面積', 'Floor area by year built'),
      columns: [
        { label: w.j('建築年度', 'Year built'), kind: 'text' },
        { label: w.j('延床面積（㎡）', 'Floor area (㎡)'), kind: 'area' },
        { label: w.j('割合（%）', 'Share (%)'), kind: 'pct' }
      ],
      rows: bins.map((b) => [
        b.label(w),
        b.area,
        floorArea > 0 ? (b.area / floorArea) * 100 : null
      ]),
      footnote: w.register
    },
    {
      id: '1-4 condition',
      title: w.j('建物の劣化状況', 'Buildings by condition grade'),
      columns: [
        { label: w.j('判定', 'Grade'), kind: 'text' },
        { label: w.j('棟数', 'Buildings'), kind: 'count' },
        { label: w.j('延床面積（㎡）', 'Floor area (㎡)'), kind: 'area' },
        { label: w.j('割合（%）', 'Share (%)'), kind: 'pct' }
      ],
      rows: gradeRows,
      footnote: `${w.register}${w.j(
        '。判定は最新の点検（文部科学省の4段階評価：A 良好〜D 早急に対応）。',
        '. Latest inspection (A good … D act now).'
      )}`
    },
    {
      id: '1-5 bridges',
      title: w.j('橋梁の健全性', 'Bridges by soundness'),
      columns: [
        { label: w.j('判定区分', 'Category'), kind: 'text' },
        { label: w.j('橋数', 'Bridges'), kind: 'count' }
      ],
      rows: bridgeRows,
      footnote: `${w.register}${w.j(
        '。道路法施行規則による定期点検（5年に1回）の判定区分。',
        '. The statutory five-yearly inspection categories.'
      )}`
    }
  ];
  const missing: string[] = [];
  if (data.hazard) tables.push(hazardTable(data.hazard, w));
  else
    missing.push(
      w.j('ハザード区域（浸水想定区域等）が取り込まれていません。', 'No hazard zones are imported.')
    );
  if (!population)
    missing.push(
      w.j(
        '人口が設定されていません（1人当たり延床面積を示せません）。',
        'The population is not set (no floor area per inhabitant).'
      )
    );

  return {
    id: 'current',
    heading: SECTION_HEADINGS.current[w.lang],
    paragraphs: w.text('current', {
      city: w.city,
      asOf: w.lang === 'ja' ? w.fy(data.asOfYear) : String(data.asOfYear),
      facilities: w.n(facilityCount),
      floorArea: w.n(floorArea),
      perCapita: population ? w.n(floorArea / population, 2) : null,
      aged30: w.pct(share(aged30)),
      before1981: w.pct(share(before1981)),
      gradeCD: w.pct(share(gradeCD))
    }),
    tables,
    charts: [
      {
        title: w.j('築年別延床面積', 'Floor area by year built'),
        labels: bins.map((b) => b.short),
        bars: [
          { name: w.j('延床面積', 'Floor area'), values: bins.map((b) => b.area), color: '#1f4e79' }
        ],
        unit: '㎡',
        divisor: 1
      }
    ],
    missing
  };
}

/** 1-1: buildings by use (facilities, buildings, floor area), then each kind of infrastructure. */
function stockTable(data: ReportData, w: Words): ReportTable {
  const buildings = data.stock.filter((s) => s.assetClass === 'building');
  const floorArea = sum(buildings.map((b) => b.quantity));
  const facilityCount = sum(data.facilities.map((f) => f.active));
  const stockRows: (string | number | null)[][] = [];
  for (const category of BUILDING_CATEGORIES) {
    const b = buildings.filter((s) => s.category === category);
    const f = data.facilities.find((x) => x.category === category);
    if (!b.length && !f?.active) continue;
    stockRows.push([
      w.assetClass('building'),
      w.category(category),
      f?.active ?? 0,
      sum(b.map((x) => x.count)),
      sum(b.map((x) => x.quantity)),
      '㎡'
    ]);
  }
  stockRows.push([
    w.assetClass('building'),
    w.j('計', 'Total'),
    facilityCount,
    sum(buildings.map((x) => x.count)),
    floorArea,
    '㎡'
  ]);
  for (const assetClass of ASSET_CLASSES.filter((c) => c !== 'building'))
    for (const s of data.stock.filter((x) => x.assetClass === assetClass))
      stockRows.push([
        w.assetClass(assetClass),
        assetClass === 'bridge' ? '—' : w.category(s.category),
        null,
        s.count,
        s.quantity,
        s.unit === 'm' ? 'm' : '㎡'
      ]);

  return {
    id: '1-1 stock',
    title: w.j('施設・インフラの保有量', 'Facilities and infrastructure held'),
    columns: [
      { label: w.j('区分', 'Class'), kind: 'text' },
      { label: w.j('用途・種別', 'Use or kind'), kind: 'text' },
      { label: w.j('施設数', 'Facilities'), kind: 'count' },
      { label: w.j('棟数・件数', 'Buildings / items'), kind: 'count' },
      { label: w.j('数量', 'Quantity'), kind: 'area' },
      { label: w.j('単位', 'Unit'), kind: 'text' }
    ],
    rows: stockRows,
    footnote: `${w.register}${w.j('。除却済みの資産を除く。', '; demolished assets left out.')}`
  };
}

/** 1-2: the buildings' floor area, per inhabitant, their age and the share before 1981. */
function glanceTable(data: ReportData, w: Words): ReportTable {
  const floorArea = sum(
    data.stock.filter((s) => s.assetClass === 'building').map((b) => b.quantity)
  );
  const known = data.areaByYear.filter((r) => r.year !== null);
  const aged30 = sum(known.filter((r) => data.asOfYear - r.year! >= 30).map((r) => r.area));
  const before1981 = sum(known.filter((r) => r.year! < 1981).map((r) => r.area));
  const share = (v: number) => (floorArea > 0 ? v / floorArea : 0);
  const population = data.city.population;
  return {
    id: '1-2 buildings',
    title: w.j('建物の概況', 'Buildings at a glance'),
    columns: [
      { label: w.j('項目', 'Item'), kind: 'text' },
      { label: w.j('値', 'Value'), kind: 'number' },
      { label: w.j('単位', 'Unit'), kind: 'text' }
    ],
    rows: [
      [w.j('延床面積', 'Floor area'), Math.round(floorArea), '㎡'],
      [w.j('人口', 'Population'), population, w.j('人', 'people')],
      [
        w.j('人口1人当たり延床面積', 'Floor area per inhabitant'),
        population ? Math.round((floorArea / population) * 100) / 100 : null,
        '㎡'
      ],
      [w.j('築30年以上', '30 years or older'), Math.round(aged30), '㎡'],
      [
        w.j('築30年以上の割合', 'Share 30 years or older'),
        Math.round(share(aged30) * 1000) / 10,
        '%'
      ],
      [w.j('1981年以前の建築（旧耐震基準）', 'Built before 1981'), Math.round(before1981), '㎡'],
      [
        w.j('1981年以前の割合', 'Share built before 1981'),
        Math.round(share(before1981) * 1000) / 10,
        '%'
      ],
      [
        w.j('建築年不明', 'Year unknown'),
        Math.round(sum(data.areaByYear.filter((r) => r.year === null).map((r) => r.area))),
        '㎡'
      ]
    ],
    footnote: `${w.register}${w.j(
      `。築年数は${data.asOfYear}年度時点。人口は団体の設定値。`,
      `. Ages in FY${data.asOfYear}; population as set for the city.`
    )}`
  };
}

/** 1-6: buildings and shelters in the imported hazard zones. */
function hazardTable(hazard: NonNullable<ReportData['hazard']>, w: Words): ReportTable {
  return {
    id: '1-6 hazards',
    title: w.j('災害リスクのある区域の施設', 'Facilities in hazard zones'),
    columns: [
      { label: w.j('項目', 'Item'), kind: 'text' },
      { label: w.j('値', 'Value'), kind: 'number' }
    ],
    rows: [
      [w.j('浸水想定区域等にある建物（棟）', 'Buildings in a hazard zone'), hazard.buildings],
      [w.j('その延床面積（㎡）', 'Their floor area (㎡)'), Math.round(hazard.area)],
      [w.j('指定避難所（施設）', 'Designated shelters'), hazard.shelters],
      [w.j('うち区域内にある避難所', 'Of which in a hazard zone'), hazard.sheltersInZones]
    ],
    footnote: `${w.register}${w.j('。区域は取り込んだハザード区域（代表点による判定）。', '. Hazard zones as imported (by each building’s point).')}`
  };
}

/** Five-year bins of the year built (before 1960 together; unknown last). */
function ageBins(data: ReportData) {
  const bins: {
    area: number;
    label: (w: Words) => string;
    /** The chart's axis: the bin's first year. */
    short: string;
  }[] = [];
  const years = data.areaByYear.filter((r) => r.year !== null).map((r) => r.year!);
  const last = Math.max(data.asOfYear, ...years);
  bins.push({ area: 0, label: (w) => w.j('1959年度以前', 'Up to FY1959'), short: '–1959' });
  for (let y = 1960; y <= last; y += 5) {
    const to = Math.min(y + 4, last);
    bins.push({
      area: 0,
      label: (w) => (w.lang === 'ja' ? `${y}〜${to}年度` : `FY${y}–${to}`),
      short: String(y)
    });
  }
  const unknown = { area: 0, label: (w: Words) => w.j('不明', 'Unknown'), short: '?' };
  for (const r of data.areaByYear) {
    if (r.year === null) unknown.area += r.area;
    else (r.year < 1960 ? bins[0]! : bins[1 + Math.floor((r.year - 1960) / 5)]!).area += r.area;
  }
  if (unknown.area > 0) bins.push(unknown);
  return bins;
}

// ─── 2 推移 ────────────────────────────────────────────────────────────────────────────────

function history(data: ReportData, w: Words): Built {
  const d = data.depreciation;
  const last = d.total[d.total.length - 1];
  const first = data.history[0];
  const end = data.history[data.history.length - 1];
  const classes = ASSET_CLASSES.filter((c) => d.byClass[c]?.some((p) => p.ratio !== null));
  const ruleText = firstYearLabel(d.rule, w.lang);
  const missing: string[] = [];
  if (!last || last.ratio === null)
    missing.push(
      w.j(
        '固定資産台帳の取得価額・耐用年数・取得年月日が取り込まれていません（固定資産台帳を取り込むと減価償却率を算定します）。',
        'The fixed-asset register’s 取得価額, 耐用年数 and 取得年月日 are not imported (import the register to compute the ratio).'
      )
    );
  if (d.withoutLedger > 0)
    missing.push(
      w.j(
        `取得価額または耐用年数のない資産 ${w.n(d.withoutLedger)} 件は減価償却率に含まれていません。`,
        `${w.n(d.withoutLedger)} assets without 取得価額 or 耐用年数 are left out of the ratio.`
      )
    );
  const measures = data.projection.measures;
  const futureRows: (string | number | null)[][] = measures
    ? PERIODS.filter((p) => p <= measures.years).map((p) => [
        w.fy(measures.startYear + p - 1),
        measures.stockArea[p - 1] ?? null,
        w.j('試算', 'projected')
      ])
    : [];
  return {
    id: 'history',
    heading: SECTION_HEADINGS.history[w.lang],
    paragraphs: w.text('history', {
      ratio: last?.ratio != null ? w.pct(last.ratio) : null,
      ratioYear: last ? w.fy(last.year) : null,
      similar: d.similar !== null ? `${w.n(d.similar, 1)}%` : w.j('未入力', 'not entered'),
      areaChange: first && end ? signed(w, end.area - first.area) : null
    }),
    tables: [
      {
        id: '2-1 floor area',
        title: w.j('施設保有量（建物の延床面積）の推移', 'Buildings’ floor area over time'),
        columns: [
          { label: w.j('年度末', 'End of'), kind: 'text' },
          { label: w.j('延床面積（㎡）', 'Floor area (㎡)'), kind: 'area' },
          { label: w.j('区分', 'Kind'), kind: 'text' }
        ],
        rows: [
          ...data.history.map((h) => [w.fy(h.year), h.area, w.j('実績', 'register')]),
          ...futureRows
        ],
        footnote: `${w.register}${w.j(
          '。過去の年度は、その年度末までに建築され、除却の実績がその年度より後の（または除却されていない）建物の合計。',
          '. Past years: buildings built by then and not demolished before (by the works done recorded).'
        )}${measures ? w.j(`将来は${w.scenario(measures)}。`, ` Future: ${w.scenario(measures)}.`) : ''}`
      },
      {
        id: '2-2 depreciation',
        title: w.j(
          '有形固定資産減価償却率の推移（%）',
          'Depreciation ratio of tangible fixed assets (%)'
        ),
        columns: [
          { label: w.j('年度末', 'End of'), kind: 'text' },
          ...classes.map((c) => ({ label: w.assetClass(c), kind: 'pct' as const })),
          { label: w.j('全体', 'All'), kind: 'pct' },
          { label: w.j('類似団体平均', 'Similar cities'), kind: 'pct' }
        ],
        rows: d.total.map((p, k) => [
          w.fy(p.year),
          ...classes.map((c) => pctOf(d.byClass[c]![k]!.ratio)),
          pctOf(p.ratio),
          k === d.total.length - 1 ? d.similar : null
        ]),
        footnote: `${w.register}${w.j(
          `。減価償却累計額 ÷ 取得価額（償却資産、土地を除く）。統一的な基準による定額法（耐用年数省令の償却率）、${ruleText}、耐用年数経過後は備忘価額1円。過去の年度はその年度末に保有していた資産で算定。類似団体平均は団体が入力した値。`,
          `. Accumulated depreciation ÷ acquisition value (depreciable assets; land excluded): straight line at the 耐用年数省令 rates, ${ruleText}, held at ¥1 once past its life; each past year over the assets held then. The similar cities’ average is the value the city entered.`
        )}`
      }
    ],
    charts: [],
    missing
  };
}

const pctOf = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);
const signed = (w: Words, v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + w.n(Math.abs(v));

// ─── 3 実績 ────────────────────────────────────────────────────────────────────────────────

function measures(data: ReportData, w: Words): Built {
  const rows = data.actuals;
  if (!rows.length)
    return missingOnly('measures', w, [
      w.j(
        '工事の実績が登録されていません。施設カルテの「工事実績」か、計画の予実ページの取込（年度・資産コード・工事種別・金額）で登録すると、この節に年度別・工事種別の件数と金額が載ります。',
        'No works done are recorded. Record them on a record card (works done) or import them on the plan’s 予実 page (fiscal year, asset code, work type, cost), and this section lists them by year and type.'
      )
    ]);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const types = ACTUAL_WORK_TYPES.filter((t) => rows.some((r) => r.workType === t));
  const cell = (year: number, type: ActualWorkType) => {
    const of = rows.filter((r) => r.year === year && r.workType === type);
    return { count: sum(of.map((r) => r.count)), cost: sum(of.map((r) => r.cost)) };
  };
  const noCost = sum(rows.map((r) => r.noCost));
  const totalCost = sum(rows.map((r) => r.cost));
  return {
    id: 'measures',
    heading: SECTION_HEADINGS.measures[w.lang],
    paragraphs: w.text('measures', {
      worksCount: w.n(sum(rows.map((r) => r.count))),
      worksCost: w.oku(totalCost),
      worksFrom: w.fy(years[0]!),
      worksTo: w.fy(years[years.length - 1]!)
    }),
    tables: [
      {
        id: '3-1 works done',
        title: w.j(
          '年度別・工事種別の実績（件数・金額）',
          'Works done by year and type (count, cost)'
        ),
        columns: [
          { label: w.j('年度', 'Year'), kind: 'text' },
          ...types.flatMap((t) => [
            {
              label: `${ACTUAL_WORK_LABELS[t][w.lang]}${w.j('（件）', ' (count)')}`,
              kind: 'count' as const
            },
            {
              label: `${ACTUAL_WORK_LABELS[t][w.lang]}${w.j('（億円）', ' (100M yen)')}`,
              kind: 'oku' as const
            }
          ]),
          { label: w.j('計（件）', 'Total (count)'), kind: 'count' },
          { label: w.j('計（億円）', 'Total (100M yen)'), kind: 'oku' }
        ],
        rows: years.map((y) => {
          const cells = types.map((t) => cell(y, t));
          return [
            w.fy(y),
            ...cells.flatMap((c) => [c.count, c.cost]),
            sum(cells.map((c) => c.count)),
            sum(cells.map((c) => c.cost))
          ];
        }),
        footnote: `${w.register}${w.j(
          `。登録された工事実績（完了日の年度）。${noCost ? `金額の記録がない ${w.n(noCost)} 件は件数のみ。` : ''}`,
          `. Works done as recorded (fiscal year of completion).${noCost ? ` ${w.n(noCost)} without a cost are counted only.` : ''}`
        )}`
      }
    ],
    charts: [],
    missing: []
  };
}

// ─── 4 経費の見込み ─────────────────────────────────────────────────────────────────────────

/** What section 4's tables share: the two scenarios, the years compared, running costs, funding. */
interface CostCase {
  ref: ReportScenario;
  meas: ReportScenario | null;
  /** The measures scenario if there is one, else the reference. */
  main: ReportScenario;
  years: number;
  /** 維持管理費 a year. */
  running: number;
  funding: number[] | null;
  /** The funding of the k-th year (the last value carries on), or null without funding. */
  fundingAt: (k: number) => number | null;
}

const total = (s: ReportScenario, n: number) => sum(s.byYear.slice(0, n));

function costs(data: ReportData, w: Words): Built {
  const { reference: ref, measures: meas, refused } = data.projection;
  const missing: string[] = [];
  if (refused) missing.push(refused[w.lang]);
  if (!ref)
    return missingOnly('costs', w, [
      ...missing,
      w.j(
        '単純更新（総務省の方法、予算制約なし）のシナリオがありません。シナリオのページで作成してください。',
        'There is no scenario of the national method without a budget limit; create one on the scenarios page.'
      )
    ]);
  const funding = data.funding.perYear;
  const c: CostCase = {
    ref,
    meas,
    main: meas ?? ref,
    years: meas ? Math.min(ref.years, meas.years) : ref.years,
    running: data.running.fromCards.yen + data.running.fromDefaults.yen,
    funding,
    fundingAt: (k) => (funding ? (funding[Math.min(k, funding.length - 1)] ?? 0) : null)
  };
  if (!funding)
    missing.push(
      w.j(
        '充当可能な財源（直近の投資的経費または年度別の見込み）が設定されていません。',
        'Available funding (the recent investment or a series per year) is not set.'
      )
    );
  const sources = costSources(data, w, c);
  const { years } = c;
  const effect = meas ? total(ref, years) - total(meas, years) : null;
  const fundingAverage = funding
    ? sum(Array.from({ length: years }, (_, k) => c.fundingAt(k)!)) / years
    : null;
  return {
    id: 'costs',
    heading: SECTION_HEADINGS.costs[w.lang],
    paragraphs: w.text('costs', {
      years: String(years),
      refName: ref.name,
      refTotal: w.oku(ref.total),
      refAverage: w.oku(ref.annualAverage),
      measName: meas?.name ?? null,
      measTotal: meas ? w.oku(meas.total) : null,
      measAverage: meas ? w.oku(meas.annualAverage) : null,
      effect: effect === null ? null : w.oku(effect),
      running: w.oku(c.running),
      funding: fundingAverage === null ? null : w.oku(fundingAverage),
      gap: fundingAverage === null ? null : w.oku(total(c.main, years) / years - fundingAverage),
      fundingVerdict: fundingVerdict(w.lang, {
        fundingYen: fundingAverage,
        costYen: total(c.main, years) / years,
        withMeasures: meas !== null,
        oku: w.oku
      })
    }),
    tables: [periodTable(w, c, sources), yearTable(w, c, sources), runningTable(data, w)],
    charts: [costChart(w, c)],
    missing
  };
}

/** The footnote of section 4's tables: the data, the two scenarios, running costs, funding. */
function costSources(data: ReportData, w: Words, { ref, meas, funding }: CostCase): string {
  return [
    w.register,
    w.j(`単純更新：${w.scenario(ref)}`, `Renewed as lives end: ${w.scenario(ref)}`),
    meas ? w.j(`長寿命化：${w.scenario(meas)}`, `With life extension: ${w.scenario(meas)}`) : null,
    w.j(
      `維持管理費：施設カルテの年間経費（${w.n(data.running.fromCards.facilities)}施設）と、記録のない${w.n(data.running.fromDefaults.facilities)}施設は用途別の㎡単価（${data.running.defaultsSource}）、現在の額で一定`,
      `Running costs: the cards’ yearly cost (${w.n(data.running.fromCards.facilities)} facilities) and, for ${w.n(data.running.fromDefaults.facilities)} without, a per-㎡ rate by use (${data.running.defaultsSource}), held at today’s amount`
    ),
    funding
      ? w.j(
          `充当可能な財源：${data.funding.source === 'setting' ? '団体が入力した年度別の見込み' : '直近の投資的経費（年平均）'}`,
          `Funding: ${data.funding.source === 'setting' ? 'the series the city entered' : 'the recent annual investment'}`
        )
      : null,
    w.j('金額は現在価格（物価上昇を見込まない）。', 'Constant prices (no inflation).')
  ]
    .filter((s) => s !== null)
    .join(w.j('。', '. '));
}

/** 4-1: each scenario by class over 10 to 40 years, the difference, running costs and funding. */
function periodTable(w: Words, c: CostCase, sources: string): ReportTable {
  const { ref, meas, running, funding, fundingAt } = c;
  const periods = PERIODS.filter((p) => p <= c.years);
  const classTotal = (s: ReportScenario, k: AssetClass, n: number) =>
    sum((s.byClass[k] ?? []).slice(0, n));
  const classes = ASSET_CLASSES.filter((k) => ref.byClass[k]?.some((v) => v > 0));
  const rows: (string | number | null)[][] = [];
  const scenarioRows = (s: ReportScenario, label: string) => {
    for (const k of classes)
      rows.push([label, w.assetClass(k), ...periods.map((p) => classTotal(s, k, p))]);
    rows.push([label, w.j('計', 'Total'), ...periods.map((p) => total(s, p))]);
  };
  scenarioRows(ref, w.j('単純更新', 'Renewed as lives end'));
  if (meas) {
    scenarioRows(meas, w.j('長寿命化対策を反映', 'With life extension'));
    rows.push([
      w.j('効果額', 'Difference'),
      w.j('計', 'Total'),
      ...periods.map((p) => total(ref, p) - total(meas, p))
    ]);
  }
  rows.push([
    w.j('維持管理費', 'Running costs'),
    w.j('計', 'Total'),
    ...periods.map((p) => running * p)
  ]);
  if (funding) {
    const fundTotal = (p: number) => sum(Array.from({ length: p }, (_, k) => fundingAt(k)!));
    rows.push([
      w.j('充当可能な財源', 'Available funding'),
      w.j('計', 'Total'),
      ...periods.map(fundTotal)
    ]);
    rows.push([
      w.j('財源との差（長寿命化）', 'Gap (with life extension)'),
      w.j('計', 'Total'),
      ...periods.map((p) => total(c.main, p) - fundTotal(p))
    ]);
  }
  return {
    id: '4-1 by period',
    title: w.j('期間別の経費の見込み（億円）', 'Costs over 10 to 40 years (100M yen)'),
    columns: [
      { label: w.j('区分', 'Case'), kind: 'text' },
      { label: w.j('内訳', 'Of which'), kind: 'text' },
      ...periods.map((p) => ({ label: w.j(`${p}年間`, `${p} years`), kind: 'oku' as const }))
    ],
    rows,
    footnote: sources
  };
}

/** 4-2: each year's costs of both scenarios, the difference, running costs, funding and the gap. */
function yearTable(w: Words, c: CostCase, sources: string): ReportTable {
  const { ref, meas, running, fundingAt } = c;
  const rows = Array.from({ length: c.years }, (_, k) => {
    const r = ref.byYear[k] ?? 0;
    const m = meas ? (meas.byYear[k] ?? 0) : null;
    const f = fundingAt(k);
    return [
      w.fy(ref.startYear + k),
      r,
      m,
      m === null ? null : r - m,
      running,
      (m ?? r) + running,
      f,
      f === null ? null : (m ?? r) - f
    ];
  });
  return {
    id: '4-2 by year',
    title: w.j('年度別の経費の見込み（億円）', 'Costs per year (100M yen)'),
    columns: [
      { label: w.j('年度', 'Year'), kind: 'text' },
      { label: w.j('単純更新', 'Renewed as lives end'), kind: 'oku' },
      { label: w.j('長寿命化対策を反映', 'With life extension'), kind: 'oku' },
      { label: w.j('効果額', 'Difference'), kind: 'oku' },
      { label: w.j('維持管理費', 'Running costs'), kind: 'oku' },
      { label: w.j('合計', 'Total'), kind: 'oku' },
      { label: w.j('充当可能な財源', 'Funding'), kind: 'oku' },
      { label: w.j('財源との差', 'Gap'), kind: 'oku' }
    ],
    rows,
    footnote: `${sources}${w.j('。合計と差は長寿命化対策を反映した場合（ない場合は単純更新）。', '. Total and gap: with life extension (else as lives end).')}`
  };
}

/** The renewal costs per year of both scenarios as bars, with the funding as a line. */
function costChart(w: Words, { ref, meas, years, funding, fundingAt }: CostCase) {
  return {
    title: w.j('年度別の更新費用の見込み', 'Renewal costs per year'),
    labels: Array.from({ length: years }, (_, k) => String(ref.startYear + k)),
    bars: [
      {
        name: w.j('単純更新', 'Renewed as lives end'),
        values: ref.byYear.slice(0, years),
        color: '#7f8c8d'
      },
      ...(meas
        ? [
            {
              name: w.j('長寿命化対策を反映', 'With life extension'),
              values: meas.byYear.slice(0, years),
              color: '#1f4e79'
            }
          ]
        : [])
    ],
    line: funding
      ? {
          name: w.j('充当可能な財源', 'Funding'),
          values: Array.from({ length: years }, (_, k) => fundingAt(k)!),
          color: '#c0392b'
        }
      : undefined,
    unit: w.j('億円', '100M yen'),
    divisor: 1e8
  };
}

function runningTable(data: ReportData, w: Words): ReportTable {
  const r = data.running;
  return {
    id: '4-3 running costs',
    title: w.j('維持管理費（年額）', 'Running costs (a year)'),
    columns: [
      { label: w.j('区分', 'Part'), kind: 'text' },
      { label: w.j('施設数', 'Facilities'), kind: 'count' },
      { label: w.j('延床面積（㎡）', 'Floor area (㎡)'), kind: 'area' },
      { label: w.j('金額（億円）', 'Cost (100M yen)'), kind: 'oku' }
    ],
    rows: [
      [
        w.j('施設カルテの年間経費', 'Cards’ yearly cost'),
        r.fromCards.facilities,
        null,
        r.fromCards.yen
      ],
      [
        w.j('用途別㎡単価による推計', 'Per-㎡ rate by use'),
        r.fromDefaults.facilities,
        r.fromDefaults.area,
        r.fromDefaults.yen
      ],
      [
        w.j('計', 'Total'),
        r.fromCards.facilities + r.fromDefaults.facilities,
        null,
        r.fromCards.yen + r.fromDefaults.yen
      ]
    ],
    footnote: `${w.register}${w.j(
      `。㎡単価（円/㎡/年）：${Object.entries(r.defaults)
        .map(([c, v]) => `${w.category(c)} ${w.n(v)}`)
        .join('、')}（${r.defaultsSource}）。`,
      `. Per-㎡ rates (yen/㎡/year): ${Object.entries(r.defaults)
        .map(([c, v]) => `${w.category(c)} ${w.n(v)}`)
        .join(', ')} (${r.defaultsSource}).`
    )}`
  };
}

// ─── 5 目標 ────────────────────────────────────────────────────────────────────────────────

function targets(data: ReportData, w: Words): Built {
  const { paths, scenario } = data.targets;
  if (!paths.length)
    return missingOnly('targets', w, [
      w.j(
        '数値目標が設定されていません（計画の「目標」ページで設定します）。',
        'No numeric targets are set (set them on the plan’s targets page).'
      )
    ]);
  const unit = (p: TargetPath) =>
    p.target.kind === 'floor_area' ? '㎡' : p.target.kind === 'poor_share' ? '%' : w.j('円', 'yen');
  const verdict = (p: TargetPath) =>
    p.noVerdict === 'outside'
      ? w.j('試算期間外', 'outside the horizon')
      : p.noVerdict === 'no_budget'
        ? w.j('予算制約なしのため判定なし', 'no verdict: no budget limit')
        : p.met
          ? w.j('達成見込み', 'on track')
          : w.j('未達の見込み', 'short');
  return {
    id: 'targets',
    heading: SECTION_HEADINGS.targets[w.lang],
    paragraphs: w.text('targets', {
      targetCount: w.n(paths.length),
      targetScenario: scenario?.name ?? null
    }),
    tables: [
      {
        id: '5-1 targets',
        title: w.j('数値目標と試算による見込み', 'Targets and where the plan takes them'),
        columns: [
          { label: w.j('目標', 'Target'), kind: 'text' },
          { label: w.j('目標年度', 'Target year'), kind: 'text' },
          { label: w.j('現状', 'Now'), kind: 'number' },
          { label: w.j('目標値', 'Goal'), kind: 'number' },
          { label: w.j('試算値', 'Projected'), kind: 'number' },
          { label: w.j('単位', 'Unit'), kind: 'text' },
          { label: w.j('見込み', 'Verdict'), kind: 'text' }
        ],
        rows: paths.map((p) => {
          const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
          return [
            TARGET_LABELS[p.target.kind][w.lang],
            w.fy(p.target.targetYear),
            round(p.now),
            round(p.goal),
            round(p.projected),
            unit(p),
            verdict(p)
          ];
        }),
        footnote: `${w.register}${w.j(
          `。目標は団体が設定した値。試算値はシナリオ「${scenario?.name ?? '—'}」の目標年度末の値。`,
          `. Targets as the city set them; projected: scenario “${scenario?.name ?? '—'}” at the end of the target year.`
        )}`
      }
    ],
    charts: [],
    missing: []
  };
}

// ─── 6 方針 ────────────────────────────────────────────────────────────────────────────────

function policies(data: ReportData, w: Words): Built {
  const policyLabel = (p: string) =>
    t(
      w.lang,
      p === 'extend'
        ? 'policyExtend'
        : p === 'consolidate'
          ? 'policyConsolidate'
          : p === 'close'
            ? 'policyClose'
            : 'policyStandard'
    );
  const count = (p: string) => sum(data.policies.map((r) => r.counts[p] ?? 0));
  const rows = data.policies.map((r) => [
    w.category(r.category),
    ...FACILITY_POLICIES.flatMap((p) => [r.counts[p] ?? 0, r.areas[p] ?? 0])
  ]);
  return {
    id: 'policies',
    heading: SECTION_HEADINGS.policies[w.lang],
    paragraphs: w.text('policies', {
      extendCount: w.n(count('extend')),
      consolidateCount: w.n(count('consolidate')),
      closeCount: w.n(count('close'))
    }),
    tables: [
      {
        id: '6-1 policies',
        title: w.j(
          '施設類型ごとの方針（施設数・延床面積）',
          'Policies by type of facility (facilities, floor area)'
        ),
        columns: [
          { label: w.j('施設類型', 'Type'), kind: 'text' },
          ...FACILITY_POLICIES.flatMap((p) => [
            {
              label: `${policyLabel(p)}${w.j('（施設）', ' (facilities)')}`,
              kind: 'count' as const
            },
            { label: `${policyLabel(p)}${w.j('（㎡）', ' (㎡)')}`, kind: 'area' as const }
          ])
        ],
        rows,
        footnote: `${w.register}${w.j(
          '。施設カルテで選んだ方針（個別施設計画）。供用中の施設。',
          '. The policy chosen on each facility’s record card (the plan); facilities in service.'
        )}`
      }
    ],
    charts: [],
    missing: []
  };
}

/** Every table of the report, in order (the workbook's sheets). */
export const reportTables = (report: Report): ReportTable[] =>
  report.sections.flatMap((s) => s.tables);

/** The sections' paragraphs and headings as plain text (for a search or a quick look). */
export const sectionTitle = (s: ReportSection) => `${s.number}. ${s.heading}`;
