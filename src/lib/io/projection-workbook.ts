/**
 * A projection (or a budget run) as the workbook finance opens: one sheet per table — yearly
 * totals by work type, by asset class, by category, every asset's works, and the key figures —
 * with yen in #,##0 and a 億円 column beside each total, fiscal years labelled 2026年度 (ja) or
 * FY2026 (en). Built with exceljs; `workbookTables` is the pure part (the tables), tested apart.
 */
import ExcelJS from 'exceljs';
import {
  ASSET_CLASS_LABELS,
  ASSET_CLASSES,
  BUILDING_CATEGORY_LABELS
} from '../engine/asset-classes';
import type { ProjectionResult } from '../engine/projection';
import type { ProjectionSummary } from '../engine/projection-summary';
import {
  OUTCOME_REASON_LABELS,
  OUTCOME_STATUS_LABELS,
  type BudgetResult,
  type BudgetSummary
} from '../engine/simulate-budget';
import { WORK_TYPE_LABELS, WORK_TYPES } from '../engine/work-types';
import { fiscalYearLabel } from '../i18n/messages';

export type Lang = 'ja' | 'en';

export interface Table {
  name: string;
  header: string[];
  /** Cells: strings or numbers (yen); `yenColumns` are formatted #,##0, `okuColumns` 0.00. */
  rows: (string | number)[][];
  yenColumns: number[];
  okuColumns: number[];
}

const T = {
  ja: {
    byWork: '工種別',
    byClass: '資産区分別',
    byCategory: '分類別',
    works: '資産別工事',
    key: '主要指標',
    year: '年度',
    total: '合計(円)',
    totalOku: '合計(億円)',
    klass: '資産区分',
    category: '分類',
    code: '資産コード',
    work: '工種',
    due: '実施年度',
    spread: '分割年数',
    quantity: '数量',
    unitCost: '単価(円)',
    cost: '費用(円)',
    rule: '根拠',
    figure: '指標',
    value: '値',
    yen: '円',
    oku: '億円',
    budgetSheet: '予算制約',
    outcomesSheet: '工事の実施状況',
    budget: '予算(円)',
    needed: '必要額(円)',
    funded: '執行額(円)',
    backlog: '積み残し(円)',
    backlogCount: '積み残し件数',
    pastLife: '耐用年数超過',
    fundedYear: '実施年度',
    status: '状況',
    reasonCol: '理由',
    deferred: '延期年数'
  },
  en: {
    byWork: 'By work type',
    byClass: 'By asset class',
    byCategory: 'By category',
    works: 'Works by asset',
    key: 'Key figures',
    year: 'Fiscal year',
    total: 'Total (yen)',
    totalOku: 'Total (100M yen)',
    klass: 'Asset class',
    category: 'Category',
    code: 'Asset code',
    work: 'Work type',
    due: 'Fiscal year due',
    spread: 'Spread (years)',
    quantity: 'Quantity',
    unitCost: 'Unit cost (yen)',
    cost: 'Cost (yen)',
    rule: 'Rule',
    figure: 'Figure',
    value: 'Value',
    yen: 'yen',
    oku: '100M yen',
    budgetSheet: 'Under the budget',
    outcomesSheet: 'Works funded and waiting',
    budget: 'Budget (yen)',
    needed: 'Needed (yen)',
    funded: 'Funded (yen)',
    backlog: 'Backlog (yen)',
    backlogCount: 'Backlog (works)',
    pastLife: 'Past service life',
    fundedYear: 'Fiscal year funded',
    status: 'Status',
    reasonCol: 'Reason',
    deferred: 'Years deferred'
  }
};

const categoryLabel = (category: string, lang: Lang) =>
  (BUILDING_CATEGORY_LABELS as Record<string, { ja: string; en: string }>)[category]?.[lang] ??
  category;

/** What every sheet reads: the projection, its cells, the language's words. */
interface Sheets {
  result: ProjectionResult;
  lang: Lang;
  t: (typeof T)[Lang];
  years: number[];
  cell: (y: number, c: number, w: number) => number;
}

const yearLabel = (x: Sheets, y: number) => fiscalYearLabel(x.lang, x.result.startYear + y);

/** Money per year by work type (those with any money). */
function byWorkTable(x: Sheets): Table {
  const { result, lang, t, years, cell } = x;
  const usedWorks = WORK_TYPES.map((_, w) => w).filter((w) =>
    years.some((y) => result.combos.some((_, c) => cell(y, c, w) !== 0))
  );
  const total = (y: number) => result.totalsByYear[y]!;
  return {
    name: t.byWork,
    header: [
      t.year,
      ...usedWorks.map((w) => WORK_TYPE_LABELS[WORK_TYPES[w]!][lang]),
      t.total,
      t.totalOku
    ],
    rows: years.map((y) => [
      yearLabel(x, y),
      ...usedWorks.map((w) => result.combos.reduce((s, _, c) => s + cell(y, c, w), 0)),
      total(y),
      total(y) / 1e8
    ]),
    yenColumns: [...usedWorks.map((_, k) => k + 1), usedWorks.length + 1],
    okuColumns: [usedWorks.length + 2]
  };
}

