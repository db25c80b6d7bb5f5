/**
 * What the plan report is made from — everything the server reads (the register's aggregates, the
 * fixed-asset ledger's ratio, the works done, two scenarios' runs, the targets' paths, the city's
 * settings) as plain numbers, so that the sections, the printed document and the workbook are
 * pure functions of it (report-sections.ts).
 */
import type { AssetClass } from '../engine/asset-classes';
import type { DepreciationPoint, FirstYearRule } from '../engine/depreciation';
import type { TargetPath } from '../plan/targets';
import type { Said } from '../i18n/said';

export const REPORT_SECTIONS = [
  'current',
  'history',
  'measures',
  'costs',
  'targets',
  'policies'
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

/** A scenario's run as the report uses it. */
export interface ReportScenario {
  id: number;
  name: string;
  standard: string;
  startYear: number;
  years: number;
  /** The run's headline: the same figures as the scenario page. */
  total: number;
  annualAverage: number;
  /** Money per fiscal year (spent; the need when nothing limits it) and by class. */
  byYear: number[];
  byClass: Partial<Record<AssetClass, number[]>>;
  /** Buildings' floor area at the end of each year. */
  stockArea: number[];
  computedAt: string;
}

export interface ReportData {
  city: {
    nameJa: string;
    nameEn: string;
    /** 全国地方公共団体コード (6 digits) or null when not set. */
    code: string | null;
    population: number | null;
    synthetic: boolean;
  };
  /** The fiscal year the data describes. */
  asOfYear: number;
  generatedAt: string;
  stock: { assetClass: string; category: string; unit: string; count: number; quantity: number }[];
  facilities: { category: string; active: number; closed: number; shelters: number }[];
  /** Buildings in service: floor area by fiscal year built (null: unknown). */
  areaByYear: { year: number | null; area: number }[];
  grades: { grade: string | null; count: number; area: number }[];
  bridgeGrades: { grade: string | null; count: number }[];
  /** Null: no hazard zones imported. */
  hazard: {
    buildings: number;
    area: number;
    shelters: number;
    sheltersInZones: number;
  } | null;
  /** The buildings' floor area at the end of each past fiscal year, as the register stood. */
  history: { year: number; area: number }[];
  depreciation: {
    rule: FirstYearRule;
    total: DepreciationPoint[];
    byClass: Partial<Record<AssetClass, DepreciationPoint[]>>;
    /** Assets in service without 取得価額 or 耐用年数 (left out of the ratio). */
    withoutLedger: number;
    /** 類似団体平均 the user entered (%, for the latest year), or null. */
    similar: number | null;
  };
  actuals: {
    year: number;
    workType: string;
    assetClass: string | null;
    count: number;
    cost: number;
    noCost: number;
  }[];
  projection: {
    reference: ReportScenario | null;
    measures: ReportScenario | null;
    /** Why the measures scenario is not shown (capped, another start year …), or null. */
    refused: Said | null;
  };
  running: {
    /** Facilities whose card gives a yearly cost, and that cost. */
    fromCards: { facilities: number; yen: number };
    /** Facilities without, priced at the per-㎡ default of their use. */
    fromDefaults: { facilities: number; area: number; yen: number };
    /** 円/㎡/年 by use, and where the figures come from. */
    defaults: Record<string, number>;
    defaultsSource: string;
  };
  /** 充当可能な財源 per year (yen) and where it comes from, or null when unknown. */
  funding: { perYear: number[] | null; source: 'setting' | 'recent_investment' | null };
  targets: { scenario: { id: number; name: string } | null; paths: TargetPath[] };
  policies: {
    category: string;
    counts: Record<string, number>;
    areas: Record<string, number>;
  }[];
  /** The section texts as the city wrote them (templates; null: Hozen's default). */
  texts: Partial<Record<ReportSectionId, string>>;
}
