/**
 * A scenario's funding as a workbook: the yearly table (works, subsidy, bonds, fund, general
 * revenue, principal, interest, 交付税措置, burden, outstanding debt, fund balance, the ratios'
 * contributions) and the rules and bond terms it was computed with. Numbers are numbers in yen
 * (no formulas); each header names its unit.
 */
import ExcelJS from 'exceljs';
import type { FundingParams, FundingResult } from '../engine/funding';
import { MEASURE_LABELS } from '../engine/funding';
import { ASSET_CLASS_LABELS } from '../engine/asset-classes';
import type { Lang } from '../i18n/messages';
import { wordLabel } from '../words';

type NumberKey = Exclude<keyof FundingResult['years'][number], 'funds'>;
const RATIOS = new Set<NumberKey>([
  'debtServiceRatio',
  'futureBurdenRatio',
  'debtServiceRatioTotal',
  'futureBurdenRatioTotal'
]);

const COLUMNS: { key: NumberKey; ja: string; en: string }[] = [
  { key: 'year', ja: '年度', en: 'Fiscal year' },
  { key: 'cost', ja: '事業費（円）', en: 'Works (yen)' },
  { key: 'subsidy', ja: '国庫補助（円）', en: 'Subsidies (yen)' },
  { key: 'bond', ja: '地方債発行額（円）', en: 'Bonds issued (yen)' },
  { key: 'fund', ja: '基金取崩し（円）', en: 'From the fund (yen)' },
  { key: 'general', ja: '一般財源・工事分（円）', en: 'General revenue, works (yen)' },
  { key: 'fundShortfall', ja: '基金の不足分（円）', en: 'Fund shortfall (yen)' },
  { key: 'principal', ja: '元金償還（円）', en: 'Principal (yen)' },
  { key: 'interest', ja: '利子（円）', en: 'Interest (yen)' },
  { key: 'allowance', ja: '交付税措置（円）', en: '交付税 returned (yen)' },
  { key: 'generalBurden', ja: '一般財源負担（円）', en: 'General revenue burden (yen)' },
  { key: 'outstanding', ja: '地方債残高（円）', en: 'Outstanding debt (yen)' },
  { key: 'fundOpening', ja: '基金期首残高（円）', en: 'Fund opening (yen)' },
  { key: 'fundDeposit', ja: '基金積立（円）', en: 'Fund deposit (yen)' },
  { key: 'fundClosing', ja: '基金期末残高（円）', en: 'Fund closing (yen)' },
  {
    key: 'debtServiceRatio',
    ja: '実質公債費比率への寄与（%）',
    en: 'Debt service ratio contribution (%)'
  },
  {
    key: 'futureBurdenRatio',
    ja: '将来負担比率への寄与（%）',
    en: 'Future burden ratio contribution (%)'
  },
  { key: 'existingService', ja: '既存債の元利償還金（円）', en: 'Existing debt service (yen)' },
  {
    key: 'existingOutstanding',
    ja: '既存債の残高（円）',
    en: 'Existing debt outstanding (yen)'
  },
  {
    key: 'debtServiceRatioTotal',
    ja: '実質公債費比率・既存債を含む概算（%）',
    en: 'Debt service ratio with existing debt, approx. (%)'
  },
  {
    key: 'futureBurdenRatioTotal',
    ja: '将来負担比率・既存債を含む概算（%）',
    en: 'Future burden ratio with existing debt, approx. (%)'
  }
];

const FUND_COLUMNS = [
  ['opening', '期首残高', 'opening'],
  ['deposit', '積立', 'deposit'],
  ['drawn', '取崩し', 'drawn'],
  ['shortfall', '不足分', 'shortfall'],
  ['closing', '期末残高', 'closing']
] as const;