/** Money per year by asset class. */
function byClassTable(x: Sheets): Table {
  const { result, lang, t, years, cell } = x;
  const classes = ASSET_CLASSES.filter((cls) => result.combos.some((c) => c.assetClass === cls));
  const total = (y: number) => result.totalsByYear[y]!;
  return {
    name: t.byClass,
    header: [t.year, ...classes.map((cls) => ASSET_CLASS_LABELS[cls][lang]), t.total, t.totalOku],
    rows: years.map((y) => [
      yearLabel(x, y),
      ...classes.map((cls) =>
        result.combos.reduce(
          (s, combo, c) =>
            combo.assetClass === cls ? s + WORK_TYPES.reduce((a, _, w) => a + cell(y, c, w), 0) : s,
          0
        )
      ),
      total(y),
      total(y) / 1e8
    ]),
    yenColumns: [...classes.map((_, k) => k + 1), classes.length + 1],
    okuColumns: [classes.length + 2]
  };
}

/** Money per year by class and category (the rows with money). */
function byCategoryTable(x: Sheets): Table {
  const { result, lang, t, years, cell } = x;
  const combos = result.combos
    .map((c, i) => ({ ...c, i }))
    .sort(
      (a, b) =>
        ASSET_CLASSES.indexOf(a.assetClass) - ASSET_CLASSES.indexOf(b.assetClass) ||
        (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)
    );
  return {
    name: t.byCategory,
    header: [t.year, t.klass, t.category, t.total, t.totalOku],
    rows: years.flatMap((y) =>
      combos
        .map((c) => ({ c, cost: WORK_TYPES.reduce((a, _, w) => a + cell(y, c.i, w), 0) }))
        .filter(({ cost }) => cost !== 0)
        .map(({ c, cost }) => [
          yearLabel(x, y),
          ASSET_CLASS_LABELS[c.assetClass][lang],
          categoryLabel(c.category, lang),
          cost,
          cost / 1e8
        ])
    ),
    yenColumns: [3],
    okuColumns: [4]
  };
}

/** Every work of every asset, with the rule that set it (a projection with `detail`). */
function worksTable({ result, lang, t }: Sheets): Table {
  return {
    name: t.works,
    header: [
      t.code,
      t.klass,
      t.category,
      t.work,
      t.due,
      t.spread,
      t.quantity,
      t.unitCost,
      t.cost,
      t.rule
    ],
    rows: (result.works ?? []).map((w) => {
      const asset = result.assets[w.assetIndex]!;
      return [
        w.assetCode,
        ASSET_CLASS_LABELS[asset.assetClass][lang],
        categoryLabel(result.combos[w.combo]!.category, lang),
        WORK_TYPE_LABELS[w.workType][lang],
        fiscalYearLabel(lang, w.dueYear),
        w.spreadYears,
        w.quantity,
        w.unitCost,
        w.cost,
        w.rule
      ];
    }),
    yenColumns: [7, 8],
    okuColumns: []
  };
}

/** The key figures of the projection. */
function keyTable({ lang, t }: Sheets, summary: ProjectionSummary, title: string): Table {
  const ja = lang === 'ja';
  return {
    name: t.key,
    header: [t.figure, t.value, t.oku],
    rows: [
      [ja ? '試算' : 'Projection', title, ''],
      [
        ja ? '期間' : 'Horizon',
        `${fiscalYearLabel(lang, summary.startYear)}–${fiscalYearLabel(lang, summary.endYear)}`,
        ''
      ],
      [ja ? '総額(円)' : 'Total (yen)', summary.total, summary.total / 1e8],
      [
        ja ? '年平均(円)' : 'Annual average (yen)',
        summary.annualAverage,
        summary.annualAverage / 1e8
      ],
      [
        ja
          ? `最大の年度 ${fiscalYearLabel(lang, summary.peakYear)}(円)`
          : `Peak ${fiscalYearLabel(lang, summary.peakYear)} (yen)`,
        summary.peakCost,
        summary.peakCost / 1e8
      ],
      [
        ja ? '現在価値(円)' : 'Present value (yen)',
        summary.presentValue,
        summary.presentValue / 1e8
      ],
      ...(summary.ratioToReference !== null
        ? [
            [
              ja ? '直近投資額に対する倍率' : 'Ratio to recent investment',
              `${summary.ratioToReference.toFixed(2)}${ja ? '倍' : '×'}`,
              ''
            ]
          ]
        : [])
    ],
    yenColumns: [1],
    okuColumns: [2]
  };
}

