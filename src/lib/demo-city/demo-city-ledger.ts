/**
 * The demo city's fixed-asset register (固定資産台帳) columns: 取得価額, 耐用年数 and 取得年月日 for
 * each asset of known year — synthetic, so that the plan report's 有形固定資産減価償却率 has a
 * ledger to read. A real city imports its own register.
 *
 * - 取得価額: the 総務省 method's rebuild (or renewal) unit cost times the quantity, at the price
 *   level of the year built: a synthetic index shaped like the construction-cost deflator (1.0 in
 *   1990, a quarter of it in 1960, falling slightly after the bubble, rising after 2015).
 * - 耐用年数: 減価償却資産の耐用年数等に関する省令 別表第一 for buildings by structure and use
 *   (RC 50 offices / 47 schools and housing, steel 38 / 34, timber 24 / 22, block 41 / 38, light
 *   steel 27 / 19); pavement 10, bridges 60, water mains 40, sewers 50 (地方公営企業法施行規則
 *   別表第二号). Status: to confirm (commonly cited values), as the demo only needs plausible ones.
 * - 取得年月日: a month of the fiscal year built, fixed by the asset's code (no randomness).
 */
import type { DemoAssetRecord } from './demo-city';
import { soumu } from '../engine/standards/soumu';

/** The synthetic price index (1990 = 1.0), linear between these points. */
const PRICE_INDEX: [number, number][] = [
  [1950, 0.18],
  [1960, 0.25],
  [1970, 0.45],
  [1980, 0.85],
  [1990, 1.0],
  [2000, 0.95],
  [2010, 0.9],
  [2015, 0.97],
  [2026, 1.25]
];

export function priceIndex(year: number): number {
  const points = PRICE_INDEX;
  if (year <= points[0]![0]) return points[0]![1];
  for (let k = 1; k < points.length; k++) {
    const [y1, v1] = points[k]!;
    const [y0, v0] = points[k - 1]!;
    if (year <= y1) return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
  }
  return points[points.length - 1]![1];
}

/** 耐用年数 of a building by structure: [offices and others, schools and housing]. */
const BUILDING_LIFE: Record<string, [number, number]> = {
  src: [50, 47],
  rc: [50, 47],
  steel: [38, 34],
  light_steel: [27, 19],
  block: [41, 38],
  wood: [24, 22]
};
const SCHOOL_LIKE = new Set(['school', 'public_housing', 'childcare']);

const INFRASTRUCTURE: Record<string, { life: number; yenPer: number }> = {
  road: { life: 10, yenPer: soumu.roads.unitCosts.general! },
  bridge: { life: 60, yenPer: soumu.bridges.unitCosts.unknown! },
  water_pipe: { life: 40, yenPer: 100_000 },
  sewer_pipe: { life: 50, yenPer: 124_000 }
};

/** A small stable number from a code (0 ≤ n < modulo). */
function codeHash(code: string, modulo: number): number {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % modulo;
}

export interface LedgerColumns {
  acquisition_yen: number | null;
  service_life_years: number | null;
  acquired_on: string | null;
}

/** The register's columns for one demo asset (all null when its year is unknown). */
export function ledgerColumns(a: DemoAssetRecord): LedgerColumns {
  if (a.year_built === null)
    return { acquisition_yen: null, service_life_years: null, acquired_on: null };
  let life: number;
  let yenPer: number;
  if (a.asset_class === 'building') {
    const [office, school] = BUILDING_LIFE[a.structure ?? 'rc'] ?? BUILDING_LIFE.rc!;
    life = SCHOOL_LIKE.has(a.category) ? school : office;
    yenPer = soumu.buildings.unitCosts[a.category]?.rebuild ?? 360_000;
  } else {
    ({ life, yenPer } = INFRASTRUCTURE[a.asset_class]!);
  }
  // Fiscal year Y runs April Y – March Y+1: months 4–12 fall in Y, 1–3 in Y+1.
  const month = 4 + codeHash(a.code, 12);
  const [year, m] = month <= 12 ? [a.year_built, month] : [a.year_built + 1, month - 12];
  return {
    acquisition_yen: Math.round((a.quantity * yenPer * priceIndex(a.year_built)) / 1_000) * 1_000,
    service_life_years: life,
    acquired_on: `${year}-${String(m).padStart(2, '0')}-01`
  };
}