/** Each fund's year: opening, deposit, drawn, shortfall and closing, side by side. */
function fundsSheet(
  wb: ExcelJS.Workbook,
  lang: Lang,
  params: FundingParams,
  result: FundingResult
) {
  const sheet = wb.addWorksheet(lang === 'ja' ? '基金' : 'Funds');
  const keys = Object.keys(params.funds);
  sheet.addRow([
    lang === 'ja' ? '年度' : 'Fiscal year',
    ...keys.flatMap((k) =>
      FUND_COLUMNS.map(
        ([, ja, en]) => `${params.funds[k]!.label} ${lang === 'ja' ? `${ja}（円）` : `${en} (yen)`}`
      )
    )
  ]).font = { bold: true };
  for (const y of result.years)
    sheet.addRow([
      y.year,
      ...keys.flatMap((k) => FUND_COLUMNS.map(([f]) => Math.round(y.funds[k]?.[f] ?? 0)))
    ]);
  sheet.columns.forEach((col, k) => {
    col.width = k === 0 ? 10 : 22;
    if (k > 0) col.numFmt = '#,##0';
  });
}

export async function fundingWorkbook(
  lang: Lang,
  name: string,
  params: FundingParams,
  result: FundingResult
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const years = wb.addWorksheet(lang === 'ja' ? '年度別' : 'By year');
  years.addRow([name]).font = { bold: true };
  years.addRow(COLUMNS.map((c) => c[lang])).font = { bold: true };
  for (const y of result.years)
    years.addRow(
      COLUMNS.map((c) => {
        const v = y[c.key];
        if (v === null) return null;
        if (c.key === 'year') return v;
        if (RATIOS.has(c.key)) return Math.round((v as number) * 1e6) / 1e4;
        return Math.round(v as number);
      })
    );
  years.columns.forEach((col, k) => {
    col.width = k === 0 ? 10 : 18;
    if (k > 0) col.numFmt = '#,##0';
  });
  fundsSheet(wb, lang, params, result);
  const bonds = wb.addWorksheet(lang === 'ja' ? '起債の条件' : 'Bond terms');
  bonds.addRow(
    lang === 'ja'
      ? [
          '起債の種類',
          '充当率（%）',
          '交付税算入率（%）',
          '利率（%）',
          '償還年限（年）',
          '据置期間（年）',
          '償還方法',
          '出典'
        ]
      : [
          'Bond type',
          'Coverage (%)',
          '交付税 share (%)',
          'Rate (%)',
          'Term (years)',
          'Grace (years)',
          'Repayment',
          'Source'
        ]
  ).font = { bold: true };
  for (const b of Object.values(params.bonds))
    bonds.addRow([
      b.label,
      b.coverage * 100,
      b.allowance * 100,
      b.rate * 100,
      b.years,
      b.grace,
      b.method === 'annuity'
        ? lang === 'ja'
          ? '元利均等'
          : 'equal payments'
        : lang === 'ja'
          ? '元金均等'
          : 'equal principal',
      b.source
    ]);
  const rules = wb.addWorksheet(lang === 'ja' ? 'ルール' : 'Rules');
  rules.addRow(
    lang === 'ja'
      ? ['資産区分', '工事の種類', '補助率（%）', '起債', '基金充当（%）', '取り崩す基金']
      : ['Asset class', 'Kind of work', 'Subsidy (%)', 'Bond', 'From the fund (%)', 'Fund drawn']
  ).font = { bold: true };
  const all = lang === 'ja' ? 'すべて' : 'All';
  for (const r of params.rules)
    rules.addRow([
      (r.assetClass === 'all' ? all : ASSET_CLASS_LABELS[r.assetClass][lang]) +
        (r.category ? `（${wordLabel('category', r.category, lang)}）` : ''),
      r.measure === 'all' ? all : MEASURE_LABELS[r.measure][lang],
      r.subsidy * 100,
      r.bond ? (params.bonds[r.bond]?.label ?? r.bond) : lang === 'ja' ? '起債しない' : 'none',
      r.fund * 100,
      params.funds[r.fundFrom ?? Object.keys(params.funds)[0]!]?.label ?? ''
    ]);
  for (const sheet of [bonds, rules]) sheet.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
