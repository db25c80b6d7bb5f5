/**
 * Calibrating the condition model from a city's own inspections: the yearly Markov matrix of a
 * graded class fitted by maximum likelihood to pairs of successive inspections of the same asset
 * (and part), whatever the years between them — the probability of the second grade given the
 * first is the matrix raised to the years between. The chain is the one the 点検 guides assume:
 * each year an asset stays in its grade or moves down one (the last grade keeps it); a pair whose
 * second grade is better than its first (a repair between, or a different inspector's reading)
 * says nothing about deterioration and is left out, and counted. Pure.
 */

/** One pair of successive inspections: grade indices and the years between. */
export interface InspectionPair {
  from: number;
  to: number;
  years: number;
  /** How many such pairs (grouped counts from the database); 1 when absent. */
  count?: number;
}

export interface MarkovFit {
  /** Yearly probability of staying in each grade (the last is 1). */
  stay: number[];
  /** The fitted yearly matrix (rows: from, columns: to). */
  matrix: number[][];
  /** Pairs used, and pairs left out (improved, or no years between). */
  pairs: number;
  excluded: number;
  /** Pairs starting in each grade (a grade with few says little: its probability is uncertain). */
  pairsFrom: number[];
  /** Per starting grade: the second grades observed and those the fit predicts (counts). */
  check: { from: number; observed: number[]; predicted: number[] }[];
}

/** The yearly matrix of a one-step chain with these stay probabilities. */
export function markovMatrix(stay: readonly number[]): number[][] {
  const n = stay.length;
  return stay.map((p, i) =>
    Array.from({ length: n }, (_, j) =>
      i === n - 1 ? (j === i ? 1 : 0) : j === i ? p : j === i + 1 ? 1 - p : 0
    )
  );
}

function multiply(a: readonly number[][], b: readonly number[][]): number[][] {
  const n = a.length;
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const x = a[i]![k]!;
      if (x === 0) continue;
      for (let j = 0; j < n; j++) out[i]![j]! += x * b[k]![j]!;
    }
  return out;
}

/** The matrix to the powers 1 … maxYears. */
export function powers(matrix: number[][], maxYears: number): number[][][] {
  const out = [matrix];
  for (let t = 2; t <= maxYears; t++) out.push(multiply(out[t - 2]!, matrix));
  return out;
}

/** The most years between two inspections a pair may span (longer ones say little). */
export const MAX_PAIR_YEARS = 30;

/**
 * Fits the stay probabilities of an `n`-grade chain to the pairs (coordinate ascent on the
 * log-likelihood, a golden-section search per grade). Grades with no pair starting in them keep
 * `prior` (they cannot be fitted: the result says how many pairs each grade had).
 */
export function fitMarkov(pairs: readonly InspectionPair[], n: number, prior = 0.9): MarkovFit {
  // Counts by (from, years, to): the likelihood needs only these.
  const counts = new Map<string, number>();
  let used = 0;
  let excluded = 0;
  let maxYears = 1;
  const pairsFrom = new Array<number>(n).fill(0);
  for (const p of pairs) {
    const k = p.count ?? 1;
    if (p.years < 1 || p.years > MAX_PAIR_YEARS || p.to < p.from || p.from < 0 || p.to >= n) {
      excluded += k;
      continue;
    }
    used += k;
    pairsFrom[p.from]! += k;
    maxYears = Math.max(maxYears, Math.round(p.years));
    const key = `${p.from},${Math.round(p.years)},${p.to}`;
    counts.set(key, (counts.get(key) ?? 0) + k);
  }
  const cells = [...counts].map(([key, count]) => {
    const [from, years, to] = key.split(',').map(Number) as [number, number, number];
    return { from, years, to, count };
  });
  const logLikelihood = (stay: number[]) => {
    const pw = powers(markovMatrix(stay), maxYears);
    let ll = 0;
    for (const c of cells)
      ll += c.count * Math.log(Math.max(1e-300, pw[c.years - 1]![c.from]![c.to]!));
    return ll;
  };
  const stay = Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : prior));
  const PHI = (Math.sqrt(5) - 1) / 2;
  for (let round = 0; round < 30; round++) {
    let moved = 0;
    for (let i = 0; i < n - 1; i++) {
      if (!cells.some((c) => c.from <= i && c.to >= i)) continue; // no pair passes this grade
      let [lo, hi] = [1e-4, 1 - 1e-4];
      const at = (p: number) => {
        const s = [...stay];
        s[i] = p;
        return logLikelihood(s);
      };
      let a = hi - PHI * (hi - lo);
      let b = lo + PHI * (hi - lo);
      let fa = at(a);
      let fb = at(b);
      for (let k = 0; k < 40; k++) {
        if (fa < fb) {
          lo = a;
          a = b;
          fa = fb;
          b = lo + PHI * (hi - lo);
          fb = at(b);
        } else {
          hi = b;
          b = a;
          fb = fa;
          a = hi - PHI * (hi - lo);
          fa = at(a);
        }
      }
      const best = (lo + hi) / 2;
      moved = Math.max(moved, Math.abs(best - stay[i]!));
      stay[i] = best;
    }
    if (moved < 1e-6) break;
  }
  const matrix = markovMatrix(stay);
  const pw = powers(matrix, maxYears);
  const check = Array.from({ length: n }, (_, from) => ({
    from,
    observed: new Array<number>(n).fill(0),
    predicted: new Array<number>(n).fill(0)
  }));
  for (const c of cells) {
    check[c.from]!.observed[c.to]! += c.count;
    for (let j = 0; j < n; j++)
      check[c.from]!.predicted[j]! += c.count * pw[c.years - 1]![c.from]![j]!;
  }
  return {
    stay,
    matrix,
    pairs: used,
    excluded,
    pairsFrom,
    check: check.filter((c) => pairsFrom[c.from]! > 0)
  };
}
