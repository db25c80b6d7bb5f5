/**
 * Colours and money units shared by every chart: one colour per work type, per asset class and
 * per compared scenario, the same on every page; yen shown in 億円, 百万円 or 千円.
 */
import type { AssetClass } from '$lib/engine/asset-classes';
import type { WorkType } from '$lib/engine/work-types';
import { formatNumber, type Lang } from '$lib/i18n/messages';

export const WORK_COLORS: Record<WorkType, string> = {
  rebuild: '#c0392b',
  renovation: '#2e86c1',
  life_extension: '#17a589',
  midlife_repair: '#a9cce3',
  replacement: '#7d3c98',
  backlog_rebuild: '#e6b0aa',
  backlog_renovation: '#aed6f1',
  backlog_life_extension: '#a2d9ce',
  backlog_replacement: '#d2b4de',
  new_construction: '#f39c12',
  demolition: '#7f8c8d'
};

/** The same colour per asset class as on the map. */
export const CLASS_COLORS: Record<AssetClass, string> = {
  building: '#d7301f',
  road: '#7d868c',
  bridge: '#6a3d9a',
  water_pipe: '#1f78b4',
  sewer_pipe: '#8c6d31'
};

/** One colour per scenario of a comparison, in order. */
export const SCENARIO_COLORS = ['#1f4e79', '#c0392b', '#27ae60', '#8e44ad'];

export const MONEY_UNITS = {
  oku: { divisor: 1e8, ja: '億円', en: '100M yen', digits: 2 },
  million: { divisor: 1e6, ja: '百万円', en: 'million yen', digits: 0 },
  thousand: { divisor: 1e3, ja: '千円', en: 'thousand yen', digits: 0 }
} as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;

/** Yen in a unit, formatted for the language (億円 with two decimals). */
export const inUnit = (lang: Lang, unit: MoneyUnit, yen: number): string =>
  formatNumber(lang, yen / MONEY_UNITS[unit].divisor, MONEY_UNITS[unit].digits);

/** Yen in 億円 with two decimals. */
export const oku = (lang: Lang, yen: number): string => inUnit(lang, 'oku', yen);

/** Exact yen for tooltips: "1,234,567,890 円" / "1,234,567,890 yen". */
export const exactYen = (lang: Lang, yen: number): string =>
  `${formatNumber(lang, Math.round(yen))} ${lang === 'ja' ? '円' : 'yen'}`;

/** A waterfall's bars: what lowers spending, what raises it, deferral (neither), the totals. */
export const WATERFALL_COLORS = {
  down: '#2e7d32',
  up: '#c62828',
  deferred: '#b7791f',
  total: '#4a5568'
};
