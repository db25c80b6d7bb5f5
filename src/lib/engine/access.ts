/**
 * Access to a service under a plan: per year, how many facilities offer it, how many people of the
 * age band it serves there are (and so facilities per 10,000 of them), and who lives farther than
 * the service's distance from the nearest one open — with the scenario's facilities, and with the
 * facilities open at its start on the same year's population. Those beyond reach under the plan
 * but within it today are the アクセス悪化人口: what the plan's closures cost, apart from the
 * population's own change. Straight-line distance from each small area's representative point.
 */

import type { AgeBand } from './population';

/** Metres between two points (an equirectangular approximation, good to 0.1 % within a city). */
export function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot((lon2 - lon1) * k, lat2 - lat1) * METRES_PER_DEGREE;
}

const METRES_PER_DEGREE = 111_195;

/** A place a service is offered: open in the fiscal years `from` ≤ y < `until`. */
export interface ServicePoint {
  lon: number;
  lat: number;
  from: number;
  until: number;
}

/** A small area: its representative point and its people of the served band at each year asked. */
export interface AccessArea {
  lon: number;
  lat: number;
  people: readonly number[];
}

export interface AccessYear {
  year: number;
  /** Facilities offering the service that year. */
  facilities: number;
  /** People of the band in the city that year. */
  people: number;
  /** Facilities per 10,000 people of the band (null when there are none). */
  per10k: number | null;
  /** People of the band farther than the distance from the nearest facility open that year. */
  beyond: number;
  /** Of them, those who would be within reach of the facilities open at the start (アクセス悪化人口). */
  worsened: number;
  /** People within reach that year who would not be with the facilities of the start (new ones). */
  improved: number;
}

export interface ServiceAccess {
  id: string;
  label: { ja: string; en: string };
  band: AgeBand;
  limit: number;
  source: { ja: string; en: string };
  /** Facilities offering it that have no place (not counted). */
  unplaced: number;
  years: AccessYear[];
}

export interface AccessOutlook {
  censusYear: number;
  /** The projection's assumptions (their source). */
  assumptions: string;
  services: ServiceAccess[];
}

const openIn = (p: ServicePoint, year: number) => p.from <= year && year < p.until;

/**
 * The access series for one service: `areas[i].people[k]` is area i's people in `years[k]`;
 * "today's" facilities are those open in `years[0]`. Each area's facilities within `limit` metres
 * are found once (points sorted by latitude, a band searched per area), then read every year.
 */
export function accessSeries(
  areas: readonly AccessArea[],
  points: readonly ServicePoint[],
  limit: number,
  years: readonly number[]
): AccessYear[] {
  const sorted = [...points].sort((a, b) => a.lat - b.lat);
  const lats = sorted.map((p) => p.lat);
  const band = limit / METRES_PER_DEGREE;
  const near: ServicePoint[][] = areas.map((a) => {
    const out: ServicePoint[] = [];
    for (let i = firstAtLeast(lats, a.lat - band); i < sorted.length; i++) {
      const p = sorted[i]!;
      if (p.lat > a.lat + band) break;
      if (metres(a.lon, a.lat, p.lon, p.lat) <= limit) out.push(p);
    }
    return out;
  });
  const start = years[0]!;
  const servedToday = near.map((list) => list.some((p) => openIn(p, start)));
  return years.map((year, k) => {
    let people = 0;
    let beyond = 0;
    let worsened = 0;
    let improved = 0;
    areas.forEach((a, i) => {
      const n = a.people[k] ?? 0;
      people += n;
      const served = near[i]!.some((p) => openIn(p, year));
      if (!served) beyond += n;
      if (!served && servedToday[i]) worsened += n;
      if (served && !servedToday[i]) improved += n;
    });
    const facilities = points.filter((p) => openIn(p, year)).length;
    return {
      year,
      facilities,
      people,
      per10k: people > 0 ? (facilities / people) * 10_000 : null,
      beyond,
      worsened,
      improved
    };
  });
}

/** The first index whose value is at least `x` in an ascending list. */
function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Several services' series at once (one task for the compute pool). */
export function accessSeriesAll(input: {
  services: { areas: AccessArea[]; points: ServicePoint[]; limit: number }[];
  years: number[];
}): AccessYear[][] {
  return input.services.map((s) => accessSeries(s.areas, s.points, s.limit, input.years));
}
