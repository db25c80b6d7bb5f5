/**
 * 有形固定資産減価償却率 — the share of the depreciable tangible assets' acquisition value already
 * depreciated — as the 統一的な基準 (統一的な基準による地方公会計) computes it from the fixed-asset
 * register (固定資産台帳): straight-line (定額法) at the rate of the 耐用年数省令 (別表第十, the
 * rates for assets acquired from FY2007: 1 ÷ life rounded up to three decimals, e.g. 47 years →
 * 0.022), no residual value, and an asset past its life held at the 備忘価額 of 1 yen. Each year's
 * depreciation is rounded down to the yen.
 *
 * The first year is a city's choice (its ledger's convention varies; the setting
 * `depreciation_first_year`): `months` — by the months from acquisition to March (acquired in
 * April: 12/12, in March: 1/12; the fiscal year's start when only the year is known); `full` — a
 * whole year in the year of acquisition; `next_year` — from the year after.
 *
 * Status: the definition (減価償却累計額 ÷ 取得価額, land excluded) confirmed (財政状況資料集); the
 * rate table and the first-year rule to confirm against a city's ledger (hence the setting).
 */
import { fiscalYearOf } from './asset-classes';

export const FIRST_YEAR_RULES = ['months', 'full', 'next_year'] as const;
export type FirstYearRule = (typeof FIRST_YEAR_RULES)[number];

/** One depreciable asset of the register. */
export interface LedgerAsset {
  /** 取得価額 (yen, > 0). */
  acquisitionYen: number;
  /** 耐用年数 (years, ≥ 1). */
  lifeYears: number;
  /** The fiscal year acquired, and the calendar month (1–12) where the date is known. */
  acquiredYear: number;
  acquiredMonth: number | null;
  /** The last fiscal year it was held (disposed of after it), or null: still held. */
  disposedYear?: number | null;
}

/** The 耐用年数省令's straight-line rate for a life: 1 ÷ life rounded up to 0.001 (別表第十). */
export function straightLineRate(lifeYears: number): number {
  if (!(lifeYears >= 1)) throw new RangeError(`service life must be ≥ 1 year: ${lifeYears}`);
  return Math.ceil(1000 / lifeYears - 1e-9) / 1000;
}

/** Months of the first fiscal year the asset was held: April → 12 … March → 1. */
export function monthsInFirstYear(month: number): number {
  return month >= 4 ? 16 - month : 4 - month;
}

/** The asset's accumulated depreciation (yen) at the end of fiscal year `year`. */
export function accumulatedDepreciation(
  asset: LedgerAsset,
  year: number,
  rule: FirstYearRule
): number {
  if (year < asset.acquiredYear) return 0;
  const annual = Math.floor(asset.acquisitionYen * straightLineRate(asset.lifeYears));
  let first: number;
  if (rule === 'full') first = annual;
  else if (rule === 'next_year') first = 0;
  else first = Math.floor((annual * monthsInFirstYear(asset.acquiredMonth ?? 4)) / 12);
  const total = first + annual * (year - asset.acquiredYear);
  // Never below the 備忘価額 of 1 yen.
  return Math.max(0, Math.min(total, asset.acquisitionYen - 1));
}

/** Whether the asset was in the register at the end of fiscal year `year`. */
export const heldAt = (asset: LedgerAsset, year: number): boolean =>
  asset.acquiredYear <= year && (asset.disposedYear == null || year <= asset.disposedYear);

/** The ratio at the end of one fiscal year, with its numerator and denominator. */
export interface DepreciationPoint {
  year: number;
  acquisitionYen: number;
  accumulatedYen: number;
  /** accumulated ÷ acquisition (0–1), or null with no depreciable asset held. */
  ratio: number | null;
  assets: number;
}

/** The ratio at the end of each of `years`, over the assets held then (the register as it stood). */
export function depreciationSeries(
  assets: readonly LedgerAsset[],
  years: readonly number[],
  rule: FirstYearRule
): DepreciationPoint[] {
  return years.map((year) => {
    let acquisitionYen = 0;
    let accumulatedYen = 0;
    let count = 0;
    for (const a of assets) {
      if (!heldAt(a, year)) continue;
      acquisitionYen += a.acquisitionYen;
      accumulatedYen += accumulatedDepreciation(a, year, rule);
      count++;
    }
    return {
      year,
      acquisitionYen,
      accumulatedYen,
      ratio: acquisitionYen > 0 ? accumulatedYen / acquisitionYen : null,
      assets: count
    };
  });
}

/**
 * A register row as a ledger asset, or null when it cannot be depreciated (no 取得価額 or 耐用年数,
 * or no year): the acquisition date's fiscal year and month where known, else the year built.
 */
export function ledgerAsset(row: {
  acquisitionYen: number | null;
  serviceLifeYears: number | null;
  acquiredOn: string | null;
  yearBuilt: number | null;
  disposedYear?: number | null;
}): LedgerAsset | null {
  if (!(row.acquisitionYen && row.acquisitionYen > 0)) return null;
  if (!(row.serviceLifeYears && row.serviceLifeYears >= 1)) return null;
  const m = row.acquiredOn ? /^(\d{4})-(\d{2})-\d{2}$/.exec(row.acquiredOn) : null;
  const acquiredYear = m ? fiscalYearOf(Number(m[1]), Number(m[2])) : row.yearBuilt;
  if (acquiredYear == null) return null;
  return {
    acquisitionYen: row.acquisitionYen,
    lifeYears: row.serviceLifeYears,
    acquiredYear,
    acquiredMonth: m ? Number(m[2]) : null,
    disposedYear: row.disposedYear ?? null
  };
}
