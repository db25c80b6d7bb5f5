/**
 * Candidates for review from demand (需要から見た見直し候補): each facility scored on four criteria,
 * each from 0 (no reason to review) to 1 (the strongest), and ranked by their mean — with the
 * evidence behind every criterion kept, so that the reader sees why, not only a number.
 *
 * - **Falling demand**: the change of the people it serves within its reach from the census year
 *   to the later year; a fall of 50 % or more scores 1, no fall 0.
 * - **Overlap**: the share of those people also within reach of another facility of the same
 *   group (the same service, else the same use).
 * - **Low use**: yearly users per ㎡ against the group's median: 0 at the median or above, 1 with
 *   no users; left out where the users are not recorded.
 * - **Condition**: the worst grade of its buildings (A 0, B ⅓, C ⅔, D 1); without a grade, the
 *   oldest building's age ÷ 60 years (at most 1); left out with neither.
 *
 * A criterion left out does not count in the mean (the number of criteria used is kept).
 */
import { metres } from './access';
import { atYear, inBand, type AgeBand, type Cohorts } from './population';

export interface CandidateFacility {
  code: string;
  /** Facilities compared with each other (a service id, else the use category). */
  group: string;
  lon: number;
  lat: number;
  /** Its catchment (m, straight line). */
  reach: number;
  /** Which of an area's counts it serves (an index into `CandidateArea.now` / `.later`). */
  band: number;
  floorArea: number;
  yearlyUsers: number | null;
  worstGrade: string | null;
  oldestYear: number | null;
}

export interface CandidateArea {
  lon: number;
  lat: number;
  /** People per band in the census year and in the later year. */
  now: readonly number[];
  later: readonly number[];
}

export interface Candidate {
  code: string;
  score: number;
  /** How many of the four criteria could be scored. */
  criteria: number;
  demand: { now: number; later: number; change: number | null; score: number | null };
  overlap: { share: number | null; score: number | null };
  use: { perM2: number | null; median: number | null; score: number | null };
  condition: { grade: string | null; age: number | null; score: number | null };
}

const GRADE_SCORE: Record<string, number> = { A: 0, B: 1 / 3, C: 2 / 3, D: 1 };

const clamp = (v: number) => Math.min(1, Math.max(0, v));

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The facilities scored and ranked, the strongest candidates first (ties by code). */
export function rankCandidates(
  facilities: readonly CandidateFacility[],
  areas: readonly CandidateArea[],
  year: number
): Candidate[] {
  // Each facility's areas within reach, found through areas sorted by latitude.
  const order = areas.map((_, i) => i).sort((a, b) => areas[a]!.lat - areas[b]!.lat);
  const lats = order.map((i) => areas[i]!.lat);
  const reachOf = facilities.map((f) => {
    const band = f.reach / 111_195;
    const out: number[] = [];
    let lo = 0;
    let hi = lats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lats[mid]! < f.lat - band) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && lats[k]! <= f.lat + band; k++) {
      const a = areas[order[k]!]!;
      if (metres(f.lon, f.lat, a.lon, a.lat) <= f.reach) out.push(order[k]!);
    }
    return out;
  });
  // Per group: how many of its facilities reach each area.
  const reached = new Map<string, Map<number, number>>();
  facilities.forEach((f, k) => {
    const counts = reached.get(f.group) ?? new Map<number, number>();
    for (const i of reachOf[k]!) counts.set(i, (counts.get(i) ?? 0) + 1);
    reached.set(f.group, counts);
  });
  const perM2 = (f: CandidateFacility) =>
    f.yearlyUsers !== null && f.floorArea > 0 ? f.yearlyUsers / f.floorArea : null;
  const medians = new Map<string, number | null>();
  for (const group of new Set(facilities.map((f) => f.group)))
    medians.set(
      group,
      median(
        facilities
          .filter((f) => f.group === group)
          .map(perM2)
          .filter((v): v is number => v !== null)
      )
    );

  const ranked = facilities.map((f, k): Candidate => {
    let now = 0;
    let later = 0;
    let shared = 0;
    const counts = reached.get(f.group)!;
    for (const i of reachOf[k]!) {
      now += areas[i]!.now[f.band] ?? 0;
      later += areas[i]!.later[f.band] ?? 0;
      if (counts.get(i)! > 1) shared += areas[i]!.now[f.band] ?? 0;
    }
    const change = now > 0 ? later / now - 1 : null;
    const demandScore = change === null ? null : clamp(-change / 0.5);
    const share = now > 0 ? shared / now : null;
    const use = perM2(f);
    const mid = medians.get(f.group) ?? null;
    const useScore = use === null || mid === null || mid <= 0 ? null : clamp(1 - use / mid);
    const age = f.oldestYear === null ? null : Math.max(0, year - f.oldestYear);
    const conditionScore =
      f.worstGrade !== null && f.worstGrade in GRADE_SCORE
        ? GRADE_SCORE[f.worstGrade]!
        : age === null
          ? null
          : Math.min(1, age / 60);
    const scores = [demandScore, share, useScore, conditionScore].filter(
      (v): v is number => v !== null
    );
    return {
      code: f.code,
      score: scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : 0,
      criteria: scores.length,
      demand: { now, later, change, score: demandScore },
      overlap: { share, score: share },
      use: { perM2: use, median: mid, score: useScore },
      condition: { grade: f.worstGrade, age, score: conditionScore }
    };
  });
  return ranked.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
}

/**
 * Each census area's people per age band (in `bands`' order) in the census year and in `later`,
 * from its projected cohorts at `years`.
 */
export function candidateAreas(
  outlook: {
    censusYear: number;
    years: readonly number[];
    areas: readonly { lon: number; lat: number; cohorts: readonly Cohorts[] }[];
  },
  bands: readonly AgeBand[],
  later: number
): CandidateArea[] {
  return outlook.areas.map((a) => {
    const at = (year: number) =>
      bands.map((band) =>
        atYear(
          outlook.years,
          a.cohorts.map((c) => inBand(c, band)),
          year
        )
      );
    return { lon: a.lon, lat: a.lat, now: at(outlook.censusYear), later: at(later) };
  });
}
