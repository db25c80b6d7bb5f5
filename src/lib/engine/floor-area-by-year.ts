/**
 * 築年別延床面積: floor area of buildings by fiscal year built, stacked by use category — the chart
 * every 公共施設等総合管理計画 opens with — and the shares plans quote beside it.
 */
import { BUILDING_CATEGORIES, type BuildingCategory } from './asset-classes';

export interface FloorAreaInput {
  /** Fiscal year built, or null when unknown. */
  yearBuilt: number | null;
  category: string;
  /** Floor area in ㎡. */
  area: number;
}

export interface FloorAreaByYear {
  /** Every fiscal year from the oldest to the newest building, gaps included. */
  years: number[];
  /** One series per category present, in the 総務省 category order; values align with `years`. */
  series: { category: BuildingCategory | string; values: number[] }[];
  /** Floor area whose construction year is unknown (not in the series). */
  unknownYearArea: number;
  totalArea: number;
  /** Built in FY1980 or before: designed before the 1981 seismic code (新耐震基準, June 1981). */
  oldSeismicCodeArea: number;
  /** At least 30 years old in `asOfYear` (the age at which the 総務省 method renovates). */
  olderThan30Area: number;
}

/**
 * Aggregates floor area by year and category.
 * @param rows floor areas (㎡) with their year built and category; several rows may share both.
 * @param asOfYear the fiscal year ages are measured in.
 */
export function floorAreaByYear(
  rows: readonly FloorAreaInput[],
  asOfYear: number
): FloorAreaByYear {
  const known = rows.filter((r) => r.yearBuilt !== null) as (FloorAreaInput & {
    yearBuilt: number;
  })[];
  const years: number[] = [];
  if (known.length > 0) {
    const first = Math.min(...known.map((r) => r.yearBuilt));
    const last = Math.max(...known.map((r) => r.yearBuilt));
    for (let y = first; y <= last; y++) years.push(y);
  }
  const order = categoryOrder(rows);
  const index = new Map(order.map((c, i) => [c, i]));
  const series = order.map((category) => ({ category, values: years.map(() => 0) }));
  let unknownYearArea = 0;
  let totalArea = 0;
  let oldSeismicCodeArea = 0;
  let olderThan30Area = 0;
  for (const row of rows) {
    totalArea += row.area;
    if (row.yearBuilt === null) {
      unknownYearArea += row.area;
      continue;
    }
    series[index.get(row.category)!]!.values[row.yearBuilt - years[0]!]! += row.area;
    if (row.yearBuilt <= 1980) oldSeismicCodeArea += row.area;
    if (asOfYear - row.yearBuilt >= 30) olderThan30Area += row.area;
  }
  return { years, series, unknownYearArea, totalArea, oldSeismicCodeArea, olderThan30Area };
}

export interface AgeProfile {
  /** Age bands in years: [from, to] inclusive; the last is open (`to` null). */
  bands: { from: number; to: number | null }[];
  /** Floor area (㎡) per band, one series per category present, in the 総務省 category order. */
  series: { category: BuildingCategory | string; values: number[] }[];
  /** Floor area of unknown age (not in the series). */
  unknownYearArea: number;
  totalArea: number;
}

/** The categories present, in the 総務省 order, then any other in alphabetical order. */
function categoryOrder(rows: readonly FloorAreaInput[]): string[] {
  const present = new Set(rows.map((r) => r.category));
  return [
    ...BUILDING_CATEGORIES.filter((c) => present.has(c)),
    ...[...present].filter((c) => !(BUILDING_CATEGORIES as readonly string[]).includes(c)).sort()
  ];
}

/**
 * The age profile: floor area by age in `asOfYear` (bands of `width` years, the last open), by
 * category. A building built in `asOfYear` is 0 years old; one "built" later is left out.
 */
export function ageProfile(
  rows: readonly FloorAreaInput[],
  asOfYear: number,
  width = 10,
  count = 6
): AgeProfile {
  const bands = Array.from({ length: count }, (_, k) => ({
    from: k * width,
    to: k === count - 1 ? null : (k + 1) * width - 1
  }));
  const built = rows.filter((r) => r.yearBuilt === null || r.yearBuilt <= asOfYear);
  const order = categoryOrder(built);
  const index = new Map(order.map((c, i) => [c, i]));
  const series = order.map((category) => ({ category, values: bands.map(() => 0) }));
  let unknownYearArea = 0;
  let totalArea = 0;
  for (const row of built) {
    totalArea += row.area;
    if (row.yearBuilt === null) {
      unknownYearArea += row.area;
      continue;
    }
    const band = Math.min(count - 1, Math.floor((asOfYear - row.yearBuilt) / width));
    series[index.get(row.category)!]!.values[band]! += row.area;
  }
  return { bands, series, unknownYearArea, totalArea };
}