/** A budget run's sheets: the yearly loop, and each work funded or waiting (in words). */
function budgetTables({ lang, t }: Sheets, run: BudgetResult): { yearly: Table; outcomes: Table } {
  const yearly: Table = {
    name: t.budgetSheet,
    header: [t.year, t.budget, t.needed, t.funded, t.backlog, t.backlogCount, t.pastLife],
    rows: run.years.map((y) => [
      fiscalYearLabel(lang, y.fiscalYear),
      Number.isFinite(y.budget) ? y.budget : '',
      y.needed,
      y.funded,
      y.backlogYen,
      y.backlogCount,
      y.pastLifeCount
    ]),
    yenColumns: [1, 2, 3, 4],
    okuColumns: []
  };
  const outcomes: Table = {
    name: t.outcomesSheet,
    header: [t.code, t.work, t.due, t.fundedYear, t.cost, t.status, t.reasonCol, t.deferred],
    rows: run.outcomes.map((o) => [
      o.assetCode,
      WORK_TYPE_LABELS[o.workType][lang],
      fiscalYearLabel(lang, o.dueYear),
      o.fundedYear === null ? '' : fiscalYearLabel(lang, o.fundedYear),
      o.cost,
      OUTCOME_STATUS_LABELS[o.status][lang],
      o.reason === null ? '' : OUTCOME_REASON_LABELS[o.reason][lang],
      o.yearsDeferred
    ]),
    yenColumns: [4],
    okuColumns: []
  };
  return { yearly, outcomes };
}

/** A budget run's key figures, after the projection's. */
function budgetKeyRows(lang: Lang, figures: BudgetSummary): (string | number)[][] {
  const ja = lang === 'ja';
  return [
    [
      ja ? '必要額 合計(円)' : 'Needed, unconstrained (yen)',
      figures.unconstrained,
      figures.unconstrained / 1e8
    ],
    [ja ? '執行額 合計(円)' : 'Funded (yen)', figures.funded, figures.funded / 1e8],
    [ja ? '財源不足額(円)' : 'Funding gap (yen)', figures.fundingGap, figures.fundingGap / 1e8],
    [
      ja ? '期末の積み残し(円)' : 'Backlog at the end (yen)',
      figures.backlogEnd,
      figures.backlogEnd / 1e8
    ],
    [
      ja ? '積み残しの最大(円)' : 'Peak backlog (yen)',
      figures.peakBacklog,
      figures.peakBacklog / 1e8
    ],
    [
      ja ? '資産持続率 (ASR)' : 'Asset Sustainability Ratio',
      figures.assetSustainabilityRatio === null ? '–' : figures.assetSustainabilityRatio.toFixed(3),
      ''
    ]
  ];
}

/** The workbook's tables, in sheet order. */
export function workbookTables(
  result: ProjectionResult,
  summary: ProjectionSummary,
  lang: Lang,
  title: string,
  budget: { run: BudgetResult; key: BudgetSummary } | null = null
): Table[] {
  const N = WORK_TYPES.length;
  const nCombos = result.combos.length;
  const x: Sheets = {
    result,
    lang,
    t: T[lang],
    years: Array.from({ length: result.years }, (_, y) => y),
    cell: (y, c, w) => result.cells[(y * nCombos + c) * N + w]!
  };
  const tables = [byWorkTable(x), byClassTable(x), byCategoryTable(x)];
  const key = keyTable(x, summary, title);
  if (!budget) return [...tables, worksTable(x), key];
  // A budget run: the money funded in the tables above, and the yearly loop and its works here.
  const { yearly, outcomes } = budgetTables(x, budget.run);
  key.rows.push(...budgetKeyRows(lang, budget.key));
  return [...tables, yearly, outcomes, key];
}

/** The workbook as .xlsx bytes. */
export async function projectionWorkbook(
  result: ProjectionResult,
  summary: ProjectionSummary,
  lang: Lang,
  title: string,
  budget: { run: BudgetResult; key: BudgetSummary } | null = null
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hozen';
  workbook.created = new Date(0); // fixed: the same projection gives the same file
  for (const table of workbookTables(result, summary, lang, title, budget)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    table.header.forEach((h, c) => {
      const column = sheet.getColumn(c + 1);
      column.width = Math.min(40, Math.max(10, h.length * (lang === 'ja' ? 2 : 1.1) + 2));
      if (table.yenColumns.includes(c)) column.numFmt = '#,##0';
      if (table.okuColumns.includes(c)) column.numFmt = '0.00';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
